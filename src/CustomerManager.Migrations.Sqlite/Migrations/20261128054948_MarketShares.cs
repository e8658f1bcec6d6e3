using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MarketShares : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Priced",
                table: "MarketWeekTotals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StockReported",
                table: "MarketWeekTotals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Priced",
                table: "MarketDayTotals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "StockReported",
                table: "MarketDayTotals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The totals gain counts the observations hold: emptied here, counted again from the observations at start
            // (MarketTotals.EnsureBuiltAsync).
            migrationBuilder.Sql("DELETE FROM \"MarketDayTotals\";");
            migrationBuilder.Sql("DELETE FROM \"MarketWeekTotals\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Priced",
                table: "MarketWeekTotals");

            migrationBuilder.DropColumn(
                name: "StockReported",
                table: "MarketWeekTotals");

            migrationBuilder.DropColumn(
                name: "Priced",
                table: "MarketDayTotals");

            migrationBuilder.DropColumn(
                name: "StockReported",
                table: "MarketDayTotals");
        }
    }
}
