using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DocumentExpiryCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DocumentExpiryCounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    ManagerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountTypeId = table.Column<int>(type: "integer", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Documents = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentExpiryCounts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentExpiryCounts_ExpiresOn_ManagerId_Country",
                table: "DocumentExpiryCounts",
                columns: new[] { "ExpiresOn", "ManagerId", "Country" });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentExpiryCounts_ManagerId_AccountTypeId_Country_Expire~",
                table: "DocumentExpiryCounts",
                columns: new[] { "ManagerId", "AccountTypeId", "Country", "ExpiresOn" },
                unique: true);
            // The documents already accepted, counted once; commands keep the counts from here on.
            migrationBuilder.Sql(BackOffice.Core.Reports.Compliance.DocumentExpiryCounts.RebuildSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DocumentExpiryCounts");
        }
    }
}
