using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FieldWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "CheckInAccuracy",
                table: "Visits",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "CheckInLatitude",
                table: "Visits",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "CheckInLongitude",
                table: "Visits",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "CheckOutAccuracy",
                table: "Visits",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "CheckOutLatitude",
                table: "Visits",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "CheckOutLongitude",
                table: "Visits",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CheckedInAt",
                table: "Visits",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CheckedOutAt",
                table: "Visits",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DistanceMeters",
                table: "Visits",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OnPlannedDay",
                table: "Visits",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PlannedOn",
                table: "Visits",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Verification",
                table: "Visits",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FarVisits",
                table: "VisitMonthTotals",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "OnSiteVisits",
                table: "VisitMonthTotals",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ShortVisits",
                table: "VisitMonthTotals",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "VerifiedVisits",
                table: "VisitMonthTotals",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_FarVisits",
                table: "Results",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_OnSiteVisits",
                table: "Results",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_OverdueCustomers",
                table: "Results",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_PlannedVisits",
                table: "Results",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_PlannedVisitsMade",
                table: "Results",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_PlannedVisitsOnDay",
                table: "Results",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_ShortVisits",
                table: "Results",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_VerifiedVisits",
                table: "Results",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Frequency",
                table: "Customers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "Customers",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "Customers",
                type: "float",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RouteDay",
                table: "Customers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RouteSequence",
                table: "Customers",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RouteWeek",
                table: "Customers",
                type: "int",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "VisitFrequencyDefaults",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    BusinessType = table.Column<int>(type: "int", nullable: false),
                    Frequency = table.Column<int>(type: "int", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ModifiedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ModifiedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitFrequencyDefaults", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_CheckedInAt",
                table: "Visits",
                column: "CheckedInAt");

            migrationBuilder.CreateIndex(
                name: "IX_Visits_PlannedOn_AccountManagerId_CustomerId_OnPlannedDay_VisitedAt",
                table: "Visits",
                columns: new[] { "PlannedOn", "AccountManagerId", "CustomerId", "OnPlannedDay", "VisitedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitFrequencyDefaults_BusinessType",
                table: "VisitFrequencyDefaults",
                column: "BusinessType",
                unique: true);

            // Each business type's initial visit frequency (VisitFrequencies.InitialDefault); administrators change them.
            migrationBuilder.InsertData(
                table: "VisitFrequencyDefaults",
                columns: new[] { "BusinessType", "Frequency", "CreatedUtc", "CreatedBy" },
                values: new object[,]
                {
                    { 1, 1, new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Unspecified), "migration" },
                    { 2, 1, new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Unspecified), "migration" },
                    { 3, 2, new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Unspecified), "migration" },
                    { 4, 1, new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Unspecified), "migration" },
                    { 9, 3, new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Unspecified), "migration" },
                });

            // The monthly totals gain the on-site and verification counts: emptied here, they are counted again from the
            // visits when the app starts (VisitTotals.EnsureBuiltAsync), in one pass.
            migrationBuilder.Sql("DELETE FROM [VisitMonthTotals];");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VisitFrequencyDefaults");

            migrationBuilder.DropIndex(
                name: "IX_Visits_CheckedInAt",
                table: "Visits");

            migrationBuilder.DropIndex(
                name: "IX_Visits_PlannedOn_AccountManagerId_CustomerId_OnPlannedDay_VisitedAt",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "CheckInAccuracy",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "CheckInLatitude",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "CheckInLongitude",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "CheckOutAccuracy",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "CheckOutLatitude",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "CheckOutLongitude",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "CheckedInAt",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "CheckedOutAt",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "DistanceMeters",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "OnPlannedDay",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "PlannedOn",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "Verification",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "FarVisits",
                table: "VisitMonthTotals");

            migrationBuilder.DropColumn(
                name: "OnSiteVisits",
                table: "VisitMonthTotals");

            migrationBuilder.DropColumn(
                name: "ShortVisits",
                table: "VisitMonthTotals");

            migrationBuilder.DropColumn(
                name: "VerifiedVisits",
                table: "VisitMonthTotals");

            migrationBuilder.DropColumn(
                name: "Evidence_FarVisits",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_OnSiteVisits",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_OverdueCustomers",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_PlannedVisits",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_PlannedVisitsMade",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_PlannedVisitsOnDay",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_ShortVisits",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_VerifiedVisits",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Frequency",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RouteDay",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RouteSequence",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RouteWeek",
                table: "Customers");
        }
    }
}
