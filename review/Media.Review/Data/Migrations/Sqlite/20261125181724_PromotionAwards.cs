using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Review.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PromotionAwards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Award",
                table: "submissions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hours",
                table: "campaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Promotion",
                table: "campaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Published",
                table: "campaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "certificates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeacherId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Hours = table.Column<double>(type: "REAL", nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_CampaignId_LessonId_Level",
                table: "certificates",
                columns: new[] { "CampaignId", "LessonId", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_TeacherId",
                table: "certificates",
                column: "TeacherId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificates");

            migrationBuilder.DropColumn(
                name: "Award",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "Hours",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "Promotion",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "Published",
                table: "campaigns");
        }
    }
}
