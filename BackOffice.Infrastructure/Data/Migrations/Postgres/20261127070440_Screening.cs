using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ExternalId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Aliases = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    BirthDates = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Countries = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Programs = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    IsPep = table.Column<bool>(type: "boolean", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RemovedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ChangedByImportId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningImports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Files = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    FilesSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StartedBy = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Entries = table.Column<int>(type: "integer", nullable: false),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    Changed = table.Column<int>(type: "integer", nullable: false),
                    Removed = table.Column<int>(type: "integer", nullable: false),
                    ClientsToScreen = table.Column<int>(type: "integer", nullable: false),
                    ClientsScreened = table.Column<int>(type: "integer", nullable: false),
                    ScreenedThroughClientId = table.Column<long>(type: "bigint", nullable: false),
                    HitsRaised = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningHits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClientId = table.Column<long>(type: "bigint", nullable: false),
                    PartyId = table.Column<long>(type: "bigint", nullable: true),
                    SubjectName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SubjectBirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    SubjectCountry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    EntryId = table.Column<long>(type: "bigint", nullable: false),
                    EntryIsPep = table.Column<bool>(type: "boolean", nullable: false),
                    EntryHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    NameScore = table.Column<double>(type: "double precision", nullable: false),
                    MatchedName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Matched = table.Column<int>(type: "integer", nullable: false),
                    Contradicted = table.Column<int>(type: "integer", nullable: false),
                    Trigger = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AmlAlertId = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
