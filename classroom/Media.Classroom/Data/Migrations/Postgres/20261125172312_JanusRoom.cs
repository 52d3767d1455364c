using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Classroom.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JanusRoom : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "JanusRoom",
                schema: "classroom",
                table: "sessions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JanusSecret",
                schema: "classroom",
                table: "sessions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "JanusRoom",
                schema: "classroom",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "JanusSecret",
                schema: "classroom",
                table: "sessions");
        }
    }
}
