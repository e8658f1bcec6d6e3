using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PanelScoresByMember : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PanelScores_CycleId_PanelMemberId",
                table: "PanelScores");

            migrationBuilder.CreateIndex(
                name: "IX_PanelScores_CycleId_PanelMemberId_AccountManagerId",
                table: "PanelScores",
                columns: new[] { "CycleId", "PanelMemberId", "AccountManagerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PanelScores_CycleId_PanelMemberId_AccountManagerId",
                table: "PanelScores");

            migrationBuilder.CreateIndex(
                name: "IX_PanelScores_CycleId_PanelMemberId",
                table: "PanelScores",
                columns: new[] { "CycleId", "PanelMemberId" });
        }
    }
}
