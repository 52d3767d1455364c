using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Ingest.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UploadErrorCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ErrorCode",
                table: "uploads",
                type: "TEXT",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ErrorCode",
                table: "uploads");
        }
    }
}
