using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PartnerStatusHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PartnerStatusChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PartnerId = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    From = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerStatusChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerStatusChanges_PartnerId_From",
                table: "PartnerStatusChanges",
                columns: new[] { "PartnerId", "From" });

            // Partners already suspended or terminated had no history: their status is taken to have held since they were created.
            migrationBuilder.Sql(
                "INSERT INTO \"PartnerStatusChanges\" (\"PartnerId\", \"Status\", \"From\", \"By\", \"Reason\") " +
                "SELECT \"Id\", \"Status\", \"CreatedAt\", 'history begun', \"StatusReason\" FROM \"Partners\" WHERE \"Status\" <> 'Active'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerStatusChanges");
        }
    }
}
