using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatementReconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReconciliationBreaks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StatementLineId = table.Column<long>(type: "INTEGER", nullable: true),
                    DepositId = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawalId = table.Column<long>(type: "INTEGER", nullable: true),
                    OurReference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OursMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    TheirsMinor = table.Column<long>(type: "INTEGER", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Resolution = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LedgerTransactionId = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationBreaks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatementImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LayoutKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LayoutJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    PeriodFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodTo = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Lines = table.Column<int>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    Matched = table.Column<int>(type: "INTEGER", nullable: false),
                    Mismatched = table.Column<int>(type: "INTEGER", nullable: false),
                    TheirsOnly = table.Column<int>(type: "INTEGER", nullable: false),
                    OursOnly = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    ImportedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatementLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    LineNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    ProviderId = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Payer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Match = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    MatchedBy = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DepositId = table.Column<long>(type: "INTEGER", nullable: true),
                    WithdrawalId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementLines", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationBreaks_ChannelId_Kind_Status",
                table: "ReconciliationBreaks",
                columns: new[] { "ChannelId", "Kind", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationBreaks_ImportId",
                table: "ReconciliationBreaks",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationBreaks_Status_Date",
                table: "ReconciliationBreaks",
                columns: new[] { "Status", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementImports_ChannelId_Sha256",
                table: "StatementImports",
                columns: new[] { "ChannelId", "Sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_ChannelId_Date",
                table: "StatementLines",
                columns: new[] { "ChannelId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_DepositId",
                table: "StatementLines",
                column: "DepositId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_ImportId",
                table: "StatementLines",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_WithdrawalId",
                table: "StatementLines",
                column: "WithdrawalId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReconciliationBreaks");

            migrationBuilder.DropTable(
                name: "StatementImports");

            migrationBuilder.DropTable(
                name: "StatementLines");
        }
    }
}
