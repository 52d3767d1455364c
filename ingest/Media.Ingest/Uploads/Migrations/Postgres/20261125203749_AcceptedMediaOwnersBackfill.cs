using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Ingest.Uploads.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AcceptedMediaOwnersBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Content accepted before owners were recorded belongs to whoever uploaded it first.
            migrationBuilder.Sql("UPDATE ingest.accepted_media a SET \"OwnerId\" = u.\"OwnerId\" FROM ingest.uploads u WHERE u.\"Id\" = a.\"UploadId\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
