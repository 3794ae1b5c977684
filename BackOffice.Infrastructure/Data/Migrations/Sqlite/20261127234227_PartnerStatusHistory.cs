using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    From = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
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
