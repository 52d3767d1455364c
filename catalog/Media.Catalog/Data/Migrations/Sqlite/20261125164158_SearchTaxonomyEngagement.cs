using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Catalog.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchTaxonomyEngagement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AwardLevel",
                table: "lessons",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Downloads",
                table: "lessons",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "PublishedAt",
                table: "lessons",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatingCount",
                table: "lessons",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RatingSum",
                table: "lessons",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "lessons",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "TaxonomyNodeId",
                table: "lessons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Views",
                table: "lessons",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "favourites",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LessonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_favourites", x => new { x.UserId, x.LessonId });
                });

            migrationBuilder.CreateTable(
                name: "ratings",
                columns: table => new
                {
                    LessonId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stars = table.Column<int>(type: "INTEGER", nullable: false),
                    RatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ratings", x => new { x.LessonId, x.UserId });
                });

            migrationBuilder.CreateTable(
                name: "taxonomy_nodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ParentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_taxonomy_nodes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_lessons_TaxonomyNodeId",
                table: "lessons",
                column: "TaxonomyNodeId");

            migrationBuilder.CreateIndex(
                name: "IX_favourites_UserId_AddedAt",
                table: "favourites",
                columns: new[] { "UserId", "AddedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_taxonomy_nodes_ParentId_Position",
                table: "taxonomy_nodes",
                columns: new[] { "ParentId", "Position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "favourites");

            migrationBuilder.DropTable(
                name: "ratings");

            migrationBuilder.DropTable(
                name: "taxonomy_nodes");

            migrationBuilder.DropIndex(
                name: "IX_lessons_TaxonomyNodeId",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "AwardLevel",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "Downloads",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "PublishedAt",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "RatingCount",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "RatingSum",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "TaxonomyNodeId",
                table: "lessons");

            migrationBuilder.DropColumn(
                name: "Views",
                table: "lessons");
        }
    }
}
