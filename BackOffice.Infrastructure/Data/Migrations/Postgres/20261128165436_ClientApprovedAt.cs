using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClientApprovedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ApprovedAt",
                table: "Clients",
                type: "timestamp with time zone",
                nullable: true);

            // Each client's first approval from the history already kept, before the indexes, which are then built once.
            migrationBuilder.Sql(BackOffice.Core.Accounts.Lifecycle.ClientMoves.ApprovedAtFromHistorySql);

            migrationBuilder.CreateIndex(
                name: "IX_Clients_ApprovedAt",
                table: "Clients",
                column: "ApprovedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Country_ApprovedAt",
                table: "Clients",
                columns: new[] { "Country", "ApprovedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_ManagerId_ApprovedAt",
                table: "Clients",
                columns: new[] { "ManagerId", "ApprovedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clients_ApprovedAt",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Country_ApprovedAt",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_ManagerId_ApprovedAt",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "ApprovedAt",
                table: "Clients");
        }
    }
}
