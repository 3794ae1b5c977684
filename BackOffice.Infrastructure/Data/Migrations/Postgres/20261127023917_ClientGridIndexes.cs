using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClientGridIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Clients_Country_NameKey",
                table: "Clients",
                columns: new[] { "Country", "NameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Status_Region_RegisteredAt",
                table: "Clients",
                columns: new[] { "Status", "Region", "RegisteredAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clients_Country_NameKey",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Status_Region_RegisteredAt",
                table: "Clients");
        }
    }
}
