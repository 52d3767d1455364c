using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Classroom.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Recording : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecordingError",
                table: "sessions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecordingFeed",
                table: "sessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecordingFinishedAt",
                table: "sessions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RecordingUploadId",
                table: "sessions",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RecordingError",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "RecordingFeed",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "RecordingFinishedAt",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "RecordingUploadId",
                table: "sessions");
        }
    }
}
