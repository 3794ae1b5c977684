using BackOffice.Core.Kyc.Risk;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>One monitoring rule: looks at an event against what came before it and says whether it fires, and why.</summary>
public abstract class MonitoringRule(string code)
{
    /// <summary>Stable: settings, alerts and reports refer to the rule by it.</summary>
    public string Code { get; } = code;

    public abstract MonitoringHit? Check(RuleCheck check);
}

/// <summary>Everything a rule may look at for one event, and the way it reports a hit.</summary>
public sealed record RuleCheck(MonitoringEvent Event, IReadOnlyList<MonitoringEvent> Earlier, ClientActivity Activity,
    MonitoringRuleSettings Settings, CountryRiskList Countries)
{
    public decimal this[string threshold] => Settings[threshold];

    /// <summary>Whether the event moves money (of the given kind, when one is given) worth at least the named threshold.</summary>
    public bool MovesAtLeast(string amountThreshold, MonitoringEventKind? kind = null) =>
        Event.IsMoney && (kind is null || Event.Kind == kind) && Event.AmountUsd >= this[amountThreshold];

    /// <summary>Earlier events no older than the number of days the named threshold holds.</summary>
    public IEnumerable<MonitoringEvent> EarlierWithin(string daysThreshold) =>
        Earlier.Where(e => e.At >= Event.At.AddDays(-(double)this[daysThreshold]));

    public MonitoringHit Hit(string sentence, IEnumerable<MonitoringEvent> involved) =>
        new(Settings.Code, Settings.Severity, Event.ClientId, Event.Id, Event.At, sentence,
            [.. involved.Select(e => e.Id).Where(id => id != Event.Id).Distinct(), Event.Id]);
}
