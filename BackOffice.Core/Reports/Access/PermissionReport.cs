using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.FourEyes;
using Mediator;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Core.Reports.ReportMath;

namespace BackOffice.Core.Reports.Access;

/// <summary>
/// Who used power, and was it checked? What administrators did, every change a second person approved (with its before
/// and after), abnormal sign-ins, role changes, and the four-eyes decisions by checker. Staff means who acted: the actor
/// of an audit entry, the person signing in, the maker or the checker of a four-eyes operation.
/// </summary>
[RequiresPermission(ReportsPermissions.Permissions)]
public sealed record PermissionReport(ReportFilter Filter, ReportUse Use = ReportUse.Screen) : IBackOfficeQuery<Result<Report>>;

public sealed class PermissionReportHandler(BackOfficeDb db, ReportScopes scopes) : IQueryHandler<PermissionReport, Result<Report>>
{
    /// <summary>The commands that change who may do what.</summary>
    public static readonly string[] RoleChangeActions =
    [
        nameof(Staff.Roles.ChangeRolePermissions), nameof(Staff.Roles.SetRoleTwoFactorRequirement), nameof(Staff.Members.AssignStaffRoles),
    ];

    private static readonly Staff.LoginEventKind[] Abnormal =
        [Staff.LoginEventKind.Failure, Staff.LoginEventKind.LockedOut, Staff.LoginEventKind.TwoFactorFailure, Staff.LoginEventKind.NewIp];

