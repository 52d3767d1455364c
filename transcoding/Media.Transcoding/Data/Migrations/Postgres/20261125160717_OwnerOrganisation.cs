using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Transcoding.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OwnerOrganisation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OrganisationId",
                schema: "transcoding",
                table: "lesson_transcodes",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OrganisationId",
                schema: "transcoding",
                table: "lesson_transcodes");
        }
    }
}
