using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ParentPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseAreas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AreaId",
                table: "Applications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_AreaId",
                table: "Applications",
                column: "AreaId");

            migrationBuilder.AddForeignKey(
                name: "FK_Applications_Areas_AreaId",
                table: "Applications",
                column: "AreaId",
                principalTable: "Areas",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Applications_Areas_AreaId",
                table: "Applications");

            migrationBuilder.DropIndex(
                name: "IX_Applications_AreaId",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "AreaId",
                table: "Applications");
        }
    }
}
