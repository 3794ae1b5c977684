using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Monitoring;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Kyc.Monitoring;

/// <summary>Events as the funds, trading and identity modules would report them, sent through the real command.</summary>
public static class MonitoringBook
{
    public static MonitoringEvent Deposit(long clientId, DateTime at, decimal usd, string source = "card-1", string? holder = null) =>
        new(0, clientId, MonitoringEventKind.Deposit, at)
        {
            AmountMinor = (long)(usd * 100), Currency = "USD", AmountUsd = usd, Method = new PaymentMethod(PaymentMethodKind.Card, source, holder),
        };

    public static MonitoringEvent Withdrawal(long clientId, DateTime at, decimal usd, string destination = "card-1", string? holder = null) =>
        Deposit(clientId, at, usd, destination, holder) with { Kind = MonitoringEventKind.Withdrawal };

    /// <summary>A rule's default thresholds, to change one of them in a test.</summary>
    public static Dictionary<string, decimal> DefaultsOf(string code) =>
        MonitoringRuleSettings.Defaults.Single(d => d.Code == code).Thresholds.ToDictionary();

    public static MonitoringEvent Login(long clientId, DateTime at, string country) =>
        new(0, clientId, MonitoringEventKind.Login, at) { IpCountry = country };

    public static MonitoringEvent Trade(long clientId, DateTime at, decimal notionalUsd) =>
        new(0, clientId, MonitoringEventKind.Trade, at) { TradedVolumeUsd = notionalUsd };

    public static async Task<RecordedEvent> RecordAsync(TestApp app, MonitoringEvent ev)
    {
        var result = await app.Scopes.SendAsAsync(new RecordMonitoringEvent(ev), Actor.System("funds"));
        Must.Succeed(result);
        return result.Value!;
    }

    public static Task<List<AmlAlert>> AlertsAsync(TestApp app, long clientId) =>
        app.Db(db => db.AmlAlerts.Where(a => a.ClientId == clientId).OrderBy(a => a.Id).ToListAsync());

    public static async Task<IReadOnlyList<string>> RulesFiredAsync(TestApp app, long clientId) =>
        [.. (await AlertsAsync(app, clientId)).Select(a => a.RuleCode)];
}
