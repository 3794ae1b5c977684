using BackOffice.Core.Common.Data;
using BackOffice.Core.Reports.Facts;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.FourEyes;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Access;

/// <summary>
/// One day of the permission report: administrator operations, sensitive changes, role changes, abnormal sign-ins, and the
/// four-eyes operations requested that day with where they stand now and who decided them how fast (tenths of an hour).
/// </summary>
public sealed class PermissionDay : IDayTotals<PermissionDay>
{
    public long AdministratorOperations { get; set; }
    public long Sensitive { get; set; }
    public long RoleChanges { get; set; }
    public long AbnormalSignIns { get; set; }

    /// <summary>Requested that day, by status now (indexed by <see cref="PendingOperationStatus"/>).</summary>
    public long[] FourEyes { get; } = new long[Enum.GetValues<PendingOperationStatus>().Length];

    /// <summary>Checker → approved, rejected, tenths of an hour from request to decision in all.</summary>
    public Dictionary<string, long[]> Checkers { get; } = [];

    public long Requested => FourEyes.Sum();

    public long[] Checker(string name)
    {
        if (!Checkers.TryGetValue(name, out var values)) Checkers[name] = values = new long[3];
        return values;
    }

    public void Add(PermissionDay other)
    {
        AdministratorOperations += other.AdministratorOperations;
        Sensitive += other.Sensitive;
        RoleChanges += other.RoleChanges;
        AbnormalSignIns += other.AbnormalSignIns;
        for (var i = 0; i < FourEyes.Length; i++) FourEyes[i] += other.FourEyes[i];
        foreach (var (name, values) in other.Checkers)
        {
            var mine = Checker(name);
            for (var i = 0; i < values.Length; i++) mine[i] += values[i];
        }
    }

    public void Write(BinaryWriter w)
    {
        foreach (var v in new[] { AdministratorOperations, Sensitive, RoleChanges, AbnormalSignIns }.Concat(FourEyes))
            w.Write7BitEncodedInt64(v);
        w.Write7BitEncodedInt(Checkers.Count);
        foreach (var (name, values) in Checkers)
        {
            w.Write(name);
            foreach (var v in values) w.Write7BitEncodedInt64(v);
        }
    }

