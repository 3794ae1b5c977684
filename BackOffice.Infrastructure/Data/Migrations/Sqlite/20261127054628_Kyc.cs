using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Kyc : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActivityEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    AmountUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    MethodKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    MethodFingerprint = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    MethodHolder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IpCountry = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    TradedVolumeUsd = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActivityEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActivityEvents_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AmlAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    RuleCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Sentence = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    EventIds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AssigneeName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CloseReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SarReference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmlAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmlAlerts_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "CorporateParties",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Roles = table.Column<int>(type: "INTEGER", nullable: false),
                    IsNominee = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsTrust = table.Column<bool>(type: "INTEGER", nullable: false),
                    DateOfBirth = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    HoldsInPartyId = table.Column<long>(type: "INTEGER", nullable: true),
                    OwnershipPercent = table.Column<decimal>(type: "TEXT", precision: 7, scale: 4, nullable: true),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CorporateParties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CorporateParties_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                name: "KycCases",
                columns: table => new
                {
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    QueuedSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AssigneeName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RiskLevel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    ScoredLevel = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    RiskPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskOverride = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    RiskOverrideReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RiskAssessedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
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
                    RelatedPartyId = table.Column<long>(type: "INTEGER", nullable: true),
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
                    ReminderSentDays = table.Column<int>(type: "INTEGER", nullable: true),
                    ExpiryHandledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
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

            migrationBuilder.CreateTable(
                name: "MonitoringRules",
                columns: table => new
                {
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Thresholds = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MonitoringRules", x => x.Code);
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

            migrationBuilder.CreateTable(
                name: "SuspiciousActivityReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClientId = table.Column<long>(type: "INTEGER", nullable: false),
                    AmlAlertId = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FiledBy = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    FiledAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuspiciousActivityReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuspiciousActivityReports_AmlAlerts_AmlAlertId",
                        column: x => x.AmlAlertId,
                        principalTable: "AmlAlerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SuspiciousActivityReports_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActivityEvents_At",
                table: "ActivityEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityEvents_ClientId_At",
                table: "ActivityEvents",
                columns: new[] { "ClientId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AmlAlerts_ClientId_RuleCode",
                table: "AmlAlerts",
                columns: new[] { "ClientId", "RuleCode" });

            migrationBuilder.CreateIndex(
                name: "IX_AmlAlerts_Status_RaisedAt",
                table: "AmlAlerts",
                columns: new[] { "Status", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CorporateParties_ClientId",
                table: "CorporateParties",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentRequirements_Kind_DocumentType",
                table: "DocumentRequirements",
                columns: new[] { "Kind", "DocumentType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EddCases_ClientId_Status",
                table: "EddCases",
                columns: new[] { "ClientId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_EddCases_Status",
                table: "EddCases",
                column: "Status");

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
                name: "IX_KycCases_AssigneeId_QueuedSince",
                table: "KycCases",
                columns: new[] { "AssigneeId", "QueuedSince" });

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_QueuedSince",
                table: "KycCases",
                column: "QueuedSince");

            migrationBuilder.CreateIndex(
                name: "IX_KycCases_RiskLevel",
                table: "KycCases",
                column: "RiskLevel");

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

            migrationBuilder.CreateIndex(
                name: "IX_RiskRecords_ClientId_At",
                table: "RiskRecords",
                columns: new[] { "ClientId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SuspiciousActivityReports_AmlAlertId",
                table: "SuspiciousActivityReports",
                column: "AmlAlertId");

            migrationBuilder.CreateIndex(
                name: "IX_SuspiciousActivityReports_ClientId",
                table: "SuspiciousActivityReports",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_SuspiciousActivityReports_Reference",
                table: "SuspiciousActivityReports",
                column: "Reference",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActivityEvents");

            migrationBuilder.DropTable(
                name: "ClientDeclarations");

            migrationBuilder.DropTable(
                name: "CorporateParties");

            migrationBuilder.DropTable(
                name: "DocumentRequirements");

            migrationBuilder.DropTable(
                name: "EddCases");

            migrationBuilder.DropTable(
                name: "IdentityChecks");

            migrationBuilder.DropTable(
                name: "KycCases");

            migrationBuilder.DropTable(
                name: "KycDocuments");

            migrationBuilder.DropTable(
                name: "MonitoringRules");

            migrationBuilder.DropTable(
                name: "ProviderCallbacks");

            migrationBuilder.DropTable(
                name: "RiskRecords");

            migrationBuilder.DropTable(
                name: "SuspiciousActivityReports");

            migrationBuilder.DropTable(
                name: "AmlAlerts");
        }
    }
}
