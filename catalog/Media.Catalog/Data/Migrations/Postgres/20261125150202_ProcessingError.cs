using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Catalog.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProcessingError : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProcessingError",
                schema: "catalog",
                table: "lessons",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProcessingError",
                schema: "catalog",
                table: "lessons");
        }
    }
}
