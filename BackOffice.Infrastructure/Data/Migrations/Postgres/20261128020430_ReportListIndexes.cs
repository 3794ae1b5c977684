using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActorId",
                table: "AuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_DealTime_RunId",
                table: "CommissionLines",
                columns: new[] { "DealTime", "RunId" });

            migrationBuilder.CreateIndex(
                name: "IX_ClientAttributions_From",
                table: "ClientAttributions",
                column: "From");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Action_At",
                table: "AuditEntries",
                columns: new[] { "Action", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorId_At",
                table: "AuditEntries",
                columns: new[] { "ActorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Approved",
                table: "AuditEntries",
                columns: new[] { "At", "Sequence" },
                filter: "\"ApproverId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ApproverId_At",
                table: "AuditEntries",
                columns: new[] { "ApproverId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CommissionLines_DealTime_RunId",
                table: "CommissionLines");

            migrationBuilder.DropIndex(
                name: "IX_ClientAttributions_From",
                table: "ClientAttributions");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Action_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ActorId_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Approved",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ApproverId_At",
                table: "AuditEntries");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ActorId",
                table: "AuditEntries",
                column: "ActorId");
        }
    }
}
