using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.SqlServer.Migrations
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ModifiedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ModifiedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false, defaultValue: 1)
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
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Each district name the managers were given becomes one district of the managed list; a typo made
            // before stays a district of its own, for an administrator to merge into the right one.
            migrationBuilder.Sql("""
                INSERT INTO [Districts] ([Name], [CreatedUtc], [CreatedBy], [Version])
                SELECT DISTINCT LTRIM(RTRIM([District])), SYSUTCDATETIME(), N'migration', 1 FROM [AccountManagers];
                """);
            migrationBuilder.Sql("""
                UPDATE m SET [DistrictId] = d.[Id]
                FROM [AccountManagers] AS m JOIN [Districts] AS d ON d.[Name] = LTRIM(RTRIM(m.[District]));
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
            migrationBuilder.AddColumn<string>(
                name: "District",
                table: "AccountManagers",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql("""
                UPDATE m SET [District] = d.[Name]
                FROM [AccountManagers] AS m JOIN [Districts] AS d ON d.[Id] = m.[DistrictId];
                """);

            migrationBuilder.DropForeignKey(
                name: "FK_AccountManagers_Districts_DistrictId",
                table: "AccountManagers");

            migrationBuilder.DropIndex(
                name: "IX_AccountManagers_DistrictId_Name",
                table: "AccountManagers");

            migrationBuilder.DropColumn(
                name: "DistrictId",
                table: "AccountManagers");

            migrationBuilder.DropTable(
                name: "Districts");

            migrationBuilder.CreateIndex(
                name: "IX_AccountManagers_District_Name",
                table: "AccountManagers",
                columns: new[] { "District", "Name" });
        }
    }
}
