using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewQueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_KycCases_QueuedSince",
                table: "KycCases");

            migrationBuilder.CreateIndex(
                name: "IX_KycDocuments_Waiting",
                table: "KycDocuments",
                column: "ClientId",
                filter: "\"Status\" = 'Submitted'");

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_Queue",
                table: "KycCases",
                columns: new[] { "QueuedSince", "ClientId" },
                filter: "\"QueuedSince\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_Queue_ClientId",
                table: "KycCases",
                columns: new[] { "ClientId", "QueuedSince" },
                filter: "\"QueuedSince\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Corporate",
                table: "Clients",
                column: "Id",
                filter: "\"Kind\" = 'Corporate'");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Country_Id",
                table: "Clients",
                columns: new[] { "Country", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_KycDocuments_Waiting",
                table: "KycDocuments");

            migrationBuilder.DropIndex(
                name: "IX_KycCases_Queue",
                table: "KycCases");

            migrationBuilder.DropIndex(
                name: "IX_KycCases_Queue_ClientId",
                table: "KycCases");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Corporate",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Country_Id",
                table: "Clients");

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_QueuedSince",
                table: "KycCases",
                column: "QueuedSince");
        }
    }
}
