using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ClientAccountTypes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClientAccountTypes",
                columns: table => new
                {
                    ClientId = table.Column<long>(type: "bigint", nullable: false),
                    AccountTypeId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StatusChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientAccountTypes", x => new { x.ClientId, x.AccountTypeId });
                });

            // The clients and accounts already there, before the index, which is then built once.
            migrationBuilder.Sql(BackOffice.Core.Reports.Accounts.ClientAccountTypes.RebuildSql);

            migrationBuilder.CreateIndex(
                name: "IX_ClientAccountTypes_AccountTypeId_Status_StatusChangedAt_Cli~",
                table: "ClientAccountTypes",
                columns: new[] { "AccountTypeId", "Status", "StatusChangedAt", "ClientId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClientAccountTypes");
        }
    }
}
