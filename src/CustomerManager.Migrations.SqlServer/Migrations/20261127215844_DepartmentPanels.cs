using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DepartmentPanels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "DepartmentId",
                table: "CyclePanel",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DepartmentSeats",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UnitId = table.Column<int>(type: "int", nullable: false),
                    Role = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ModifiedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ModifiedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DepartmentSeats", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DepartmentSeats_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DepartmentSeats_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentSeats_UnitId_Role",
                table: "DepartmentSeats",
                columns: new[] { "UnitId", "Role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DepartmentSeats_UserId",
                table: "DepartmentSeats",
                column: "UserId");

            // The one panel there was becomes every department's: each department's seat goes to an active panel
            // member holding it (the lowest id, when several held one seat: administrators then choose on the
            // department's page), so cycles opened after the upgrade score as before until administrators give the
            // departments their own panels.
            migrationBuilder.Sql(
                """
                INSERT INTO [DepartmentSeats] ([UnitId], [Role], [UserId], [CreatedUtc], [CreatedBy], [Version])
                SELECT d.[Id], u.[PanelRole], MIN(u.[Id]), SYSUTCDATETIME(), 'migration', 1
                FROM [OrgUnits] d CROSS JOIN [AspNetUsers] u
                WHERE d.[Kind] = 1 AND d.[IsActive] = 1 AND u.[IsActive] = 1 AND u.[PanelRole] IS NOT NULL
                  AND EXISTS (SELECT 1 FROM [AspNetUserRoles] ur JOIN [AspNetRoles] r ON r.[Id] = ur.[RoleId]
                              WHERE ur.[UserId] = u.[Id] AND r.[Name] = 'PanelMember')
                GROUP BY d.[Id], u.[PanelRole];
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DepartmentSeats");

            migrationBuilder.DropColumn(
                name: "DepartmentId",
                table: "CyclePanel");
        }
    }
}
