using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CommissionLineBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CommissionLineBlocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    PartnerId = table.Column<long>(type: "bigint", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    FirstLineId = table.Column<long>(type: "bigint", nullable: false),
                    LineCount = table.Column<int>(type: "integer", nullable: false),
                    AdjustmentCount = table.Column<int>(type: "integer", nullable: false),
                    EligibleLots = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    AmountMinor = table.Column<long>(type: "bigint", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissionLineBlocks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLineBlocks_Day",
                table: "CommissionLineBlocks",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLineBlocks_FirstLineId",
                table: "CommissionLineBlocks",
                column: "FirstLineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLineBlocks_PartnerId_Day",
                table: "CommissionLineBlocks",
                columns: new[] { "PartnerId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLineBlocks_RunId_PartnerId_Level",
                table: "CommissionLineBlocks",
                columns: new[] { "RunId", "PartnerId", "Level" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CommissionLineBlocks");
        }
    }
}
