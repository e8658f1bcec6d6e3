using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxByVisitDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VisitReports_Kind_Status_VisitId",
                table: "VisitReports");

            migrationBuilder.AddColumn<DateTime>(
                name: "VisitedAt",
                table: "VisitReports",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Every item takes its visit's date, which the inbox now lists by.
            migrationBuilder.Sql("UPDATE \"VisitReports\" SET \"VisitedAt\" = (SELECT \"v\".\"VisitedAt\" FROM \"Visits\" AS \"v\" WHERE \"v\".\"Id\" = \"VisitReports\".\"VisitId\");");

            migrationBuilder.CreateIndex(
                name: "IX_VisitReports_Status_VisitedAt_Id_Kind",
                table: "VisitReports",
                columns: new[] { "Status", "VisitedAt", "Id", "Kind" },
                descending: new[] { false, true, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VisitReports_Status_VisitedAt_Id_Kind",
                table: "VisitReports");

            migrationBuilder.DropColumn(
                name: "VisitedAt",
                table: "VisitReports");

            migrationBuilder.CreateIndex(
                name: "IX_VisitReports_Kind_Status_VisitId",
                table: "VisitReports",
                columns: new[] { "Kind", "Status", "VisitId" });
        }
    }
}
