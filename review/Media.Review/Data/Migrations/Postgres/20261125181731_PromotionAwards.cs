using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Review.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PromotionAwards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Award",
                schema: "review",
                table: "submissions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hours",
                schema: "review",
                table: "campaigns",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Promotion",
                schema: "review",
                table: "campaigns",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Published",
                schema: "review",
                table: "campaigns",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "certificates",
                schema: "review",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TeacherId = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    LessonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Hours = table.Column<double>(type: "double precision", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_certificates", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_certificates_CampaignId_LessonId_Level",
                schema: "review",
                table: "certificates",
                columns: new[] { "CampaignId", "LessonId", "Level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_certificates_TeacherId",
                schema: "review",
                table: "certificates",
                column: "TeacherId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "certificates",
                schema: "review");

            migrationBuilder.DropColumn(
                name: "Award",
                schema: "review",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "Hours",
                schema: "review",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "Promotion",
                schema: "review",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "Published",
                schema: "review",
                table: "campaigns");
        }
    }
}
