using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Catalog.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChaptersAndClips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Chapters",
                table: "lessons",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "ChaptersEdited",
                table: "lessons",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "ClipEndSeconds",
                table: "lessons",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ClipStartSeconds",
                table: "lessons",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ParentLessonId",
                table: "lessons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_lessons_ParentLessonId",
                table: "lessons",
                column: "ParentLessonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_lessons_ParentLessonId",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "Chapters",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "ChaptersEdited",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "ClipEndSeconds",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "ClipStartSeconds",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "ParentLessonId",
                table: "lessons");
        }
    }
}
