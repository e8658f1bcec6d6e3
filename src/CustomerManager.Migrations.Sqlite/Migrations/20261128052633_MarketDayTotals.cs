using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MarketDayTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MarketDayTotals",
                columns: table => new
                {
                    DistrictId = table.Column<int>(type: "INTEGER", nullable: false),
                    BrandSpecId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Observations = table.Column<int>(type: "INTEGER", nullable: false),
                    PackPrices = table.Column<int>(type: "INTEGER", nullable: false),
                    PackPriceSum = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    PackPriceMin = table.Column<double>(type: "REAL", nullable: true),
                    PackPriceMax = table.Column<double>(type: "REAL", nullable: true),
                    CartonPrices = table.Column<int>(type: "INTEGER", nullable: false),
                    CartonPriceSum = table.Column<double>(type: "REAL", precision: 18, scale: 4, nullable: false),
                    CartonPriceMin = table.Column<double>(type: "REAL", nullable: true),
                    CartonPriceMax = table.Column<double>(type: "REAL", nullable: true),
                    AboveGuide = table.Column<int>(type: "INTEGER", nullable: false),
                    StockCounts = table.Column<int>(type: "INTEGER", nullable: false),
                    StockCartonsSum = table.Column<int>(type: "INTEGER", nullable: false),
                    Stockouts = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysCounts = table.Column<int>(type: "INTEGER", nullable: false),
                    DaysOutOfStockSum = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketDayTotals", x => new { x.DistrictId, x.Day, x.BrandSpecId });
                    table.ForeignKey(
                        name: "FK_MarketDayTotals_BrandSpecs_BrandSpecId",
                        column: x => x.BrandSpecId,
                        principalTable: "BrandSpecs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MarketDayTotals_OrgUnits_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MarketDayTotals_BrandSpecId",
                table: "MarketDayTotals",
                column: "BrandSpecId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MarketDayTotals");
        }
    }
}
