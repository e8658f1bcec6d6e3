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
            migrationBuilder.AddColumn<DateTime>(
                name: "VisitedAt",
                table: "VisitReports",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            // Every item takes its visit's date, which the inbox now lists by.
            migrationBuilder.Sql("UPDATE \"VisitReports\" SET \"VisitedAt\" = (SELECT \"v\".\"VisitedAt\" FROM \"Visits\" AS \"v\" WHERE \"v\".\"Id\" = \"VisitReports\".\"VisitId\");");

            migrationBuilder.CreateIndex(
                name: "IX_VisitReports_Status_VisitedAt_Id",
                table: "VisitReports",
                columns: new[] { "Status", "VisitedAt", "Id" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VisitReports_Status_VisitedAt_Id",
                table: "VisitReports");

            migrationBuilder.DropColumn(
                name: "VisitedAt",
                table: "VisitReports");
        }
    }
}
