using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Ingest.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LibraryImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "imported_files",
                schema: "ingest",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(1200)", maxLength: 1200, nullable: false),
                    LessonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Accepted = table.Column<bool>(type: "boolean", nullable: false),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_imported_files", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "imports",
                schema: "ingest",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Folder = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "import_rows",
                schema: "ingest",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    File = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Metadata = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    UploadId = table.Column<Guid>(type: "uuid", nullable: true),
                    LessonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_import_rows", x => new { x.ImportId, x.Number });
                    table.ForeignKey(
                        name: "FK_import_rows_imports_ImportId",
                        column: x => x.ImportId,
                        principalSchema: "ingest",
                        principalTable: "imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_rows",
                schema: "ingest");

            migrationBuilder.DropTable(
                name: "imported_files",
                schema: "ingest");

            migrationBuilder.DropTable(
                name: "imports",
                schema: "ingest");
        }
    }
}
