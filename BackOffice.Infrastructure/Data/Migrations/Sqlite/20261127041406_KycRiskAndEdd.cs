using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KycRiskAndEdd : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "RiskAssessedAt",
                table: "KycCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskLevel",
                table: "KycCases",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskOverride",
                table: "KycCases",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskOverrideReason",
                table: "KycCases",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RiskPoints",
                table: "KycCases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ScoredLevel",
                table: "KycCases",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClientDeclarations",
                columns: table => new
                {
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceOfFunds = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ExpectedYearlyVolumeUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Occupation = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    OccupationCategory = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    IsPep = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientDeclarations", x => x.ClientId);
                    table.ForeignKey(
                        name: "FK_ClientDeclarations_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EddCases",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SourceOfWealthEvidence = table.Column<bool>(type: "INTEGER", nullable: false),
                    SourceOfFundsEvidence = table.Column<bool>(type: "INTEGER", nullable: false),
                    SeniorManagementApproval = table.Column<bool>(type: "INTEGER", nullable: false),
                    EnhancedMonitoring = table.Column<bool>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    SignedOffBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    SignedOffAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SignOffNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EddCases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RiskRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Points = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoredLevel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 1200, nullable: false),
                    Factors = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskRecords", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_RiskLevel",
                table: "KycCases",
                column: "RiskLevel");

            migrationBuilder.CreateIndex(
                name: "IX_EddCases_ClientId_Status",
                table: "EddCases",
                columns: new[] { "ClientId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_EddCases_Status",
                table: "EddCases",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_RiskRecords_ClientId_At",
                table: "RiskRecords",
                columns: new[] { "ClientId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClientDeclarations");

            migrationBuilder.DropTable(
                name: "EddCases");

            migrationBuilder.DropTable(
                name: "RiskRecords");

            migrationBuilder.DropIndex(
                name: "IX_KycCases_RiskLevel",
                table: "KycCases");

            migrationBuilder.DropColumn(
                name: "RiskAssessedAt",
                table: "KycCases");

            migrationBuilder.DropColumn(
                name: "RiskLevel",
                table: "KycCases");

            migrationBuilder.DropColumn(
                name: "RiskOverride",
                table: "KycCases");

            migrationBuilder.DropColumn(
                name: "RiskOverrideReason",
                table: "KycCases");

            migrationBuilder.DropColumn(
                name: "RiskPoints",
                table: "KycCases");

            migrationBuilder.DropColumn(
                name: "ScoredLevel",
                table: "KycCases");
        }
    }
}
