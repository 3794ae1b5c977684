using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Core.Reports.Facts;
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
public sealed record PermissionReport(ReportFilter Filter, ReportUse Use = ReportUse.Screen) : IReportQuery;

public sealed class PermissionReportHandler(BackOfficeDb db, ReportScopes scopes, ReportFactsReader facts, ReportLists lists)
    : IQueryHandler<PermissionReport, Result<Report>>
{
    /// <summary>The commands that change who may do what.</summary>
    public static readonly string[] RoleChangeActions =
    [
        nameof(Staff.Roles.ChangeRolePermissions), nameof(Staff.Roles.SetRoleTwoFactorRequirement), nameof(Staff.Members.AssignStaffRoles),
    ];

    public async ValueTask<Result<Report>> Handle(PermissionReport query, CancellationToken ct)
    {
        var resolved = await scopes.ResolveAsync(ReportKind.Permissions, query.Filter, query.Use, ct);
        if (resolved.Error is { } invalid) return invalid;
        var s = resolved.Value!;
        var days = await facts.DailyAsync<PermissionDay>(s, (from, to, c) => PermissionDay.DailyAsync(db, s, from, to, c), ct);
        var total = DayTotals.Sum(days.Values);
        var decided = total.Checkers.Values.Sum(c => c[0] + c[1]);
        long Of(PendingOperationStatus status) => total.FourEyes[(int)status];

        var (fromUtc, toUtc, staffId) = (s.FromUtc, s.ToUtc, s.StaffId);
        IQueryable<Staff.Audit.AuditEntry> Audit(BackOfficeDb d) =>
            PermissionDay.By(d, staffId).Audit.Where(a => a.At >= fromUtc && a.At < toUtc).OrderBy(a => a.At).ThenBy(a => a.Sequence);
        ReportColumn Text(string h, double w = 16) => new(h, CellKind.Text, w);
        ReportColumn When(string h = "Time") => new(h, CellKind.DateTime, 18);
        ReportColumn Count(string h) => new(h, CellKind.Integer, 12);

        var fourEyes = await lists.TableAsync(s, "four-eyes", "Four-eyes operations requested in the period",
            [When("Requested"), Text("What", 50), Text("Maker", 16), Text("Status", 11), Text("Checker", 16), When("Decided"),
             new("Hours to decide", CellKind.Hours, 12), Text("Note", 30)],
            total.Requested,
            d => PermissionDay.By(d, staffId).Operations.Where(o => o.CreatedAt >= fromUtc && o.CreatedAt < toUtc).OrderBy(o => o.CreatedAt).ThenBy(o => o.Id)
                .Select(o => new { o.CreatedAt, o.Summary, o.MakerName, o.Status, o.DecidedByName, o.DecidedAt, o.DecisionNote }),
            o => Row(s.Local(o.CreatedAt), o.Summary, o.MakerName, o.Status.ToString(), o.DecidedByName, o.DecidedAt is { } at ? s.Local(at) : null,
                o.Status is PendingOperationStatus.Approved or PendingOperationStatus.Rejected && o.DecidedAt is { } d ? Hours(d - o.CreatedAt) : null, o.DecisionNote), ct);
        var adminOps = await lists.TableAsync(s, "admin-operations", "Administrator operations",
            [When(), Text("Administrator", 16), Text("Action", 26), Text("Entity", 16), Text("Entity id", 20), Text("Reason", 40)],
            total.AdministratorOperations,
            d => Audit(d).Where(a => a.ActorId != null && PermissionDay.Administrators(d).Contains(a.ActorId))
                .Select(a => new { a.At, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Reason }),
            a => Row(s.Local(a.At), a.ActorName, a.Action, a.EntityType, a.EntityId, a.Reason), ct);
        // One staff member's sensitive changes, as maker and as approver: each read in time order from its own index and
        // merged, rather than all their entries of the period gathered and sorted.
        IQueryable<Staff.Audit.AuditEntry> InPeriod(IQueryable<Staff.Audit.AuditEntry> entries) =>
            entries.Where(a => a.At >= fromUtc && a.At < toUtc).OrderBy(a => a.At).ThenBy(a => a.Sequence);
        ReportColumn[] sensitiveColumns = [When(), Text("Maker", 16), Text("Approved by", 16), Text("Action", 26), Text("Entity", 16), Text("Entity id", 20),
            Text("Reason", 40), Text("Before", 60), Text("After", 60)];
        const string sensitiveTitle = "Sensitive changes (four-eyes), with before and after";
        var sensitive = staffId is null
            ? await lists.TableAsync(s, "sensitive", sensitiveTitle, sensitiveColumns, total.Sensitive,
                d => Audit(d).Where(a => a.ApproverId != null)
                    .Select(a => new { a.At, a.Sequence, a.ActorName, a.ApproverName, a.Action, a.EntityType, a.EntityId, a.Reason, a.Before, a.After }),
                a => Row(s.Local(a.At), a.ActorName, a.ApproverName, a.Action, a.EntityType, a.EntityId, a.Reason, a.Before, a.After), ct)
            : await lists.MergedAsync(s, "sensitive", sensitiveTitle, sensitiveColumns, total.Sensitive,
                d => InPeriod(d.AuditEntries.AsNoTracking().Where(a => a.ActorId == staffId && a.ApproverId != null))
                    .Select(a => new { a.At, a.Sequence, a.ActorName, a.ApproverName, a.Action, a.EntityType, a.EntityId, a.Reason, a.Before, a.After }),
                d => InPeriod(d.AuditEntries.AsNoTracking().Where(a => a.ApproverId == staffId && a.ActorId != staffId))
                    .Select(a => new { a.At, a.Sequence, a.ActorName, a.ApproverName, a.Action, a.EntityType, a.EntityId, a.Reason, a.Before, a.After }),
                a => (a.At, a.Sequence), a => Row(s.Local(a.At), a.ActorName, a.ApproverName, a.Action, a.EntityType, a.EntityId, a.Reason, a.Before, a.After), ct);
        // Role changes are few: read from the index by action, the staff member tested on each (a test no index answers,
        // so the database does not gather all of their entries instead). The actions are written into the statement: given
        // as parameters, the planner cannot tell they are rare and walks the year's entries by time instead.
        var roleChanges = await lists.TableAsync(s, "role-changes", "Role changes",
            [When(), Text("Maker", 16), Text("Approved by", 16), Text("Action", 26), Text("Role or staff", 20), Text("Reason", 40), Text("Before", 60), Text("After", 60)],
            total.RoleChanges,
            d => InPeriod(d.AuditEntries.AsNoTracking().Where(a => EF.Constant(RoleChangeActions).Contains(a.Action)
                    && (staffId == null || (a.ActorId == staffId ? 1 : 0) + (a.ApproverId == staffId ? 1 : 0) > 0)))
                .Select(a => new { a.At, a.ActorName, a.ApproverName, a.Action, a.EntityId, a.Reason, a.Before, a.After }),
            a => Row(s.Local(a.At), a.ActorName, a.ApproverName, a.Action, a.EntityId, a.Reason, a.Before, a.After), ct);
        var signIns = await lists.TableAsync(s, "sign-ins", "Abnormal sign-ins",
            [When(), Text("User name", 16), Text("Event", 16), Text("IP", 16), Text("Browser", 50)],
            total.AbnormalSignIns,
            d => PermissionDay.By(d, staffId).SignIns.Where(e => e.At >= fromUtc && e.At < toUtc).OrderBy(e => e.At).ThenBy(e => e.Id)
                .Select(e => new { e.At, e.UserName, e.Kind, e.Ip, e.UserAgent }),
            e => Row(s.Local(e.At), e.UserName, e.Kind.ToString(), e.Ip, e.UserAgent), ct);

        return s.Build("Permission report",
            [
                new("Administrator operations", total.AdministratorOperations, CellKind.Integer),
                new("Sensitive changes", total.Sensitive, CellKind.Integer, "executed after a second person approved"),
                new("Abnormal sign-ins", total.AbnormalSignIns, CellKind.Integer, "failures, lock-outs, two-factor failures, new addresses"),
                new("Role changes", total.RoleChanges, CellKind.Integer),
                new("Four-eyes approved", Of(PendingOperationStatus.Approved), CellKind.Integer),
                new("Four-eyes rejected", Of(PendingOperationStatus.Rejected), CellKind.Integer),
                new("Four-eyes expired", Of(PendingOperationStatus.Expired), CellKind.Integer),
                new("Four-eyes waiting", Of(PendingOperationStatus.Pending), CellKind.Integer, "requested in the period, not decided yet"),
                new("Average time to decide", Average(total.Checkers.Values.Sum(c => c[2]), decided), CellKind.Hours, "hours from request to approval or rejection"),
            ],
            [
                new ReportTable("daily", "By day", [new("Day", CellKind.Date, 12), new("Administrator operations", CellKind.Integer, 16),
                        new("Abnormal sign-ins", CellKind.Integer, 16), new("Four-eyes requested", CellKind.Integer, 16)],
                    [.. days.Select(d => Row(d.Key, d.Value.AdministratorOperations, d.Value.AbnormalSignIns, d.Value.Requested))]),
                new("checkers", "Four-eyes decisions by checker",
                    [Text("Checker", 20), Count("Approved"), Count("Rejected"), new("Average hours to decide", CellKind.Hours, 14)],
                    [.. total.Checkers.OrderBy(c => c.Key).Select(c => Row(c.Key, c.Value[0], c.Value[1], Average(c.Value[2], c.Value[0] + c.Value[1])))]),
                fourEyes,
                adminOps,
                sensitive,
                roleChanges,
                signIns,
            ],
            [
                new("Administrator operations, abnormal sign-ins and four-eyes requests", ReportChartKind.Line, "daily", "Day",
                    ["Administrator operations", "Abnormal sign-ins", "Four-eyes requested"]),
                new("Four-eyes decisions by checker", ReportChartKind.Bar, "checkers", "Checker", ["Approved", "Rejected"]),
            ]);
    }
}