    public static PermissionDay Read(BinaryReader r)
    {
        var day = new PermissionDay
        {
            AdministratorOperations = r.Read7BitEncodedInt64(), Sensitive = r.Read7BitEncodedInt64(), RoleChanges = r.Read7BitEncodedInt64(),
            AbnormalSignIns = r.Read7BitEncodedInt64(),
        };
        for (var i = 0; i < day.FourEyes.Length; i++) day.FourEyes[i] = r.Read7BitEncodedInt64();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var values = day.Checker(r.ReadString());
            for (var i = 0; i < values.Length; i++) values[i] = r.Read7BitEncodedInt64();
        }
        return day;
    }

    public sealed record AuditEvent(DateTime At, string? ActorId, string? ApproverId, bool ByAdministrator, bool RoleChange);

    public sealed record SignIn(DateTime At, string? StaffId);

    public sealed record Operation(DateTime At, string MakerId, string? CheckerId, string? CheckerName, PendingOperationStatus Status, DateTime? DecidedAt);

    public void Count(AuditEvent e)
    {
        if (e.ByAdministrator) AdministratorOperations++;
        if (e.ApproverId is not null) Sensitive++;
        if (e.RoleChange) RoleChanges++;
    }

    /// <summary>Time to decide counts the decisions people made; an expiry is the absence of one.</summary>
    public void Count(Operation o)
    {
        FourEyes[(int)o.Status]++;
        if (o.Status is not (PendingOperationStatus.Approved or PendingOperationStatus.Rejected) || o.DecidedAt is not { } decided) return;
        var checker = Checker(o.CheckerName ?? "");
        checker[o.Status == PendingOperationStatus.Approved ? 0 : 1]++;
        checker[2] += (long)(ReportMath.Hours(decided - o.At) * 10);
    }

    /// <summary>Administrators are whoever holds a role that administers staff or roles now.</summary>
    public static IQueryable<string> Administrators(BackOfficeDb db) =>
        from ur in db.UserRoles
        join p in db.RolePermissions on ur.RoleId equals p.RoleId
        where p.Permission == StaffPermissions.ManageStaff || p.Permission == StaffPermissions.RequestRoleChange
        select ur.UserId;

    public static readonly LoginEventKind[] Abnormal = [LoginEventKind.Failure, LoginEventKind.LockedOut, LoginEventKind.TwoFactorFailure, LoginEventKind.NewIp];

    /// <summary>What a staff member did (or everyone, without one): as the actor or approver of an audit entry, the one signing in, the maker or checker.</summary>
    public sealed record Sources(IQueryable<Staff.Audit.AuditEntry> Audit, IQueryable<LoginEvent> SignIns, IQueryable<PendingOperation> Operations);

    public static Sources By(BackOfficeDb db, string? staffId)
    {
        var audit = db.AuditEntries.AsNoTracking();
        var logins = db.LoginEvents.AsNoTracking().Where(e => Abnormal.Contains(e.Kind));
        var operations = db.PendingOperations.AsNoTracking();
        if (staffId is not null)
        {
            audit = audit.Where(a => a.ActorId == staffId || a.ApproverId == staffId);
            logins = logins.Where(e => e.StaffId == staffId);
            operations = operations.Where(o => o.MakerId == staffId || o.DecidedById == staffId);
        }
        return new Sources(audit, logins, operations);
    }

    /// <summary>The day's events between two instants, read one by one, each into the totals it counts in.</summary>
    public static async Task CountAsync(BackOfficeDb db, Sources from, DateTime fromUtc, DateTime toUtc, Func<DateTime, IEnumerable<string?>, IEnumerable<PermissionDay>> totals,
        CancellationToken ct)
    {
        var administrators = Administrators(db);
        var roleChanges = PermissionReportHandler.RoleChangeActions;
        await foreach (var e in from.Audit.Where(a => a.At >= fromUtc && a.At < toUtc)
                           .Select(a => new AuditEvent(a.At, a.ActorId, a.ApproverId, a.ActorId != null && administrators.Contains(a.ActorId), roleChanges.Contains(a.Action)))
                           .AsAsyncEnumerable().WithCancellation(ct))
            if (e.ByAdministrator || e.ApproverId is not null || e.RoleChange)
                foreach (var day in totals(e.At, [e.ActorId, e.ApproverId])) day.Count(e);
        await foreach (var e in from.SignIns.Where(l => l.At >= fromUtc && l.At < toUtc).Select(l => new SignIn(l.At, l.StaffId)).AsAsyncEnumerable().WithCancellation(ct))
            foreach (var day in totals(e.At, [e.StaffId])) day.AbnormalSignIns++;
        await foreach (var o in from.Operations.Where(o => o.CreatedAt >= fromUtc && o.CreatedAt < toUtc)
                           .Select(o => new Operation(o.CreatedAt, o.MakerId, o.DecidedById, o.DecidedByName, o.Status, o.DecidedAt)).AsAsyncEnumerable().WithCancellation(ct))
            foreach (var day in totals(o.At, [o.MakerId, o.CheckerId])) day.Count(o);
    }

    public static async Task<Dictionary<DateOnly, PermissionDay>> DailyAsync(BackOfficeDb db, ReportScope s, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var days = new Dictionary<DateOnly, PermissionDay>();
        await CountAsync(db, By(db, s.StaffId), fromUtc, toUtc, (at, _) => [days.At(s.LocalDay(at))], ct);
        return days;
    }
}

/// <summary>The permission report's daily facts: everyone's, and each staff member's (as whoever acted).</summary>
public sealed class PermissionFacts : IFactFamily
{
    public ReportKind Family => ReportKind.Permissions;

    public async Task<DateTime?> FirstAsync(BackOfficeDb db, CancellationToken ct)
    {
        var firsts = new[]
        {
            await db.AuditEntries.MinAsync(a => (DateTime?)a.At, ct), await db.LoginEvents.MinAsync(l => (DateTime?)l.At, ct),
            await db.PendingOperations.MinAsync(o => (DateTime?)o.CreatedAt, ct),
        };
        return firsts.Min();
    }

    public async Task<IReadOnlyList<(FactSegment Segment, byte[] Data)>> BuildAsync(BackOfficeDb db, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var segments = new Dictionary<FactSegment, PermissionDay>();
        await PermissionDay.CountAsync(db, PermissionDay.By(db, null), fromUtc, toUtc,
            (_, staff) => staff.Prepend("").OfType<string>().Distinct().Select(id => segments.At(new FactSegment("", id, 0))), ct);
        return [.. segments.Select(s => (s.Key, DayTotals.Encode(s.Value)))];
    }
}
