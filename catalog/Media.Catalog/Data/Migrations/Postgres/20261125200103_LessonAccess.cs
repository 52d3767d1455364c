using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Catalog.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LessonAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Access",
                schema: "catalog",
                table: "lessons",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "signed-in");

            migrationBuilder.AddColumn<Guid>(
                name: "AccessScope",
                schema: "catalog",
                table: "lessons",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Access",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "AccessScope",
                schema: "catalog",
                table: "lessons");
        }
    }
}
