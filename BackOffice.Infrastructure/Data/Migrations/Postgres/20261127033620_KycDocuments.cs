using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DocumentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RequiredForApproval = table.Column<bool>(type: "boolean", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentRequirements", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "KycCases",
                columns: table => new
                {
                    ClientId = table.Column<long>(type: "bigint", nullable: false),
                    QueuedSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AssigneeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AssigneeName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClientId = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    UploadedBy = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FileName = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    ReplacesId = table.Column<long>(type: "bigint", nullable: true),
                    ReplacedById = table.Column<long>(type: "bigint", nullable: true),
                    Number = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    IssuingCountry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PrintedName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PrintedDateOfBirth = table.Column<DateOnly>(type: "date", nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    BillDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ReviewerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReviewerName = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RejectionReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ProviderVerified = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
