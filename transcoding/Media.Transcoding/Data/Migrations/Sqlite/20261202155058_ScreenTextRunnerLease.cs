using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Transcoding.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScreenTextRunnerLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WriterLease",
                table: "lesson_screen_texts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WriterLeaseExpiresAt",
                table: "lesson_screen_texts",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WriterLease",
                table: "lesson_screen_texts");

            migrationBuilder.DropColumn(
                name: "WriterLeaseExpiresAt",
                table: "lesson_screen_texts");
        }
    }
}
