using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BackOffice.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ApprovedByActor",
                table: "AuditEntries",
                columns: new[] { "ActorId", "At", "Sequence" },
                filter: "\"ApproverId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_RoleChanges",
                table: "AuditEntries",
                columns: new[] { "At", "Sequence" },
                filter: "\"Action\" IN ('ChangeRolePermissions', 'SetRoleTwoFactorRequirement', 'AssignStaffRoles')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ApprovedByActor",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_RoleChanges",
                table: "AuditEntries");
        }
    }
}
