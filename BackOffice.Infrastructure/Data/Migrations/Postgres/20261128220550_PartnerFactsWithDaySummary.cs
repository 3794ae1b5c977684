using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartnerFactsWithDaySummary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The partner report's days now carry their summary (the chart's figures) ahead of their entries: every partner day
            // built before is marked stale, read from the data until the refresh builds it again.
            migrationBuilder.Sql("""UPDATE "ReportFactDays" SET "Version" = "Version" + 1 WHERE "Family" = 'Partners';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
