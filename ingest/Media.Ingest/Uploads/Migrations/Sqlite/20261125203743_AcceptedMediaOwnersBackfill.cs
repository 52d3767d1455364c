using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Ingest.Uploads.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AcceptedMediaOwnersBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Content accepted before owners were recorded belongs to whoever uploaded it first.
            migrationBuilder.Sql("UPDATE accepted_media SET OwnerId = (SELECT u.OwnerId FROM uploads u WHERE u.Id = accepted_media.UploadId) WHERE EXISTS (SELECT 1 FROM uploads u WHERE u.Id = accepted_media.UploadId);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
