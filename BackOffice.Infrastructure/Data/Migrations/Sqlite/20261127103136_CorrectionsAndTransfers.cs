using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CorrectionsAndTransfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BalanceCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    TradingAccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    MadeBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    PostedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LedgerTransactionId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BalanceCorrections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InternalTransfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    FromAccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    ToAccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    ToAmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    ToCurrency = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Rate = table.Column<decimal>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LedgerTransactionId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InternalTransfers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BalanceCorrections_ClientId_Id",
                table: "BalanceCorrections",
                columns: new[] { "ClientId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BalanceCorrections_Reference",
                table: "BalanceCorrections",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InternalTransfers_ClientId_Id",
                table: "InternalTransfers",
                columns: new[] { "ClientId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_InternalTransfers_Reference",
                table: "InternalTransfers",
                column: "Reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BalanceCorrections");

            migrationBuilder.DropTable(
                name: "InternalTransfers");
        }
    }
}
