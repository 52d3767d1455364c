using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Catalog.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchTaxonomyEngagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AwardLevel",
                schema: "catalog",
                table: "lessons",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Downloads",
                schema: "catalog",
                table: "lessons",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PublishedAt",
                schema: "catalog",
                table: "lessons",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatingCount",
                schema: "catalog",
                table: "lessons",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RatingSum",
                schema: "catalog",
                table: "lessons",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                schema: "catalog",
                table: "lessons",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "TaxonomyNodeId",
                schema: "catalog",
                table: "lessons",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Views",
                schema: "catalog",
                table: "lessons",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "favourites",
                schema: "catalog",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    LessonId = table.Column<Guid>(type: "uuid", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_favourites", x => new { x.UserId, x.LessonId });
                });

            migrationBuilder.CreateTable(
                name: "ratings",
                schema: "catalog",
                columns: table => new
                {
                    LessonId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stars = table.Column<int>(type: "integer", nullable: false),
                    RatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ratings", x => new { x.LessonId, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "taxonomy_nodes",
                schema: "catalog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_taxonomy_nodes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_lessons_TaxonomyNodeId",
                schema: "catalog",
                table: "lessons",
                column: "TaxonomyNodeId");

            migrationBuilder.CreateIndex(
                name: "IX_favourites_UserId_AddedAt",
                schema: "catalog",
                table: "favourites",
                columns: new[] { "UserId", "AddedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_taxonomy_nodes_ParentId_Position",
                schema: "catalog",
                table: "taxonomy_nodes",
                columns: new[] { "ParentId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "favourites",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "ratings",
                schema: "catalog");

            migrationBuilder.DropTable(
                name: "taxonomy_nodes",
                schema: "catalog");

            migrationBuilder.DropIndex(
                name: "IX_lessons_TaxonomyNodeId",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "AwardLevel",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "Downloads",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "PublishedAt",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "RatingCount",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "RatingSum",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "Tags",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "TaxonomyNodeId",
                schema: "catalog",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "Views",
                schema: "catalog",
                table: "lessons");
        }
    }
}
