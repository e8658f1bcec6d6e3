using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class UnitSupervisors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SupervisedUnitId",
                table: "AspNetUsers",
                type: "int",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_SupervisedUnitId",
                table: "AspNetUsers",
                column: "SupervisedUnitId");

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_OrgUnits_SupervisedUnitId",
                table: "AspNetUsers",
                column: "SupervisedUnitId",
                principalTable: "OrgUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_OrgUnits_SupervisedUnitId",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_SupervisedUnitId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SupervisedUnitId",
                table: "AspNetUsers");
        }
    }
}
