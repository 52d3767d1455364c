using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Catalog.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LessonAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Access",
                table: "lessons",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "signed-in");

            migrationBuilder.AddColumn<Guid>(
                name: "AccessScope",
                table: "lessons",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Access",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "AccessScope",
                table: "lessons");
        }
    }
}
