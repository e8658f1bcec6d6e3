using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReadinessProbes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReadinessProbes",
                columns: table => new
                {
                    Node = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CheckedUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReadinessProbes", x => x.Node);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReadinessProbes");
        }
    }
}
