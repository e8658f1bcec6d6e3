using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrustInEveryNumber : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Visits",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "VisitReports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<DateTime>(
                name: "EvidenceTakenUtc",
                table: "Results",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_BrandsRecommended",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_Complaints",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_ComplaintsResolvedOnSpot",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_CustomersAssigned",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_CustomersCovered",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_DataChanges",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_ItemsAcknowledged",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_ItemsShared",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_MarketInformation",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_UnlicensedRetail",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_Violations",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_Visits",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Evidence_VolumeCartons",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Results",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "RatingSettings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AlterColumn<int>(
                name: "Version",
                table: "PanelScores",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Cycles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Criteria",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "Brands",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "AccountManagers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            // Data that the new unique indexes and rules would refuse, from before they existed: a repeated cycle name
            // (in any case, as the domain compares them) gets its id appended; of two current assignments of one
            // customer, the older ends where the newer begins, and the customer's current manager is the newer one's.
            migrationBuilder.Sql("""
                UPDATE "Cycles" SET "Name" = "Name" || ' #' || "Id"
                WHERE EXISTS (SELECT 1 FROM "Cycles" AS o WHERE lower(o."Name") = lower("Cycles"."Name") AND o."Id" < "Cycles"."Id");
                """);
            migrationBuilder.Sql("""
                UPDATE "CustomerAssignments"
                SET "To" = COALESCE((SELECT MIN(n."From") FROM "CustomerAssignments" AS n
                                     WHERE n."CustomerId" = "CustomerAssignments"."CustomerId" AND n."From" > "CustomerAssignments"."From"), "From")
                WHERE "To" IS NULL AND EXISTS (
                    SELECT 1 FROM "CustomerAssignments" AS n
                    WHERE n."CustomerId" = "CustomerAssignments"."CustomerId" AND n."To" IS NULL
                      AND (n."From" > "CustomerAssignments"."From" OR (n."From" = "CustomerAssignments"."From" AND n."Id" > "CustomerAssignments"."Id")));
                """);
            migrationBuilder.Sql("""
                UPDATE "Customers"
                SET "CurrentManagerId" = (SELECT a."AccountManagerId" FROM "CustomerAssignments" AS a WHERE a."CustomerId" = "Customers"."Id" AND a."To" IS NULL)
                WHERE EXISTS (SELECT 1 FROM "CustomerAssignments" AS a
                              WHERE a."CustomerId" = "Customers"."Id" AND a."To" IS NULL AND a."AccountManagerId" <> COALESCE("Customers"."CurrentManagerId", -1));
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Cycles_Name",
                table: "Cycles",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomerAssignments_OneCurrentPerCustomer",
                table: "CustomerAssignments",
                column: "CustomerId",
                unique: true,
                filter: "\"To\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cycles_Name",
                table: "Cycles");

            migrationBuilder.DropIndex(
                name: "IX_CustomerAssignments_OneCurrentPerCustomer",
                table: "CustomerAssignments");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "VisitReports");

            migrationBuilder.DropColumn(
                name: "EvidenceTakenUtc",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_BrandsRecommended",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_Complaints",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_ComplaintsResolvedOnSpot",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_CustomersAssigned",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_CustomersCovered",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_DataChanges",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_ItemsAcknowledged",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_ItemsShared",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_MarketInformation",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_UnlicensedRetail",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_Violations",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_Visits",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Evidence_VolumeCartons",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Results");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "RatingSettings");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Cycles");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Criteria");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Brands");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "AccountManagers");

            migrationBuilder.AlterColumn<int>(
                name: "Version",
                table: "PanelScores",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldDefaultValue: 1);
        }
    }
}
