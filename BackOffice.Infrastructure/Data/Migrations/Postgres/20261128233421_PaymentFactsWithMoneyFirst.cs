using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PaymentFactsWithMoneyFirst : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The payment report's days now hold the money by currency (the chart's figures) ahead of the rest: every payment day
            // built before is marked stale, read from the data until the refresh builds it again.
            migrationBuilder.Sql("""UPDATE "ReportFactDays" SET "Version" = "Version" + 1 WHERE "Family" = 'Payments';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
