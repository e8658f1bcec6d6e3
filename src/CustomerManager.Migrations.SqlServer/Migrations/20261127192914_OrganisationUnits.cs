using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Districts become units (issue 12), every record kept with its id, so that managers, the audit trail and
            // links still point at them; placed under one company and one department when there are any, for the
            // administrator to rename and restructure. Sort keys of the two new units are filled at start-up.
            migrationBuilder.CreateTable(
                name: "OrgUnits",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    NameEn = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: true),
                    NameSortKey = table.Column<string>(type: "varchar(200)", unicode: false, maxLength: 200, nullable: false, defaultValue: ""),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    ParentId = table.Column<int>(type: "int", nullable: true),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ModifiedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ModifiedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "int", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrgUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrgUnits_OrgUnits_ParentId",
                        column: x => x.ParentId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.Sql(
                """
                SET IDENTITY_INSERT [OrgUnits] ON;
                INSERT INTO [OrgUnits] ([Id], [Code], [Name], [NameEn], [NameSortKey], [Kind], [ParentId], [IsActive], [CreatedUtc], [CreatedBy], [ModifiedUtc], [ModifiedBy], [Version])
                SELECT [Id], CONCAT('D', [Id]), [Name], NULL, [NameSortKey], 2, NULL, 1, [CreatedUtc], [CreatedBy], [ModifiedUtc], [ModifiedBy], [Version] FROM [Districts];
                SET IDENTITY_INSERT [OrgUnits] OFF;
                """);

            migrationBuilder.Sql(
                """
                INSERT INTO [OrgUnits] ([Code], [Name], [NameEn], [NameSortKey], [Kind], [ParentId], [IsActive], [CreatedUtc], [CreatedBy], [Version])
                SELECT 'HQ', N'公司', 'Company', '', 0, NULL, 1, SYSUTCDATETIME(), 'migration', 1 WHERE EXISTS (SELECT 1 FROM [Districts]);
                INSERT INTO [OrgUnits] ([Code], [Name], [NameEn], [NameSortKey], [Kind], [ParentId], [IsActive], [CreatedUtc], [CreatedBy], [Version])
                SELECT 'DEPT', N'营销部', 'Marketing department', '', 1, (SELECT [Id] FROM [OrgUnits] WHERE [Code] = 'HQ'), 1, SYSUTCDATETIME(), 'migration', 1 WHERE EXISTS (SELECT 1 FROM [Districts]);
                UPDATE [OrgUnits] SET [ParentId] = (SELECT [Id] FROM [OrgUnits] WHERE [Code] = 'DEPT') WHERE [Kind] = 2;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_OrgUnits_Code",
                table: "OrgUnits",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrgUnits_Name",
                table: "OrgUnits",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrgUnits_ParentId",
                table: "OrgUnits",
                column: "ParentId");

            migrationBuilder.DropForeignKey(
                name: "FK_AccountManagers_Districts_DistrictId",
                table: "AccountManagers");

            migrationBuilder.AddForeignKey(
                name: "FK_AccountManagers_OrgUnits_DistrictId",
                table: "AccountManagers",
                column: "DistrictId",
                principalTable: "OrgUnits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.DropTable(
                name: "Districts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Districts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CreatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ModifiedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ModifiedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    NameSortKey = table.Column<string>(type: "varchar(200)", unicode: false, maxLength: 200, nullable: false, defaultValue: ""),
                    Version = table.Column<int>(type: "int", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Districts", x => x.Id);
                });

            migrationBuilder.Sql(
                """
                SET IDENTITY_INSERT [Districts] ON;
                INSERT INTO [Districts] ([Id], [Name], [NameSortKey], [CreatedUtc], [CreatedBy], [ModifiedUtc], [ModifiedBy], [Version])
                SELECT [Id], [Name], [NameSortKey], [CreatedUtc], [CreatedBy], [ModifiedUtc], [ModifiedBy], [Version] FROM [OrgUnits] WHERE [Kind] = 2;
                SET IDENTITY_INSERT [Districts] OFF;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Districts_Name",
                table: "Districts",
                column: "Name",
                unique: true);

            migrationBuilder.DropForeignKey(
                name: "FK_AccountManagers_OrgUnits_DistrictId",
                table: "AccountManagers");

            migrationBuilder.AddForeignKey(
                name: "FK_AccountManagers_Districts_DistrictId",
                table: "AccountManagers",
                column: "DistrictId",
                principalTable: "Districts",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.DropTable(
                name: "OrgUnits");
        }
    }
}
