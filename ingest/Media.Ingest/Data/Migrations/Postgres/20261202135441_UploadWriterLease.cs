using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Ingest.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UploadWriterLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WriterLease",
                schema: "ingest",
                table: "uploads",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "WriterLeaseExpiresAt",
                schema: "ingest",
                table: "uploads",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WriterLease",
                schema: "ingest",
                table: "uploads");

            migrationBuilder.DropColumn(
                name: "WriterLeaseExpiresAt",
                schema: "ingest",
                table: "uploads");
        }
    }
}
