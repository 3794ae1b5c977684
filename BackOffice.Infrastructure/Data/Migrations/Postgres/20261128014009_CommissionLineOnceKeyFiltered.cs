using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommissionLineOnceKeyFiltered : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CommissionLines_OnceKey",
                table: "CommissionLines");

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_OnceKey",
                table: "CommissionLines",
                column: "OnceKey",
                unique: true,
                filter: "\"OnceKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CommissionLines_OnceKey",
                table: "CommissionLines");

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_OnceKey",
                table: "CommissionLines",
                column: "OnceKey",
                unique: true);
        }
    }
}
