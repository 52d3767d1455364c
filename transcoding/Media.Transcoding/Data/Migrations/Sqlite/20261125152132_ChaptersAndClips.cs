using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Transcoding.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChaptersAndClips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Chapters",
                table: "lesson_transcodes",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "ClipEndSeconds",
                table: "lesson_transcodes",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ClipStartSeconds",
                table: "lesson_transcodes",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "IntegratedLoudness",
                table: "lesson_transcodes",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Chapters",
                table: "lesson_transcodes");

            migrationBuilder.DropColumn(
                name: "ClipEndSeconds",
                table: "lesson_transcodes");

            migrationBuilder.DropColumn(
                name: "ClipStartSeconds",
                table: "lesson_transcodes");

            migrationBuilder.DropColumn(
                name: "IntegratedLoudness",
                table: "lesson_transcodes");
        }
    }
}
