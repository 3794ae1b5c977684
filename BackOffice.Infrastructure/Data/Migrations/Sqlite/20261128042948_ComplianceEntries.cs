using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ComplianceEntries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ComplianceEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    ManagerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccountTypeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    Key = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplianceEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceEntries_ClientId",
                table: "ComplianceEntries",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_ComplianceEntries_Segment",
                table: "ComplianceEntries",
                columns: new[] { "Kind", "ManagerId", "AccountTypeId", "Country", "At", "Key", "Code", "Outcome", "Until" });
            // The risk, due diligence, hits and alerts already there, filed once; commands keep the rows from here on.
            migrationBuilder.Sql(BackOffice.Core.Reports.Compliance.ComplianceEntries.RebuildSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplianceEntries");
        }
    }
}
