using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PinyinSortKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_CurrentManagerId_StoreName",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Owner",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_StoreName",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_AccountManagers_DistrictId_Name",
                table: "AccountManagers");

            migrationBuilder.DropIndex(
                name: "IX_AccountManagers_Name",
                table: "AccountManagers");

            migrationBuilder.AddColumn<string>(
                name: "NameSortKey",
                table: "Districts",
                type: "TEXT",
                unicode: false,
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "OwnerSortKey",
                table: "Customers",
                type: "TEXT",
                unicode: false,
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "StoreNameSortKey",
                table: "Customers",
                type: "TEXT",
                unicode: false,
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "NameSortKey",
                table: "AccountManagers",
                type: "TEXT",
                unicode: false,
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CurrentManagerId_StoreNameSortKey",
                table: "Customers",
                columns: new[] { "CurrentManagerId", "StoreNameSortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_OwnerSortKey",
                table: "Customers",
                column: "OwnerSortKey");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_StoreNameSortKey",
                table: "Customers",
                column: "StoreNameSortKey");

            migrationBuilder.CreateIndex(
                name: "IX_AccountManagers_DistrictId_NameSortKey",
                table: "AccountManagers",
                columns: new[] { "DistrictId", "NameSortKey" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountManagers_NameSortKey",
                table: "AccountManagers",
                column: "NameSortKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_CurrentManagerId_StoreNameSortKey",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_OwnerSortKey",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_StoreNameSortKey",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_AccountManagers_DistrictId_NameSortKey",
                table: "AccountManagers");

            migrationBuilder.DropIndex(
                name: "IX_AccountManagers_NameSortKey",
                table: "AccountManagers");

            migrationBuilder.DropColumn(
                name: "NameSortKey",
                table: "Districts");

            migrationBuilder.DropColumn(
                name: "OwnerSortKey",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "StoreNameSortKey",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "NameSortKey",
                table: "AccountManagers");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_CurrentManagerId_StoreName",
                table: "Customers",
                columns: new[] { "CurrentManagerId", "StoreName" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Owner",
                table: "Customers",
                column: "Owner");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_StoreName",
                table: "Customers",
                column: "StoreName");

            migrationBuilder.CreateIndex(
                name: "IX_AccountManagers_DistrictId_Name",
                table: "AccountManagers",
                columns: new[] { "DistrictId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountManagers_Name",
                table: "AccountManagers",
                column: "Name");
        }
    }
}
