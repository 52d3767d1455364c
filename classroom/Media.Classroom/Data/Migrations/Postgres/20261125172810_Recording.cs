using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Classroom.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Recording : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecordingError",
                schema: "classroom",
                table: "sessions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecordingFeed",
                schema: "classroom",
                table: "sessions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RecordingFinishedAt",
                schema: "classroom",
                table: "sessions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RecordingUploadId",
                schema: "classroom",
                table: "sessions",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RecordingError",
                schema: "classroom",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "RecordingFeed",
                schema: "classroom",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "RecordingFinishedAt",
                schema: "classroom",
                table: "sessions");

            migrationBuilder.DropColumn(
                name: "RecordingUploadId",
                schema: "classroom",
                table: "sessions");
        }
    }
}
