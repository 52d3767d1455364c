using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Ingest.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UploadErrorCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ErrorCode",
                schema: "ingest",
                table: "uploads",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ErrorCode",
                schema: "ingest",
                table: "uploads");
        }
    }
}
