using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CommissionRunsOneComputing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_CommissionRuns_OneComputing",
                table: "CommissionRuns",
                column: "Status",
                unique: true,
                filter: "\"Status\" = 'Computing'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CommissionRuns_OneComputing",
                table: "CommissionRuns");
        }
    }
}
