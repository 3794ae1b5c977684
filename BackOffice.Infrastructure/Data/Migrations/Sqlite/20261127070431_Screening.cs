using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Screening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScreeningEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Aliases = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    BirthDates = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Countries = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Programs = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    IsPep = table.Column<bool>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RemovedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ChangedByImportId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Files = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FilesSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Entries = table.Column<int>(type: "INTEGER", nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Changed = table.Column<int>(type: "INTEGER", nullable: false),
                    Removed = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientsToScreen = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientsScreened = table.Column<int>(type: "INTEGER", nullable: false),
                    ScreenedThroughClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    HitsRaised = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningHits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    PartyId = table.Column<long>(type: "INTEGER", nullable: true),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    SubjectBirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SubjectCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    EntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryIsPep = table.Column<bool>(type: "INTEGER", nullable: false),
                    EntryHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: false),
                    NameScore = table.Column<double>(type: "REAL", nullable: false),
                    MatchedName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Matched = table.Column<int>(type: "INTEGER", nullable: false),
                    Contradicted = table.Column<int>(type: "INTEGER", nullable: false),
                    Trigger = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AmlAlertId = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningHits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScreeningHits_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScreeningHits_ScreeningEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "ScreeningEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningEntries_ChangedByImportId",
                table: "ScreeningEntries",
                column: "ChangedByImportId");

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningEntries_Source_ExternalId",
                table: "ScreeningEntries",
                columns: new[] { "Source", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningHits_ClientId_EntryId",
                table: "ScreeningHits",
                columns: new[] { "ClientId", "EntryId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningHits_EntryId",
                table: "ScreeningHits",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningHits_Status_RaisedAt",
                table: "ScreeningHits",
                columns: new[] { "Status", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningImports_Source_Id",
                table: "ScreeningImports",
                columns: new[] { "Source", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScreeningHits");

            migrationBuilder.DropTable(
                name: "ScreeningImports");

            migrationBuilder.DropTable(
                name: "ScreeningEntries");
        }
    }
}
