using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewQueueFilters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClientCountry",
                table: "KycCases",
                type: "character varying(2)",
                maxLength: 2,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ClientKind",
                table: "KycCases",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Existing cases take their client's kind and country; from now on KycQueue.Follow keeps them in step.
            migrationBuilder.Sql("""
                UPDATE "KycCases" SET
                    "ClientKind" = (SELECT c."Kind" FROM "Clients" c WHERE c."Id" = "KycCases"."ClientId"),
                    "ClientCountry" = (SELECT c."Country" FROM "Clients" c WHERE c."Id" = "KycCases"."ClientId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_Queue_Country",
                table: "KycCases",
                columns: new[] { "ClientCountry", "QueuedSince", "ClientId" },
                filter: "\"QueuedSince\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_Queue_Kind",
                table: "KycCases",
                columns: new[] { "ClientKind", "QueuedSince", "ClientId" },
                filter: "\"QueuedSince\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_Queue_KindCountry",
                table: "KycCases",
                columns: new[] { "ClientKind", "ClientCountry", "QueuedSince", "ClientId" },
                filter: "\"QueuedSince\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_Queue_Risk",
                table: "KycCases",
                columns: new[] { "RiskLevel", "QueuedSince", "ClientId" },
                filter: "\"QueuedSince\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_KycCases_Queue_Country",
                table: "KycCases");

            migrationBuilder.DropIndex(
                name: "IX_KycCases_Queue_Kind",
                table: "KycCases");

            migrationBuilder.DropIndex(
                name: "IX_KycCases_Queue_KindCountry",
                table: "KycCases");

            migrationBuilder.DropIndex(
                name: "IX_KycCases_Queue_Risk",
                table: "KycCases");

            migrationBuilder.DropColumn(
                name: "ClientCountry",
                table: "KycCases");

            migrationBuilder.DropColumn(
                name: "ClientKind",
                table: "KycCases");
        }
    }
}
