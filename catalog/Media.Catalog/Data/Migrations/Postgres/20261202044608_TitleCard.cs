using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Catalog.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TitleCard : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TitleCard",
                schema: "catalog",
                table: "lessons",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "TitleFromFileName",
                schema: "catalog",
                table: "lessons",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TitleCard",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "TitleFromFileName",
                schema: "catalog",
                table: "lessons");
        }
    }
}
