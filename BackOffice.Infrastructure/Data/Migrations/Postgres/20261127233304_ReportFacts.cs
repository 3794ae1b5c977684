using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReportFactDays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Family = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    BuiltVersion = table.Column<long>(type: "bigint", nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportFactDays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportFacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DayId = table.Column<long>(type: "bigint", nullable: false),
                    Country = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    ManagerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountTypeId = table.Column<int>(type: "integer", nullable: false),
                    Data = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportFacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportFacts_ReportFactDays_DayId",
                        column: x => x.DayId,
                        principalTable: "ReportFactDays",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_Status_CreatedAt",
                table: "Withdrawals",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Withdrawals_Status_PaidAt",
                table: "Withdrawals",
                columns: new[] { "Status", "PaidAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningHits_RaisedAt",
                table: "ScreeningHits",
                column: "RaisedAt");

            migrationBuilder.CreateIndex(
                name: "IX_RiskRecords_Level_At",
                table: "RiskRecords",
                columns: new[] { "Level", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingOperations_CreatedAt",
                table: "PendingOperations",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_LoginEvents_Kind_At",
                table: "LoginEvents",
                columns: new[] { "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_KycDocuments_Status_ExpiresOn_ClientId",
                table: "KycDocuments",
                columns: new[] { "Status", "ExpiresOn", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Deposits_CreatedAt",
                table: "Deposits",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Deposits_Status_CreatedAt",
                table: "Deposits",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Deposits_Status_DecidedAt",
                table: "Deposits",
                columns: new[] { "Status", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Status_Country_StatusChangedAt",
                table: "Clients",
                columns: new[] { "Status", "Country", "StatusChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Status_ManagerId_StatusChangedAt",
                table: "Clients",
                columns: new[] { "Status", "ManagerId", "StatusChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Status_StatusChangedAt",
                table: "Clients",
                columns: new[] { "Status", "StatusChangedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AmlAlerts_RaisedAt",
                table: "AmlAlerts",
                column: "RaisedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_RaisedAt",
                table: "Alerts",
                column: "RaisedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ReportFactDays_Family_StartUtc",
                table: "ReportFactDays",
                columns: new[] { "Family", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportFactDays_Family_Zone_Day",
                table: "ReportFactDays",
                columns: new[] { "Family", "Zone", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportFacts_DayId_ManagerId_AccountTypeId_Country",
                table: "ReportFacts",
                columns: new[] { "DayId", "ManagerId", "AccountTypeId", "Country" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReportFacts");

            migrationBuilder.DropTable(
                name: "ReportFactDays");

            migrationBuilder.DropIndex(
                name: "IX_Withdrawals_Status_CreatedAt",
                table: "Withdrawals");

            migrationBuilder.DropIndex(
                name: "IX_Withdrawals_Status_PaidAt",
                table: "Withdrawals");

            migrationBuilder.DropIndex(
                name: "IX_ScreeningHits_RaisedAt",
                table: "ScreeningHits");

            migrationBuilder.DropIndex(
                name: "IX_RiskRecords_Level_At",
                table: "RiskRecords");

            migrationBuilder.DropIndex(
                name: "IX_PendingOperations_CreatedAt",
                table: "PendingOperations");

            migrationBuilder.DropIndex(
                name: "IX_LoginEvents_Kind_At",
                table: "LoginEvents");

            migrationBuilder.DropIndex(
                name: "IX_KycDocuments_Status_ExpiresOn_ClientId",
                table: "KycDocuments");

            migrationBuilder.DropIndex(
                name: "IX_Deposits_CreatedAt",
                table: "Deposits");

            migrationBuilder.DropIndex(
                name: "IX_Deposits_Status_CreatedAt",
                table: "Deposits");

            migrationBuilder.DropIndex(
                name: "IX_Deposits_Status_DecidedAt",
                table: "Deposits");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Status_Country_StatusChangedAt",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Status_ManagerId_StatusChangedAt",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Status_StatusChangedAt",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_AmlAlerts_RaisedAt",
                table: "AmlAlerts");

            migrationBuilder.DropIndex(
                name: "IX_Alerts_RaisedAt",
                table: "Alerts");
        }
    }
}
