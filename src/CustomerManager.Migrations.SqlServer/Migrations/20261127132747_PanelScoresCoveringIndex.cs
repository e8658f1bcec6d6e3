using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PanelScoresCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PanelScores_CycleId_AccountManagerId",
                table: "PanelScores");

            migrationBuilder.CreateIndex(
                name: "IX_PanelScores_CycleId_AccountManagerId_PanelMemberId_CycleCriterionId_Value",
                table: "PanelScores",
                columns: new[] { "CycleId", "AccountManagerId", "PanelMemberId", "CycleCriterionId", "Value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PanelScores_CycleId_AccountManagerId_PanelMemberId_CycleCriterionId_Value",
                table: "PanelScores");

            migrationBuilder.CreateIndex(
                name: "IX_PanelScores_CycleId_AccountManagerId",
                table: "PanelScores",
                columns: new[] { "CycleId", "AccountManagerId" });
        }
    }
}
