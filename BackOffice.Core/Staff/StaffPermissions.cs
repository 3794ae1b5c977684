using BackOffice.Core.Common;

namespace BackOffice.Core.Staff;

public static class StaffPermissions
{
    public const string ManageStaff = "admin.staff";
    public const string RequestRoleChange = "admin.roles";
    public const string ApproveRoleChange = "admin.roles.approve";
    public const string ViewAudit = "audit.view";
    public const string VerifyAudit = "audit.verify";
    public const string ViewSecurity = "security.view";
    public const string ExportReports = "reports.export";

    public static readonly PermissionInfo[] Catalogue =
    [
        new(ManageStaff, "Staff and access", "Create and disable staff, reset their two-factor enrolment"),
        new(RequestRoleChange, "Staff and access", "Propose changes to the role → permission matrix and staff role assignments"),
        new(ApproveRoleChange, "Staff and access", "Approve or reject proposed role and permission changes (checker)"),
        new(ViewAudit, "Staff and access", "Read the audit trail"),
        new(VerifyAudit, "Staff and access", "Verify the audit trail's hash chain"),
        new(ViewSecurity, "Staff and access", "See login events and security alerts"),
        new(ExportReports, "Staff and access", "Export grids and reports to Excel"),
    ];
}
