using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Transcoding.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScreenTextRunnerLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WriterLease",
                schema: "transcoding",
                table: "lesson_screen_texts",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WriterLeaseExpiresAt",
                schema: "transcoding",
                table: "lesson_screen_texts",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WriterLease",
                schema: "transcoding",
                table: "lesson_screen_texts");

            migrationBuilder.DropColumn(
                name: "WriterLeaseExpiresAt",
                schema: "transcoding",
                table: "lesson_screen_texts");
        }
    }
}
