using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdentityVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IdentityChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ApplicantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    LastAnswer = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    LastRejectType = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    LastLabels = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentityChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IdentityChecks_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProviderCallbacks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    SignatureValid = table.Column<bool>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    ApplicantId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReplayOf = table.Column<long>(type: "INTEGER", nullable: true),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProviderCallbacks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IdentityChecks_ApplicantId",
                table: "IdentityChecks",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_IdentityChecks_ClientId",
                table: "IdentityChecks",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProviderCallbacks_ClientId_ReceivedAt",
                table: "ProviderCallbacks",
                columns: new[] { "ClientId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ProviderCallbacks_EventId_Processed",
                table: "ProviderCallbacks",
                column: "EventId",
                unique: true,
                filter: "\"Outcome\" IN ('Applied', 'Ignored')");

            migrationBuilder.CreateIndex(
                name: "IX_ProviderCallbacks_ReceivedAt",
                table: "ProviderCallbacks",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IdentityChecks");

            migrationBuilder.DropTable(
                name: "ProviderCallbacks");
        }
    }
}
