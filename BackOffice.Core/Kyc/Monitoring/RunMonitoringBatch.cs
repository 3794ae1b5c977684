using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// The daily run: every client with events in the last day is judged again over the whole of that day, with the
/// rules as they stand now. It catches what recording alone misses (an event that arrived late, out of order, or
/// before a rule was switched on or tightened); what an event already raised is not raised twice.
/// </summary>
[SystemCommand]
public sealed record RunMonitoringBatch : IBackOfficeCommand<Result<MonitoringRun>>;

public sealed record MonitoringRun(int Clients, int Alerts);

public sealed class RunMonitoringBatchHandler(BackOfficeDb db, Effects effects, TimeProvider clock)
    : ICommandHandler<RunMonitoringBatch, Result<MonitoringRun>>
{
    public async ValueTask<Result<MonitoringRun>> Handle(RunMonitoringBatch command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now.AddDays(-1);
        var clients = await db.ActivityEvents.Where(e => e.At >= from && e.At <= now).Select(e => e.ClientId).Distinct().ToListAsync(ct);
        var monitor = await MonitoringEvents.MonitorAsync(db, ct);
        var alerts = 0;
        foreach (var clientId in clients.Order())
        {
            var activity = await MonitoringEvents.ActivityAsync(db, clientId, now, ct);
            alerts += (await MonitoringEvents.RaiseAsync(db, effects, monitor.EvaluateAll(activity, from), now, ct)).Count;
        }
        effects.About("MonitoringBatch", now.ToString("yyyy-MM-dd"));
        return new MonitoringRun(clients.Count, alerts);
    }
}
