using BackOffice.Core.Kyc.Risk;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// Runs the monitoring rules: on one event as it happens, or over a client's activity in the daily run. A rule
/// without settings of its own runs with <see cref="MonitoringRuleSettings.Defaults"/>; a disabled rule does not run.
/// </summary>
public sealed class ActivityMonitor(IReadOnlyList<MonitoringRuleSettings>? settings = null, CountryRiskList? countries = null)
{
    public static IReadOnlyList<MonitoringRule> Rules { get; } =
    [
        new RoundTripping(), new Structuring(), new WithdrawalDestination(), new AboveDeclaredVolume(),
        new PaymentMethodChurn(), new HighRiskCountryAccess(), new DormantReactivation(),
    ];

    private readonly CountryRiskList countries = countries ?? CountryRiskList.Fatf;
    private readonly List<(MonitoringRule Rule, MonitoringRuleSettings Settings)> active = [.. Rules
        .Select(rule => (Rule: rule, Settings: settings?.FirstOrDefault(s => s.Code == rule.Code)
            ?? MonitoringRuleSettings.Defaults.Single(s => s.Code == rule.Code)))
        .Where(r => r.Settings.Enabled)];

    /// <summary>The hits <paramref name="ev"/> raises, judged against the activity that came before it.</summary>
    public IReadOnlyList<MonitoringHit> Evaluate(MonitoringEvent ev, ClientActivity activity)
    {
        if (ev.ClientId != activity.ClientId)
            throw new ArgumentException($"Event {ev.Id} belongs to client {ev.ClientId}, not to client {activity.ClientId}.", nameof(ev));
        var earlier = activity.Before(ev);
        return [.. active.Select(r => r.Rule.Check(new RuleCheck(ev, earlier, activity, r.Settings, countries))).OfType<MonitoringHit>()];
    }

    /// <summary>
    /// The daily run: every event from <paramref name="from"/> on (all of them when null), each judged against the
    /// events before it. A hit whose events a later hit of the same rule all include is left out: the later one
    /// tells the whole story (a fourth structured deposit rather than the third).
    /// </summary>
    public IReadOnlyList<MonitoringHit> EvaluateAll(ClientActivity activity, DateTime? from = null)
    {
        var hits = activity.Events.Where(e => from is null || e.At >= from).OrderBy(e => e.At).ThenBy(e => e.Id)
            .SelectMany(e => Evaluate(e, activity)).ToList();
        return [.. hits.Where((hit, i) => !hits.Skip(i + 1).Any(later =>
            later.RuleCode == hit.RuleCode && hit.EventIds.All(later.EventIds.Contains)))];
    }
}
