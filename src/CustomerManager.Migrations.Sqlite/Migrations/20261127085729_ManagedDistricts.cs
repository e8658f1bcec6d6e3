using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ManagedDistricts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Districts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ModifiedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ModifiedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Districts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Districts_Name",
                table: "Districts",
                column: "Name",
                unique: true);

            migrationBuilder.AddColumn<int>(
                name: "DistrictId",
                table: "AccountManagers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Each district name the managers were given becomes one district of the managed list; a typo made
            // before stays a district of its own, for an administrator to merge into the right one.
            migrationBuilder.Sql("""
                INSERT INTO "Districts" ("Name", "CreatedUtc", "CreatedBy", "Version")
                SELECT DISTINCT trim("District"), strftime('%Y-%m-%d %H:%M:%S', 'now'), 'migration', 1 FROM "AccountManagers";
                """);
            migrationBuilder.Sql("""
                UPDATE "AccountManagers" SET "DistrictId" = (SELECT d."Id" FROM "Districts" AS d WHERE d."Name" = trim("AccountManagers"."District"));
                """);

            migrationBuilder.DropIndex(
                name: "IX_AccountManagers_District_Name",
                table: "AccountManagers");

            migrationBuilder.DropColumn(
                name: "District",
                table: "AccountManagers");

            migrationBuilder.CreateIndex(
                name: "IX_AccountManagers_DistrictId_Name",
                table: "AccountManagers",
                columns: new[] { "DistrictId", "Name" });

            migrationBuilder.AddForeignKey(
                name: "FK_AccountManagers_Districts_DistrictId",
                table: "AccountManagers",
                column: "DistrictId",
                principalTable: "Districts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // SQLite cannot drop a foreign key column in place, and EF would rebuild the table only after dropping
            // the districts it still points to; so the table is rebuilt here, by hand, with foreign keys off (which
            // SQLite allows only outside a transaction), as EF's own rebuilds do.
            migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
            migrationBuilder.Sql("""
                CREATE TABLE "ef_temp_AccountManagers" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_AccountManagers" PRIMARY KEY AUTOINCREMENT,
                    "CreatedBy" TEXT NULL,
                    "CreatedUtc" TEXT NOT NULL,
                    "District" TEXT NOT NULL,
                    "EmployeeNumber" TEXT NOT NULL,
                    "IsActive" INTEGER NOT NULL,
                    "ModifiedBy" TEXT NULL,
                    "ModifiedUtc" TEXT NULL,
                    "Name" TEXT NOT NULL,
                    "Phone" TEXT NULL,
                    "Version" INTEGER NOT NULL DEFAULT 1
                );
                INSERT INTO "ef_temp_AccountManagers" ("Id", "CreatedBy", "CreatedUtc", "District", "EmployeeNumber", "IsActive", "ModifiedBy", "ModifiedUtc", "Name", "Phone", "Version")
                SELECT m."Id", m."CreatedBy", m."CreatedUtc", d."Name", m."EmployeeNumber", m."IsActive", m."ModifiedBy", m."ModifiedUtc", m."Name", m."Phone", m."Version"
                FROM "AccountManagers" AS m JOIN "Districts" AS d ON d."Id" = m."DistrictId";
                DROP TABLE "AccountManagers";
                ALTER TABLE "ef_temp_AccountManagers" RENAME TO "AccountManagers";
                DROP TABLE "Districts";
                CREATE INDEX "IX_AccountManagers_District_Name" ON "AccountManagers" ("District", "Name");
                CREATE UNIQUE INDEX "IX_AccountManagers_EmployeeNumber" ON "AccountManagers" ("EmployeeNumber");
                CREATE INDEX "IX_AccountManagers_Name" ON "AccountManagers" ("Name");
                """);
            migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
        }
    }
}
