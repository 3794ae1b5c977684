using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// Transaction monitoring inside someone else's command. A module that already runs a command (a confirmed deposit,
/// a paid withdrawal) reports the event in the same transaction, so the event and its alerts commit or roll back
/// with the money:
/// <code>
/// await MonitoringEvents.RecordAsync(db, effects, new MonitoringEvent(0, deposit.ClientId, MonitoringEventKind.Deposit, now)
///     { AmountMinor = deposit.Amount.Minor, Currency = deposit.Amount.Currency, AmountUsd = usd, Method = source }, now, ct);
/// </code>
/// Outside a command, send <see cref="RecordMonitoringEvent"/> instead. The event's own id is ignored: the stored
/// row's id replaces it.
/// </summary>
public static class MonitoringEvents
{
    /// <summary>How far back the rules look; the longest default window (declared volume) is a year.</summary>
    public const int LookbackDays = 365;

    public static async Task<RecordedEvent> RecordAsync(BackOfficeDb db, Effects effects, MonitoringEvent ev, DateTime now, CancellationToken ct)
    {
        var row = ActivityEvent.From(ev, now);
        db.ActivityEvents.Add(row);
        await db.SaveChangesAsync(ct);
        var stored = row.ToEvent();
        var activity = await ActivityAsync(db, stored.ClientId, stored.At, ct);
        var monitor = await MonitorAsync(db, ct);
        var alerts = await RaiseAsync(db, effects, monitor.Evaluate(stored, activity), now, ct);
        return new RecordedEvent(row.Id, [.. alerts.Select(a => a.Id)]);
    }

    /// <summary>The rules and the country risk list as compliance set them in the database (defaults for a rule missing there).</summary>
    public static async Task<ActivityMonitor> MonitorAsync(BackOfficeDb db, CancellationToken ct)
    {
        var rules = await db.MonitoringRules.AsNoTracking().ToListAsync(ct);
        return new ActivityMonitor([.. rules.Select(r => r.ToSettings())], await CountryRisks.LoadAsync(db, ct));
    }

    /// <summary>
    /// The client's events in the year up to <paramref name="until"/>, with what lies before that year folded into
    /// the last activity date and the instruments ever deposited from.
    /// </summary>
    public static async Task<ClientActivity> ActivityAsync(BackOfficeDb db, long clientId, DateTime until, CancellationToken ct)
    {
        var from = until.AddDays(-LookbackDays);
        var events = await db.ActivityEvents.AsNoTracking().Where(e => e.ClientId == clientId && e.At >= from && e.At <= until)
            .OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var older = db.ActivityEvents.AsNoTracking().Where(e => e.ClientId == clientId && e.At < from);
        var lastActivity = await older.Where(e => e.Kind == MonitoringEventKind.Deposit || e.Kind == MonitoringEventKind.Withdrawal || e.Kind == MonitoringEventKind.Trade)
            .MaxAsync(e => (DateTime?)e.At, ct);
        var sources = await older.Where(e => e.Kind == MonitoringEventKind.Deposit && e.MethodFingerprint != null)
            .Select(e => e.MethodFingerprint!).Distinct().ToListAsync(ct);
        var holder = await db.Clients.Where(c => c.Id == clientId).Select(c => c.DisplayName).FirstAsync(ct);
        var declared = await db.ClientDeclarations.Where(d => d.ClientId == clientId).Select(d => (decimal?)d.ExpectedYearlyVolumeUsd).FirstOrDefaultAsync(ct);
        return new ClientActivity(clientId, holder, [.. events.Select(e => e.ToEvent())])
        {
            DeclaredYearlyVolumeUsd = declared,
            LastActivityAt = lastActivity is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null,
            KnownDepositSources = sources,
        };
    }

    /// <summary>
    /// Keeps each hit as an alert unless the same rule already raised one over the same events; a high-severity
    /// hit also raises an operational alert for the staff who work AML alerts.
    /// </summary>
    public static async Task<IReadOnlyList<AmlAlert>> RaiseAsync(BackOfficeDb db, Effects effects, IEnumerable<MonitoringHit> hits, DateTime now, CancellationToken ct)
    {
        var raised = new List<AmlAlert>();
        foreach (var hit in hits)
        {
            var key = AmlAlert.KeyOf(hit.EventIds);
            if (raised.Any(a => a.RuleCode == hit.RuleCode && a.EventIds == key)
                || await db.AmlAlerts.AnyAsync(a => a.ClientId == hit.ClientId && a.RuleCode == hit.RuleCode && a.EventIds == key, ct))
                continue;
            var alert = new AmlAlert
            {
                ClientId = hit.ClientId, RuleCode = hit.RuleCode, Severity = hit.Severity, Sentence = hit.Sentence,
                EventIds = key, RaisedAt = now, Status = AmlAlertStatus.Open,
            };
            db.AmlAlerts.Add(alert);
            raised.Add(alert);
        }
        if (raised.Count == 0) return raised;
        await db.SaveChangesAsync(ct);
        foreach (var alert in raised)
        {
            effects.Publish("kyc.aml_alert_raised", new { alertId = alert.Id, clientId = alert.ClientId, rule = alert.RuleCode, severity = alert.Severity.ToString() });
            if (alert.Severity != RiskLevel.High) continue;
            var client = await db.Clients.Where(c => c.Id == alert.ClientId).Select(c => new { c.DisplayName, c.Number }).FirstAsync(ct);
            AlertKinds.Raise(db, effects, now, AlertKinds.AmlAlert, AlertSeverity.Critical,
                $"{client.DisplayName} (No. {client.Number}), {RuleName(alert.RuleCode)}: {alert.Sentence}", nameof(AmlAlert), alert.Id.ToString());
        }
        effects.Touch(KycCounters.AmlAlerts);
        return raised;
    }

    public static string RuleName(string code) => code switch
    {
        RoundTripping.RuleCode => "round-tripping",
        Structuring.RuleCode => "structuring",
        WithdrawalDestination.RuleCode => "withdrawal to a new destination",
        AboveDeclaredVolume.RuleCode => "above declared volume",
        PaymentMethodChurn.RuleCode => "rapid payment method changes",
        HighRiskCountryAccess.RuleCode => "high-risk country access",
        DormantReactivation.RuleCode => "dormant account reactivated",
        Screening.ScreeningHitHandlers.SanctionsRule => "confirmed sanctions match",
        _ => code,
    };
}
