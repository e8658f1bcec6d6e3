using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerManager.Migrations.Sqlite.Migrations
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
                    Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CheckedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
