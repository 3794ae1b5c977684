using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Common.Pipeline;
using BackOffice.Core.Staff.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Operations;

public sealed record CounterValue(string Name, string Label, string Link, int Value);

/// <summary>The live counters the signed-in staff member may see, with their current values.</summary>
[RequiresPermission(Permissions.SignedIn)]
public sealed record MyCounters : IBackOfficeQuery<IReadOnlyList<CounterValue>>;

public sealed class MyCountersHandler(BackOfficeDb db, CommandContext context, StaffAccess access, LiveOperations live, TimeProvider clock)
    : IQueryHandler<MyCounters, IReadOnlyList<CounterValue>>
{
    public async ValueTask<IReadOnlyList<CounterValue>> Handle(MyCounters query, CancellationToken ct)
    {
        var mine = await access.GetPermissionsAsync(context.Actor.StaffId!, ct) ?? new HashSet<string>();
        var now = clock.GetUtcNow().UtcDateTime;
        var values = new List<CounterValue>();
        foreach (var c in live.Counters.Where(c => mine.Contains(c.Permission)))
            values.Add(new CounterValue(c.Name, c.Label, c.Link, await c.Compute(db, now, ct)));
        return values;
    }
}

public sealed record AlertRow(Guid Id, string Kind, AlertSeverity Severity, string Message, string? EntityType, string? EntityId,
    DateTime RaisedAt, AlertStatus Status, string? AcknowledgedBy, string? ResolvedBy, string? Resolution);

/// <summary>Alerts of the kinds the staff member may see.</summary>
[RequiresPermission(OperationsPermissions.ViewAlerts)]
public sealed record AlertList(bool IncludeResolved = false, int Take = 200) : IBackOfficeQuery<IReadOnlyList<AlertRow>>;

public sealed class AlertListHandler(BackOfficeDb db, CommandContext context, StaffAccess access) : IQueryHandler<AlertList, IReadOnlyList<AlertRow>>
{
    public async ValueTask<IReadOnlyList<AlertRow>> Handle(AlertList query, CancellationToken ct)
    {
        var mine = await access.GetPermissionsAsync(context.Actor.StaffId!, ct) ?? new HashSet<string>();
        var rows = db.Alerts.AsNoTracking();
        if (!query.IncludeResolved) rows = rows.Where(a => a.Status != AlertStatus.Resolved);
        var list = await rows.OrderByDescending(a => a.RaisedAt).Take(query.Take * 2).ToListAsync(ct);
        return list.Where(a => mine.Contains(AlertKinds.PermissionFor(a.Kind))).Take(query.Take)
            .Select(a => new AlertRow(a.Id, a.Kind, a.Severity, a.Message, a.EntityType, a.EntityId, a.RaisedAt, a.Status,
                a.AcknowledgedBy, a.ResolvedBy, a.Resolution)).ToList();
    }
}
