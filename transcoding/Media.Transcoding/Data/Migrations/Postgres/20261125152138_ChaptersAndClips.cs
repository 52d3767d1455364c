using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Transcoding.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChaptersAndClips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Chapters",
                schema: "transcoding",
                table: "lesson_transcodes",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "ClipEndSeconds",
                schema: "transcoding",
                table: "lesson_transcodes",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "ClipStartSeconds",
                schema: "transcoding",
                table: "lesson_transcodes",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "IntegratedLoudness",
                schema: "transcoding",
                table: "lesson_transcodes",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Chapters",
                schema: "transcoding",
                table: "lesson_transcodes");

            migrationBuilder.DropColumn(
                name: "ClipEndSeconds",
                schema: "transcoding",
                table: "lesson_transcodes");

            migrationBuilder.DropColumn(
                name: "ClipStartSeconds",
                schema: "transcoding",
                table: "lesson_transcodes");

            migrationBuilder.DropColumn(
                name: "IntegratedLoudness",
                schema: "transcoding",
                table: "lesson_transcodes");
        }
    }
}
