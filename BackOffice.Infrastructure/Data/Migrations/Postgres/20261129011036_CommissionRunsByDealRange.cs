using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommissionRunsByDealRange : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DealsUpToId",
                table: "CommissionRuns",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReadAfterId",
                table: "CommissionRuns",
                type: "bigint",
                nullable: true);

            // A run computed before is known by the last deal it marked; a run caught computing starts again.
            migrationBuilder.Sql("""
                UPDATE "CommissionRuns" SET "DealsUpToId" = (SELECT MAX(d."Id") FROM "TradeDeals" d WHERE d."CommissionRunId" = "CommissionRuns"."Id");
                DELETE FROM "CommissionLines" WHERE "RunId" IN (SELECT "Id" FROM "CommissionRuns" WHERE "Status" = 'Computing');
                UPDATE "CommissionRuns" SET "Status" = 'Failed', "Note" = 'Stopped by an upgrade while computing: start the run again.' WHERE "Status" = 'Computing';
                """);

            migrationBuilder.DropIndex(
                name: "IX_TradeDeals_CommissionRunId_ClientId_TimeUtc",
                table: "TradeDeals");

            migrationBuilder.DropColumn(
                name: "CommissionRunId",
                table: "TradeDeals");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DealsUpToId",
                table: "CommissionRuns");

            migrationBuilder.DropColumn(
                name: "ReadAfterId",
                table: "CommissionRuns");

            migrationBuilder.AddColumn<long>(
                name: "CommissionRunId",
                table: "TradeDeals",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_TradeDeals_CommissionRunId_ClientId_TimeUtc",
                table: "TradeDeals",
                columns: new[] { "CommissionRunId", "ClientId", "TimeUtc" });
        }
    }
}
