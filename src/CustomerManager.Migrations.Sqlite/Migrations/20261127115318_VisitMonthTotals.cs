using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VisitMonthTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VisitMonthTotals",
                columns: table => new
                {
                    AccountManagerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Visits = table.Column<int>(type: "INTEGER", nullable: false),
                    BrandsRecommended = table.Column<int>(type: "INTEGER", nullable: false),
                    VolumeCartons = table.Column<int>(type: "INTEGER", nullable: false),
                    MarketInformation = table.Column<int>(type: "INTEGER", nullable: false),
                    DataChanges = table.Column<int>(type: "INTEGER", nullable: false),
                    Violations = table.Column<int>(type: "INTEGER", nullable: false),
                    UnlicensedRetail = table.Column<int>(type: "INTEGER", nullable: false),
                    Complaints = table.Column<int>(type: "INTEGER", nullable: false),
                    ComplaintsResolvedOnSpot = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitMonthTotals", x => new { x.AccountManagerId, x.Month });
                    table.ForeignKey(
                        name: "FK_VisitMonthTotals_AccountManagers_AccountManagerId",
                        column: x => x.AccountManagerId,
                        principalTable: "AccountManagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_VisitedAt_AccountManagerId_CustomerId",
                table: "Visits",
                columns: new[] { "VisitedAt", "AccountManagerId", "CustomerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VisitMonthTotals");

            migrationBuilder.DropIndex(
                name: "IX_Visits_VisitedAt_AccountManagerId_CustomerId",
                table: "Visits");
        }
    }
}
