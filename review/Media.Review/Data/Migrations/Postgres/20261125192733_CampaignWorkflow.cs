using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Review.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CampaignWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "ArbitratedScore",
                schema: "review",
                table: "submissions",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ArbitrationReason",
                schema: "review",
                table: "submissions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Fingerprint",
                schema: "review",
                table: "lesson_media",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SimilarTo",
                schema: "review",
                table: "lesson_media",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Similarity",
                schema: "review",
                table: "lesson_media",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceBlobKey",
                schema: "review",
                table: "lesson_media",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Notices",
                schema: "review",
                table: "campaigns",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "PublicFrom",
                schema: "review",
                table: "campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequiredDocuments",
                schema: "review",
                table: "campaigns",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Windows",
                schema: "review",
                table: "campaigns",
                type: "text",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<string>(
                name: "DeclineReason",
                schema: "review",
                table: "assignments",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeclinedAt",
                schema: "review",
                table: "assignments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "appeals",
                schema: "review",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    TeacherId = table.Column<Guid>(type: "uuid", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Resolution = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    ResolvedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_appeals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "campaign_reviewers",
                schema: "review",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Subjects = table.Column<string>(type: "text", nullable: false),
                    Levels = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_reviewers", x => new { x.CampaignId, x.ReviewerId });
                });

            migrationBuilder.CreateTable(
                name: "documents",
                schema: "review",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    BlobKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_documents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "targets",
                schema: "review",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Submissions = table.Column<int>(type: "integer", nullable: true),
                    TeacherShare = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_targets", x => new { x.CampaignId, x.OrganisationId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_appeals_CampaignId_Level_Outcome",
                schema: "review",
                table: "appeals",
                columns: new[] { "CampaignId", "Level", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_appeals_SubmissionId",
                schema: "review",
                table: "appeals",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_documents_SubmissionId_Kind",
                schema: "review",
                table: "documents",
                columns: new[] { "SubmissionId", "Kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "appeals",
                schema: "review");

            migrationBuilder.DropTable(
                name: "campaign_reviewers",
                schema: "review");

            migrationBuilder.DropTable(
                name: "documents",
                schema: "review");

            migrationBuilder.DropTable(
                name: "targets",
                schema: "review");

            migrationBuilder.DropColumn(
                name: "ArbitratedScore",
                schema: "review",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "ArbitrationReason",
                schema: "review",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "Fingerprint",
                schema: "review",
                table: "lesson_media");

            migrationBuilder.DropColumn(
                name: "SimilarTo",
                schema: "review",
                table: "lesson_media");

            migrationBuilder.DropColumn(
                name: "Similarity",
                schema: "review",
                table: "lesson_media");

            migrationBuilder.DropColumn(
                name: "SourceBlobKey",
                schema: "review",
                table: "lesson_media");

            migrationBuilder.DropColumn(
                name: "Notices",
                schema: "review",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "PublicFrom",
                schema: "review",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "RequiredDocuments",
                schema: "review",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "Windows",
                schema: "review",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "DeclineReason",
                schema: "review",
                table: "assignments");

            migrationBuilder.DropColumn(
                name: "DeclinedAt",
                schema: "review",
                table: "assignments");
        }
    }
}
