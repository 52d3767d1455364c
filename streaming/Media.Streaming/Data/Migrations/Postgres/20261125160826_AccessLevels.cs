using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Streaming.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccessLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Access",
                schema: "streaming",
                table: "lesson_delivery",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Access",
                schema: "streaming",
                table: "lesson_delivery");
        }
    }
}
