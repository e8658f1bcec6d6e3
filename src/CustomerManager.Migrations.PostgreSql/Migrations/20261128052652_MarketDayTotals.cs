using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.PostgreSql.Migrations
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
                    DistrictId = table.Column<int>(type: "integer", nullable: false),
                    BrandSpecId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Observations = table.Column<int>(type: "integer", nullable: false),
                    PackPrices = table.Column<int>(type: "integer", nullable: false),
                    PackPriceSum = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    PackPriceMin = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    PackPriceMax = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    CartonPrices = table.Column<int>(type: "integer", nullable: false),
                    CartonPriceSum = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    CartonPriceMin = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    CartonPriceMax = table.Column<decimal>(type: "numeric(9,4)", precision: 9, scale: 4, nullable: true),
                    AboveGuide = table.Column<int>(type: "integer", nullable: false),
                    StockCounts = table.Column<int>(type: "integer", nullable: false),
                    StockCartonsSum = table.Column<int>(type: "integer", nullable: false),
                    Stockouts = table.Column<int>(type: "integer", nullable: false),
                    DaysCounts = table.Column<int>(type: "integer", nullable: false),
                    DaysOutOfStockSum = table.Column<int>(type: "integer", nullable: false)
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