    public async ValueTask<Result<Report>> Handle(PermissionReport query, CancellationToken ct)
    {
        var resolved = await scopes.ResolveAsync(ReportKind.Permissions, query.Filter, query.Use, ct);
        if (resolved.Error is { } invalid) return invalid;
        var s = resolved.Value!;
        var staffId = s.StaffId;

        var audit = db.AuditEntries.AsNoTracking().Where(a => a.At >= s.FromUtc && a.At < s.ToUtc);
        if (staffId is not null) audit = audit.Where(a => a.ActorId == staffId || a.ApproverId == staffId);
        // Administrators are whoever holds a role that administers staff or roles now.
        var administrators = from ur in db.UserRoles
                             join p in db.RolePermissions on ur.RoleId equals p.RoleId
                             where p.Permission == StaffPermissions.ManageStaff || p.Permission == StaffPermissions.RequestRoleChange
                             select ur.UserId;
        var adminOps = await audit.Where(a => a.ActorId != null && administrators.Contains(a.ActorId)).OrderBy(a => a.Sequence)
            .Select(a => new { a.At, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Reason }).ToListAsync(ct);
        var sensitive = await audit.Where(a => a.ApproverId != null).OrderBy(a => a.Sequence)
            .Select(a => new { a.At, a.ActorName, a.ApproverName, a.Action, a.EntityType, a.EntityId, a.Reason, a.Before, a.After }).ToListAsync(ct);
        var roleChanges = await audit.Where(a => RoleChangeActions.Contains(a.Action)).OrderBy(a => a.Sequence)
            .Select(a => new { a.At, a.ActorName, a.ApproverName, a.Action, a.EntityId, a.Reason, a.Before, a.After }).ToListAsync(ct);
        var logins = db.LoginEvents.AsNoTracking().Where(e => e.At >= s.FromUtc && e.At < s.ToUtc && Abnormal.Contains(e.Kind));
        if (staffId is not null) logins = logins.Where(e => e.StaffId == staffId);
        var abnormal = await logins.OrderBy(e => e.At).Select(e => new { e.At, e.UserName, e.Kind, e.Ip, e.UserAgent }).ToListAsync(ct);
        var operations = db.PendingOperations.AsNoTracking().Where(o => o.CreatedAt >= s.FromUtc && o.CreatedAt < s.ToUtc);
        if (staffId is not null) operations = operations.Where(o => o.MakerId == staffId || o.DecidedById == staffId);
        var fourEyes = await operations.OrderBy(o => o.CreatedAt)
            .Select(o => new { o.CreatedAt, o.Summary, o.MakerName, o.Status, o.DecidedByName, o.DecidedAt, o.DecisionNote }).ToListAsync(ct);

        // Time to decide counts the decisions people made; an expiry is the absence of one.
        decimal? DecideHours(PendingOperationStatus status, DateTime created, DateTime? decided) =>
            status is PendingOperationStatus.Approved or PendingOperationStatus.Rejected && decided is { } d ? Hours(d - created) : null;
        var decided = fourEyes.Where(o => o.Status is PendingOperationStatus.Approved or PendingOperationStatus.Rejected).ToList();
        var decideHours = decided.Select(o => DecideHours(o.Status, o.CreatedAt, o.DecidedAt)!.Value).ToList();
        long Of(PendingOperationStatus status) => fourEyes.Count(o => o.Status == status);

        ReportColumn Text(string h, double w = 16) => new(h, CellKind.Text, w);
        ReportColumn When(string h = "Time") => new(h, CellKind.DateTime, 18);
        ReportColumn Count(string h) => new(h, CellKind.Integer, 12);
        return s.Build("Permission report",
            [
                new("Administrator operations", (long)adminOps.Count, CellKind.Integer),
                new("Sensitive changes", (long)sensitive.Count, CellKind.Integer, "executed after a second person approved"),
                new("Abnormal sign-ins", (long)abnormal.Count, CellKind.Integer, "failures, lock-outs, two-factor failures, new addresses"),
                new("Role changes", (long)roleChanges.Count, CellKind.Integer),
                new("Four-eyes approved", Of(PendingOperationStatus.Approved), CellKind.Integer),
                new("Four-eyes rejected", Of(PendingOperationStatus.Rejected), CellKind.Integer),
                new("Four-eyes expired", Of(PendingOperationStatus.Expired), CellKind.Integer),
                new("Four-eyes waiting", Of(PendingOperationStatus.Pending), CellKind.Integer, "requested in the period, not decided yet"),
                new("Average time to decide", Average(decideHours), CellKind.Hours, "hours from request to approval or rejection"),
            ],
            [
                s.Daily("daily", "By day",
                    ("Administrator operations", CellKind.Integer, adminOps.Select(a => (a.At, 1m))),
                    ("Abnormal sign-ins", CellKind.Integer, abnormal.Select(a => (a.At, 1m))),
                    ("Four-eyes requested", CellKind.Integer, fourEyes.Select(o => (o.CreatedAt, 1m)))),
                new("checkers", "Four-eyes decisions by checker",
                    [Text("Checker", 20), Count("Approved"), Count("Rejected"), new("Average hours to decide", CellKind.Hours, 14)],
                    [.. decided.GroupBy(o => o.DecidedByName ?? "").OrderBy(g => g.Key).Select(g => Row(g.Key,
                        (long)g.Count(o => o.Status == PendingOperationStatus.Approved), (long)g.Count(o => o.Status == PendingOperationStatus.Rejected),
                        Average([.. g.Select(o => DecideHours(o.Status, o.CreatedAt, o.DecidedAt)!.Value)])))]),
                new("four-eyes", "Four-eyes operations requested in the period",
                    [When("Requested"), Text("What", 50), Text("Maker", 16), Text("Status", 11), Text("Checker", 16), When("Decided"),
                     new("Hours to decide", CellKind.Hours, 12), Text("Note", 30)],
                    [.. fourEyes.Select(o => Row(s.Local(o.CreatedAt), o.Summary, o.MakerName, o.Status.ToString(), o.DecidedByName,
                        o.DecidedAt is { } at ? s.Local(at) : null, DecideHours(o.Status, o.CreatedAt, o.DecidedAt), o.DecisionNote))]),
                new("admin-operations", "Administrator operations",
                    [When(), Text("Administrator", 16), Text("Action", 26), Text("Entity", 16), Text("Entity id", 20), Text("Reason", 40)],
                    [.. adminOps.Select(a => Row(s.Local(a.At), a.ActorName, a.Action, a.EntityType, a.EntityId, a.Reason))]),
                new("sensitive", "Sensitive changes (four-eyes), with before and after",
                    [When(), Text("Maker", 16), Text("Approved by", 16), Text("Action", 26), Text("Entity", 16), Text("Entity id", 20), Text("Reason", 40),
                     Text("Before", 60), Text("After", 60)],
                    [.. sensitive.Select(a => Row(s.Local(a.At), a.ActorName, a.ApproverName, a.Action, a.EntityType, a.EntityId, a.Reason, a.Before, a.After))]),
                new("role-changes", "Role changes",
                    [When(), Text("Maker", 16), Text("Approved by", 16), Text("Action", 26), Text("Role or staff", 20), Text("Reason", 40),
                     Text("Before", 60), Text("After", 60)],
                    [.. roleChanges.Select(a => Row(s.Local(a.At), a.ActorName, a.ApproverName, a.Action, a.EntityId, a.Reason, a.Before, a.After))]),
                new("sign-ins", "Abnormal sign-ins",
                    [When(), Text("User name", 16), Text("Event", 16), Text("IP", 16), Text("Browser", 50)],
                    [.. abnormal.Select(e => Row(s.Local(e.At), e.UserName, e.Kind.ToString(), e.Ip, e.UserAgent))]),
            ],
            [
                new("Administrator operations, abnormal sign-ins and four-eyes requests", ReportChartKind.Line, "daily", "Day",
                    ["Administrator operations", "Abnormal sign-ins", "Four-eyes requested"]),
                new("Four-eyes decisions by checker", ReportChartKind.Bar, "checkers", "Checker", ["Approved", "Rejected"]),
            ]);
    }
}
