using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Media.Classroom.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClassroomClasses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClassId",
                schema: "classroom",
                table: "endpoints",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_endpoints_ClassId",
                schema: "classroom",
                table: "endpoints",
                column: "ClassId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_endpoints_ClassId",
                schema: "classroom",
                table: "endpoints");

            migrationBuilder.DropColumn(
                name: "ClassId",
                schema: "classroom",
                table: "endpoints");
        }
    }
}
