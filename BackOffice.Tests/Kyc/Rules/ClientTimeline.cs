using BackOffice.Core.Kyc.Monitoring;

namespace BackOffice.Tests.Kyc.Rules;

/// <summary>A client's events laid out in days from a fixed start, and the monitor's verdict on any of them.</summary>
internal sealed class ClientTimeline
{
    public const long ClientId = 7;
    public static readonly DateTime Start = new(2025, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly List<MonitoringEvent> events = [];

    public decimal? DeclaredYearlyVolumeUsd { get; init; }
    public DateTime? LastActivityAt { get; init; }
    public IReadOnlyCollection<string> KnownDepositSources { get; init; } = [];

    public MonitoringEvent Deposit(double day, decimal usd, string method = "card-1") =>
        Add(Money(MonitoringEventKind.Deposit, day, usd) with { Method = new(Kind(method), method, "Anna Berg") });

    public MonitoringEvent Withdrawal(double day, decimal usd, string method = "card-1", string? holder = "Anna Berg") =>
        Add(Money(MonitoringEventKind.Withdrawal, day, usd) with { Method = new(Kind(method), method, holder) });

    public MonitoringEvent Trade(double day, decimal volumeUsd) => Add(Next(MonitoringEventKind.Trade, day) with { TradedVolumeUsd = volumeUsd });

    public MonitoringEvent Login(double day, string country) => Add(Next(MonitoringEventKind.Login, day) with { IpCountry = country });

    public ClientActivity Activity => new(ClientId, "Anna Berg", events)
    {
        DeclaredYearlyVolumeUsd = DeclaredYearlyVolumeUsd, LastActivityAt = LastActivityAt, KnownDepositSources = KnownDepositSources,
    };

    /// <summary>The hit <paramref name="ruleCode"/> raises on <paramref name="ev"/>, or null.</summary>
    public MonitoringHit? Hit(string ruleCode, MonitoringEvent ev, ActivityMonitor? monitor = null) =>
        (monitor ?? new ActivityMonitor()).Evaluate(ev, Activity).SingleOrDefault(h => h.RuleCode == ruleCode);

    public static ActivityMonitor With(string ruleCode, string threshold, decimal value) => new(
    [
        .. MonitoringRuleSettings.Defaults.Select(s => s.Code != ruleCode ? s
            : s with { Thresholds = new Dictionary<string, decimal>(s.Thresholds) { [threshold] = value } }),
    ]);

    private MonitoringEvent Next(MonitoringEventKind kind, double day) => new(events.Count + 1, ClientId, kind, Start.AddDays(day));

    private MonitoringEvent Money(MonitoringEventKind kind, double day, decimal usd) =>
        Next(kind, day) with { AmountUsd = usd, AmountMinor = (long)(usd * 100), Currency = "USD" };

    private MonitoringEvent Add(MonitoringEvent ev)
    {
        events.Add(ev);
        return ev;
    }

    private static PaymentMethodKind Kind(string method) => method.StartsWith("bank", StringComparison.Ordinal)
        ? PaymentMethodKind.BankAccount : PaymentMethodKind.Card;
}
