using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class VisitedCustomerQuarters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "VisitedCustomerQuarters",
                columns: table => new
                {
                    Quarter = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AccountManagerId = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Visits = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitedCustomerQuarters", x => new { x.Quarter, x.AccountManagerId, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_VisitedCustomerQuarters_AccountManagers_AccountManagerId",
                        column: x => x.AccountManagerId,
                        principalTable: "AccountManagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VisitedCustomerQuarters_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VisitedCustomerQuarters_AccountManagerId",
                table: "VisitedCustomerQuarters",
                column: "AccountManagerId");

            migrationBuilder.CreateIndex(
                name: "IX_VisitedCustomerQuarters_CustomerId",
                table: "VisitedCustomerQuarters",
                column: "CustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "VisitedCustomerQuarters");
        }
    }
}
