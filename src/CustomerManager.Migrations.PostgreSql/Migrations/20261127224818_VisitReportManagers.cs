using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class VisitReportManagers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VisitReports_Kind_Status",
                table: "VisitReports");

            migrationBuilder.DropIndex(
                name: "IX_VisitReports_Status_VisitedAt_Id_Kind",
                table: "VisitReports");

            migrationBuilder.AddColumn<int>(
                name: "AccountManagerId",
                table: "VisitReports",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Every item gets the manager of its visit (a province: about 250,000 items, one pass).
            migrationBuilder.Sql(
                """
                UPDATE "VisitReports" r SET "AccountManagerId" = v."AccountManagerId" FROM "Visits" v WHERE v."Id" = r."VisitId";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_VisitReports_Kind_Status_AccountManagerId",
                table: "VisitReports",
                columns: new[] { "Kind", "Status", "AccountManagerId" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitReports_Status_VisitedAt_Id_Kind_AccountManagerId",
                table: "VisitReports",
                columns: new[] { "Status", "VisitedAt", "Id", "Kind", "AccountManagerId" },
                descending: new[] { false, true, true, false, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_VisitReports_Kind_Status_AccountManagerId",
                table: "VisitReports");

            migrationBuilder.DropIndex(
                name: "IX_VisitReports_Status_VisitedAt_Id_Kind_AccountManagerId",
                table: "VisitReports");

            migrationBuilder.DropColumn(
                name: "AccountManagerId",
                table: "VisitReports");

            migrationBuilder.CreateIndex(
                name: "IX_VisitReports_Kind_Status",
                table: "VisitReports",
                columns: new[] { "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitReports_Status_VisitedAt_Id_Kind",
                table: "VisitReports",
                columns: new[] { "Status", "VisitedAt", "Id", "Kind" },
                descending: new[] { false, true, true, false });
        }
    }
}
