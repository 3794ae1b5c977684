using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaymentListsByClient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Withdrawals_Status_CreatedAt",
                table: "Withdrawals");

            migrationBuilder.DropIndex(
                name: "IX_Deposits_Status_CreatedAt",
                table: "Deposits");

            migrationBuilder.DropIndex(
                name: "IX_Deposits_Status_DecidedAt",
                table: "Deposits");

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_Status_CreatedAt_ClientId_TradingAccountId",
                table: "Withdrawals",
                columns: new[] { "Status", "CreatedAt", "ClientId", "TradingAccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deposits_Status_CreatedAt_ClientId_TradingAccountId",
                table: "Deposits",
                columns: new[] { "Status", "CreatedAt", "ClientId", "TradingAccountId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deposits_Status_DecidedAt_ClientId_TradingAccountId",
                table: "Deposits",
                columns: new[] { "Status", "DecidedAt", "ClientId", "TradingAccountId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Withdrawals_Status_CreatedAt_ClientId_TradingAccountId",
                table: "Withdrawals");

            migrationBuilder.DropIndex(
                name: "IX_Deposits_Status_CreatedAt_ClientId_TradingAccountId",
                table: "Deposits");

            migrationBuilder.DropIndex(
                name: "IX_Deposits_Status_DecidedAt_ClientId_TradingAccountId",
                table: "Deposits");

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_Status_CreatedAt",
                table: "Withdrawals",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Deposits_Status_CreatedAt",
                table: "Deposits",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Deposits_Status_DecidedAt",
                table: "Deposits",
                columns: new[] { "Status", "DecidedAt" });
        }
    }
}
