using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class MarketMonitoring : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MarketSpecs",
                table: "Visits",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "MarketVisits",
                table: "VisitMonthTotals",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_MarketVisits",
                table: "Results",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_MarketVisitsExpected",
                table: "Results",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsCollectionPoint",
                table: "Customers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "BrandSpecs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BrandId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    SortOrder = table.Column<int>(type: "int", nullable: false),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ModifiedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ModifiedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BrandSpecs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BrandSpecs_Brands_BrandId",
                        column: x => x.BrandId,
                        principalTable: "Brands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GuidePrices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BrandSpecId = table.Column<int>(type: "int", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    PackPrice = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: false),
                    CartonPrice = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ModifiedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ModifiedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuidePrices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GuidePrices_BrandSpecs_BrandSpecId",
                        column: x => x.BrandSpecId,
                        principalTable: "BrandSpecs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarketDayTotals",
                columns: table => new
                {
                    DistrictId = table.Column<int>(type: "int", nullable: false),
                    BrandSpecId = table.Column<int>(type: "int", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Observations = table.Column<int>(type: "int", nullable: false),
                    PackPrices = table.Column<int>(type: "int", nullable: false),
                    PackPriceSum = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    PackPriceMin = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: true),
                    PackPriceMax = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: true),
                    CartonPrices = table.Column<int>(type: "int", nullable: false),
                    CartonPriceSum = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    CartonPriceMin = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: true),
                    CartonPriceMax = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: true),
                    AboveGuide = table.Column<int>(type: "int", nullable: false),
                    Priced = table.Column<int>(type: "int", nullable: false),
                    StockReported = table.Column<int>(type: "int", nullable: false),
                    StockCounts = table.Column<int>(type: "int", nullable: false),
                    StockCartonsSum = table.Column<int>(type: "int", nullable: false),
                    Stockouts = table.Column<int>(type: "int", nullable: false),
                    DaysCounts = table.Column<int>(type: "int", nullable: false),
                    DaysOutOfStockSum = table.Column<int>(type: "int", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "MarketObservations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    VisitId = table.Column<int>(type: "int", nullable: false),
                    BrandSpecId = table.Column<int>(type: "int", nullable: false),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    AccountManagerId = table.Column<int>(type: "int", nullable: false),
                    DistrictId = table.Column<int>(type: "int", nullable: false),
                    ObservedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PackPrice = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: true),
                    CartonPrice = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: true),
                    StockCartons = table.Column<int>(type: "int", nullable: true),
                    DaysOutOfStock = table.Column<int>(type: "int", nullable: true),
                    GuidePackPrice = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: false),
                    GuideCartonPrice = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: false),
                    AboveGuide = table.Column<bool>(type: "bit", nullable: false),
                    Stockout = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketObservations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MarketObservations_AccountManagers_AccountManagerId",
                        column: x => x.AccountManagerId,
                        principalTable: "AccountManagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MarketObservations_BrandSpecs_BrandSpecId",
                        column: x => x.BrandSpecId,
                        principalTable: "BrandSpecs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MarketObservations_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MarketObservations_OrgUnits_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MarketObservations_Visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "Visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MarketWeekTotals",
                columns: table => new
                {
                    DistrictId = table.Column<int>(type: "int", nullable: false),
                    BrandSpecId = table.Column<int>(type: "int", nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Observations = table.Column<int>(type: "int", nullable: false),
                    PackPrices = table.Column<int>(type: "int", nullable: false),
                    PackPriceSum = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    PackPriceMin = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: true),
                    PackPriceMax = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: true),
                    CartonPrices = table.Column<int>(type: "int", nullable: false),
                    CartonPriceSum = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    CartonPriceMin = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: true),
                    CartonPriceMax = table.Column<decimal>(type: "decimal(9,4)", precision: 9, scale: 4, nullable: true),
                    AboveGuide = table.Column<int>(type: "int", nullable: false),
                    Priced = table.Column<int>(type: "int", nullable: false),
                    StockReported = table.Column<int>(type: "int", nullable: false),
                    StockCounts = table.Column<int>(type: "int", nullable: false),
                    StockCartonsSum = table.Column<int>(type: "int", nullable: false),
                    Stockouts = table.Column<int>(type: "int", nullable: false),
                    DaysCounts = table.Column<int>(type: "int", nullable: false),
                    DaysOutOfStockSum = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MarketWeekTotals", x => new { x.DistrictId, x.WeekStart, x.BrandSpecId });
                    table.ForeignKey(
                        name: "FK_MarketWeekTotals_BrandSpecs_BrandSpecId",
                        column: x => x.BrandSpecId,
                        principalTable: "BrandSpecs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MarketWeekTotals_OrgUnits_DistrictId",
                        column: x => x.DistrictId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BrandSpecs_BrandId_Name",
                table: "BrandSpecs",
                columns: new[] { "BrandId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GuidePrices_BrandSpecId_EffectiveFrom",
                table: "GuidePrices",
                columns: new[] { "BrandSpecId", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MarketDayTotals_BrandSpecId",
                table: "MarketDayTotals",
                column: "BrandSpecId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketObservations_AccountManagerId",
                table: "MarketObservations",
                column: "AccountManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketObservations_BrandSpecId",
                table: "MarketObservations",
                column: "BrandSpecId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketObservations_CustomerId_ObservedOn",
                table: "MarketObservations",
                columns: new[] { "CustomerId", "ObservedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketObservations_DistrictId_ObservedOn",
                table: "MarketObservations",
                columns: new[] { "DistrictId", "ObservedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MarketObservations_VisitId",
                table: "MarketObservations",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_MarketWeekTotals_BrandSpecId",
                table: "MarketWeekTotals",
                column: "BrandSpecId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GuidePrices");

            migrationBuilder.DropTable(
                name: "MarketDayTotals");

            migrationBuilder.DropTable(
                name: "MarketObservations");

            migrationBuilder.DropTable(
                name: "MarketWeekTotals");

            migrationBuilder.DropTable(
                name: "BrandSpecs");

            migrationBuilder.DropColumn(
                name: "MarketSpecs",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "MarketVisits",
                table: "VisitMonthTotals");

            migrationBuilder.DropColumn(
                name: "Evidence_MarketVisits",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_MarketVisitsExpected",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "IsCollectionPoint",
                table: "Customers");
        }
    }
}
