using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Classroom.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClassroomClasses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClassId",
                table: "endpoints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_endpoints_ClassId",
                table: "endpoints",
                column: "ClassId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_endpoints_ClassId",
                table: "endpoints");

            migrationBuilder.DropColumn(
                name: "ClassId",
                table: "endpoints");
        }
    }
}
