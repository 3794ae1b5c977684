using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Risk;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Monitoring;

public sealed record AmlAlertRow(long Id, long ClientId, long ClientNumber, string ClientName, string RuleCode, string RuleName, RiskLevel Severity,
    string Sentence, DateTime RaisedAt, AmlAlertStatus Status, string? AssigneeName, string? Notes, string? SarReference);

/// <summary>AML alerts: open and under investigation first, oldest first; then the closed ones, newest first.</summary>
[RequiresPermission(KycPermissions.Aml)]
public sealed record AmlAlertQueue(bool IncludeClosed = false, int Take = 200) : IBackOfficeQuery<IReadOnlyList<AmlAlertRow>>;

public sealed class AmlAlertQueueHandler(BackOfficeDb db) : IQueryHandler<AmlAlertQueue, IReadOnlyList<AmlAlertRow>>
{
    public async ValueTask<IReadOnlyList<AmlAlertRow>> Handle(AmlAlertQueue query, CancellationToken ct)
    {
        var take = Math.Clamp(query.Take, 1, 1000);
        var rows = from a in db.AmlAlerts.AsNoTracking()
                   join c in db.Clients.AsNoTracking() on a.ClientId equals c.Id
                   select new { a, c.Number, c.DisplayName };
        var open = await rows.Where(r => r.a.Status == AmlAlertStatus.Open || r.a.Status == AmlAlertStatus.Investigating)
            .OrderBy(r => r.a.RaisedAt).ThenBy(r => r.a.Id).Take(take).ToListAsync(ct);
        var closed = query.IncludeClosed
            ? await rows.Where(r => r.a.Status == AmlAlertStatus.ClosedFalsePositive || r.a.Status == AmlAlertStatus.Escalated)
                .OrderByDescending(r => r.a.RaisedAt).ThenByDescending(r => r.a.Id).Take(take).ToListAsync(ct)
            : [];
        return [.. open.Concat(closed).Select(r => new AmlAlertRow(r.a.Id, r.a.ClientId, r.Number, r.DisplayName, r.a.RuleCode,
            MonitoringEvents.RuleName(r.a.RuleCode), r.a.Severity, r.a.Sentence, r.a.RaisedAt, r.a.Status, r.a.AssigneeName, r.a.Notes, r.a.SarReference))];
    }
}

public sealed record MonitoringRuleRow(string Code, string Name, bool Enabled, RiskLevel Severity, IReadOnlyDictionary<string, decimal> Thresholds);

/// <summary>The monitoring rules as they stand, in the order the monitor runs them.</summary>
[RequiresPermission(KycPermissions.Rules)]
public sealed record MonitoringRules : IBackOfficeQuery<IReadOnlyList<MonitoringRuleRow>>;

public sealed class MonitoringRulesHandler(BackOfficeDb db) : IQueryHandler<MonitoringRules, IReadOnlyList<MonitoringRuleRow>>
{
    public async ValueTask<IReadOnlyList<MonitoringRuleRow>> Handle(MonitoringRules query, CancellationToken ct)
    {
        var stored = await db.MonitoringRules.AsNoTracking().ToDictionaryAsync(r => r.Code, ct);
        return [.. ActivityMonitor.Rules.Select(rule => stored.TryGetValue(rule.Code, out var s)
                ? s.ToSettings()
                : MonitoringRuleSettings.Defaults.Single(d => d.Code == rule.Code))
            .Select(s => new MonitoringRuleRow(s.Code, MonitoringEvents.RuleName(s.Code), s.Enabled, s.Severity, s.Thresholds))];
    }
}
