using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartnerClientCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PartnerClientCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartnerId = table.Column<long>(type: "bigint", nullable: false),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    ManagerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountTypeId = table.Column<int>(type: "integer", nullable: false),
                    Clients = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerClientCounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerClientCounts_ManagerId_AccountTypeId_Country_Partner~",
                table: "PartnerClientCounts",
                columns: new[] { "ManagerId", "AccountTypeId", "Country", "PartnerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerClientCounts_PartnerId",
                table: "PartnerClientCounts",
                column: "PartnerId");

            // The counts of the attributions already there.
            migrationBuilder.Sql(BackOffice.Core.Reports.Partners.PartnerClientCounts.RebuildSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerClientCounts");
        }
    }
}
