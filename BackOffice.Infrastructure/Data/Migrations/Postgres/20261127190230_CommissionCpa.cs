using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommissionCpa : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DepositsFrom",
                table: "CommissionRuns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "MinimumDeposit",
                table: "CommissionRules",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "MinimumLots",
                table: "CommissionRules",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "TradeDealId",
                table: "CommissionLines",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "CommissionLines",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OnceKey",
                table: "CommissionLines",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deposits_CreditedAt",
                table: "Deposits",
                column: "CreditedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_OnceKey",
                table: "CommissionLines",
                column: "OnceKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deposits_CreditedAt",
                table: "Deposits");

            migrationBuilder.DropIndex(
                name: "IX_CommissionLines_OnceKey",
                table: "CommissionLines");

            migrationBuilder.DropColumn(
                name: "DepositsFrom",
                table: "CommissionRuns");

            migrationBuilder.DropColumn(
                name: "MinimumDeposit",
                table: "CommissionRules");

            migrationBuilder.DropColumn(
                name: "MinimumLots",
                table: "CommissionRules");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "CommissionLines");

            migrationBuilder.DropColumn(
                name: "OnceKey",
                table: "CommissionLines");

            migrationBuilder.AlterColumn<long>(
                name: "TradeDealId",
                table: "CommissionLines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);
        }
    }
}
