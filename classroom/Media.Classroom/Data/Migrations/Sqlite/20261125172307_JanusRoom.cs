using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Classroom.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class JanusRoom : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "JanusRoom",
                table: "sessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JanusSecret",
                table: "sessions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "JanusRoom",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "JanusSecret",
                table: "sessions");
        }
    }
}
