using BackOffice.Core.Accounts.Clients;
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

    /// <summary>The id an event is judged under before it is saved: above every stored id, as the newest event is.</summary>
    private const long UnsavedId = long.MaxValue;

    /// <summary>
    /// Adds the event to the command's rows and judges it. The row is written with the command's other rows; only when a
    /// rule fires is it saved here, since an alert names its events by id. Returns the row (its id is set once saved)
    /// and the alerts raised.
    /// </summary>
    public static async Task<(ActivityEvent Row, IReadOnlyList<AmlAlert> Alerts)> RecordAsync(BackOfficeDb db, Effects effects, MonitoringEvent ev,
        DateTime now, CancellationToken ct)
    {
        var row = ActivityEvent.From(ev, now);
        db.ActivityEvents.Add(row);
        var monitor = await MonitorAsync(db, ct);
        var unsaved = row.ToEvent() with { Id = UnsavedId };
        var activity = await ActivityAsync(db, row.ClientId, unsaved.At, ct); // the stored events: this one is not yet among them
        if (monitor.Evaluate(unsaved, activity with { Events = [.. activity.Events, unsaved] }).Count == 0)
            return (row, []);

        await db.SaveChangesAsync(ct);
        var stored = row.ToEvent();
        var alerts = await RaiseAsync(db, effects, monitor.Evaluate(stored, activity with { Events = [.. activity.Events, stored] }), now, ct);
        return (row, alerts);
    }

    /// <summary>The rules and the country risk list as compliance set them in the database (defaults for a rule missing there).</summary>
    public static Task<ActivityMonitor> MonitorAsync(BackOfficeDb db, CancellationToken ct) => MonitoringSettingsCache.GetAsync(db, ReadMonitorAsync, ct);

    private static async Task<ActivityMonitor> ReadMonitorAsync(BackOfficeDb db, CancellationToken ct)
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
        var events = (await EventsBetween(db, clientId, from, until, ct)).ConvertAll(e => e.ToEvent());
        var facts = await FactsOf(db, clientId, from, ct) ?? throw new InvalidOperationException($"There is no client {clientId}.");
        var sources = await DepositSourcesBefore(db, clientId, from, ct);
        return new ClientActivity(clientId, facts.HolderName, events)
        {
            DeclaredYearlyVolumeUsd = facts.DeclaredYearlyVolumeUsd,
            LastActivityAt = facts.LastActivityAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null,
            KnownDepositSources = sources,
        };
    }

    // Read for every event recorded, as fixed statements on the client's index of events by time.
    private static Task<List<ActivityEvent>> EventsBetween(BackOfficeDb db, long clientId, DateTime from, DateTime until, CancellationToken ct) =>
        db.RowsAsync<ActivityEvent>("monitoring.events-between", d =>
        {
            var (_, c) = AppendOnlyInsert.Names<ActivityEvent>(d);
            return $"WHERE {c(nameof(ActivityEvent.ClientId))} = @p0 AND {c(nameof(ActivityEvent.At))} >= @p1 AND {c(nameof(ActivityEvent.At))} <= @p2 "
                   + $"ORDER BY {c(nameof(ActivityEvent.At))}, {c(nameof(ActivityEvent.Id))}";
        }, ct, (nameof(ActivityEvent.ClientId), clientId), (nameof(ActivityEvent.At), from), (nameof(ActivityEvent.At), until));

    private sealed record ClientFacts(string HolderName, decimal? DeclaredYearlyVolumeUsd, DateTime? LastActivityAt);

    /// <summary>
    /// The name on the account, the declared yearly volume and the last deposit, withdrawal or trade before <c>from</c>, in
    /// one statement. The client's id is bound as an event's client id: the same key.
    /// </summary>
    private static async Task<ClientFacts?> FactsOf(BackOfficeDb db, long clientId, DateTime from, CancellationToken ct) =>
        (await db.ReadAsync<ActivityEvent, ClientFacts>("monitoring.client-facts", d =>
        {
            var (clients, c) = AppendOnlyInsert.Names<Client>(d);
            var (declarations, k) = AppendOnlyInsert.Names<ClientDeclaration>(d);
            var (events, e) = AppendOnlyInsert.Names<ActivityEvent>(d);
            return $"SELECT {c(nameof(Client.DisplayName))}, "
                   + $"(SELECT {k(nameof(ClientDeclaration.ExpectedYearlyVolumeUsd))} FROM {declarations} WHERE {k(nameof(ClientDeclaration.ClientId))} = @p0 LIMIT 1), "
                   + $"(SELECT MAX({e(nameof(ActivityEvent.At))}) FROM {events} WHERE {e(nameof(ActivityEvent.ClientId))} = @p0 AND {e(nameof(ActivityEvent.At))} < @p1 "
                   + $"AND {e(nameof(ActivityEvent.Kind))} IN (@p2, @p3, @p4)) "
                   + $"FROM {clients} WHERE {c(nameof(Client.Id))} = @p0";
        }, r => new ClientFacts(r.GetString(0), r.Get<ClientDeclaration, decimal?>(db, 1, nameof(ClientDeclaration.ExpectedYearlyVolumeUsd)),
            r.Get<ActivityEvent, DateTime?>(db, 2, nameof(ActivityEvent.At))), ct,
            (nameof(ActivityEvent.ClientId), clientId), (nameof(ActivityEvent.At), from), (nameof(ActivityEvent.Kind), MonitoringEventKind.Deposit),
            (nameof(ActivityEvent.Kind), MonitoringEventKind.Withdrawal), (nameof(ActivityEvent.Kind), MonitoringEventKind.Trade))).FirstOrDefault();

    private static Task<List<string>> DepositSourcesBefore(BackOfficeDb db, long clientId, DateTime from, CancellationToken ct) =>
        db.ReadAsync<ActivityEvent, string>("monitoring.deposit-sources-before", d =>
        {
            var (events, e) = AppendOnlyInsert.Names<ActivityEvent>(d);
            return $"SELECT DISTINCT {e(nameof(ActivityEvent.MethodFingerprint))} FROM {events} WHERE {e(nameof(ActivityEvent.ClientId))} = @p0 "
                   + $"AND {e(nameof(ActivityEvent.At))} < @p1 AND {e(nameof(ActivityEvent.Kind))} = @p2 AND {e(nameof(ActivityEvent.MethodFingerprint))} IS NOT NULL";
        }, r => r.GetString(0), ct, (nameof(ActivityEvent.ClientId), clientId), (nameof(ActivityEvent.At), from),
            (nameof(ActivityEvent.Kind), MonitoringEventKind.Deposit));

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
