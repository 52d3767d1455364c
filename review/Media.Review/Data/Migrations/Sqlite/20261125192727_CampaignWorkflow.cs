using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Review.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CampaignWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "ArbitratedScore",
                table: "submissions",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ArbitrationReason",
                table: "submissions",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Fingerprint",
                table: "lesson_media",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SimilarTo",
                table: "lesson_media",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Similarity",
                table: "lesson_media",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceBlobKey",
                table: "lesson_media",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notices",
                table: "campaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "PublicFrom",
                table: "campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequiredDocuments",
                table: "campaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Windows",
                table: "campaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "DeclineReason",
                table: "assignments",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeclinedAt",
                table: "assignments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "appeals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    TeacherId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ResolvedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appeals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "campaign_reviewers",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subjects = table.Column<string>(type: "TEXT", nullable: false),
                    Levels = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_reviewers", x => new { x.CampaignId, x.ReviewerId });
                });

            migrationBuilder.CreateTable(
                name: "documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    BlobKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_documents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "targets",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Submissions = table.Column<int>(type: "INTEGER", nullable: true),
                    TeacherShare = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_targets", x => new { x.CampaignId, x.OrganisationId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_appeals_CampaignId_Level_Outcome",
                table: "appeals",
                columns: new[] { "CampaignId", "Level", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_appeals_SubmissionId",
                table: "appeals",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_documents_SubmissionId_Kind",
                table: "documents",
                columns: new[] { "SubmissionId", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appeals");

            migrationBuilder.DropTable(
                name: "campaign_reviewers");

            migrationBuilder.DropTable(
                name: "documents");

            migrationBuilder.DropTable(
                name: "targets");

            migrationBuilder.DropColumn(
                name: "ArbitratedScore",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "ArbitrationReason",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "Fingerprint",
                table: "lesson_media");

            migrationBuilder.DropColumn(
                name: "SimilarTo",
                table: "lesson_media");

            migrationBuilder.DropColumn(
                name: "Similarity",
                table: "lesson_media");

            migrationBuilder.DropColumn(
                name: "SourceBlobKey",
                table: "lesson_media");

            migrationBuilder.DropColumn(
                name: "Notices",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "PublicFrom",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "RequiredDocuments",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "Windows",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "DeclineReason",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "DeclinedAt",
                table: "assignments");
        }
    }
}
