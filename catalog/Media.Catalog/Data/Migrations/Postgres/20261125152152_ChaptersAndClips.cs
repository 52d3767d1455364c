using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Catalog.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChaptersAndClips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Chapters",
                schema: "catalog",
                table: "lessons",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "ChaptersEdited",
                schema: "catalog",
                table: "lessons",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "ClipEndSeconds",
                schema: "catalog",
                table: "lessons",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ClipStartSeconds",
                schema: "catalog",
                table: "lessons",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ParentLessonId",
                schema: "catalog",
                table: "lessons",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_lessons_ParentLessonId",
                schema: "catalog",
                table: "lessons",
                column: "ParentLessonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_lessons_ParentLessonId",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "Chapters",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "ChaptersEdited",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "ClipEndSeconds",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "ClipStartSeconds",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "ParentLessonId",
                schema: "catalog",
                table: "lessons");
        }
    }
}
