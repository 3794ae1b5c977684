using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KycDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DocumentRequirements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DocumentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequiredForApproval = table.Column<bool>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentRequirements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KycCases",
                columns: table => new
                {
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    QueuedSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AssigneeName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KycCases", x => x.ClientId);
                    table.ForeignKey(
                        name: "FK_KycCases_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "KycDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UploadedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    ReplacesId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReplacedById = table.Column<long>(type: "INTEGER", nullable: true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    IssuingCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PrintedName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PrintedDateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    BillDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReviewerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReviewerName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RejectionReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ReviewNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProviderVerified = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KycDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KycDocuments_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentRequirements_Kind_DocumentType",
                table: "DocumentRequirements",
                columns: new[] { "Kind", "DocumentType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_AssigneeId_QueuedSince",
                table: "KycCases",
                columns: new[] { "AssigneeId", "QueuedSince" });

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_QueuedSince",
                table: "KycCases",
                column: "QueuedSince");

            migrationBuilder.CreateIndex(
                name: "IX_KycDocuments_ClientId_Type",
                table: "KycDocuments",
                columns: new[] { "ClientId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_KycDocuments_ExpiresOn",
                table: "KycDocuments",
                column: "ExpiresOn");

            migrationBuilder.CreateIndex(
                name: "IX_KycDocuments_Number_IssuingCountry",
                table: "KycDocuments",
                columns: new[] { "Number", "IssuingCountry" });

            migrationBuilder.CreateIndex(
                name: "IX_KycDocuments_Status_UploadedAt",
                table: "KycDocuments",
                columns: new[] { "Status", "UploadedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DocumentRequirements");

            migrationBuilder.DropTable(
                name: "KycCases");

            migrationBuilder.DropTable(
                name: "KycDocuments");
        }
    }
}
