using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Ingest.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UploadWriterLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WriterLease",
                table: "uploads",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WriterLeaseExpiresAt",
                table: "uploads",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WriterLease",
                table: "uploads");

            migrationBuilder.DropColumn(
                name: "WriterLeaseExpiresAt",
                table: "uploads");
        }
    }
}
