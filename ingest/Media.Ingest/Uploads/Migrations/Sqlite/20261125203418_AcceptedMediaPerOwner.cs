using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Ingest.Uploads.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AcceptedMediaPerOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_accepted_media",
                table: "accepted_media");

            migrationBuilder.AddColumn<Guid>(
                name: "OwnerId",
                table: "accepted_media",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));


            migrationBuilder.AddPrimaryKey(
                name: "PK_accepted_media",
                table: "accepted_media",
                columns: new[] { "Sha256", "OwnerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_accepted_media",
                table: "accepted_media");

            migrationBuilder.DropColumn(
                name: "OwnerId",
                table: "accepted_media");

            migrationBuilder.AddPrimaryKey(
                name: "PK_accepted_media",
                table: "accepted_media",
                column: "Sha256");
        }
    }
}
