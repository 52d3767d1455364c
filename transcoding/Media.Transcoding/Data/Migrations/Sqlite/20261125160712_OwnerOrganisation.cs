using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Transcoding.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OwnerOrganisation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OrganisationId",
                table: "lesson_transcodes",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "lesson_transcodes");
        }
    }
}
