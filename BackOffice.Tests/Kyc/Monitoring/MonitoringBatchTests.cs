using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Tests.Kyc.Monitoring.MonitoringBook;

namespace BackOffice.Tests.Kyc.Monitoring;

[Trait("Category", "Database")]
public sealed class MonitoringBatchTests(SharedApp app) : IClassFixture<SharedApp>
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private async Task<MonitoringRun> RunAsync()
    {
        var run = await app.Scopes.SendAsAsync(new RunMonitoringBatch(), Actor.System("aml-monitoring"));
        Must.Succeed(run);
        return run.Value!;
    }

    [Fact]
    public async Task The_batch_catches_what_a_rule_switched_on_later_would_have_seen_and_raises_nothing_twice()
    {
        var code = PaymentMethodChurn.RuleCode;
        var defaults = MonitoringRuleSettings.Defaults.Single(d => d.Code == code);
        Must.Succeed(await app.SendAs("compliance", new SetMonitoringRule(code, false, defaults.Severity, defaults.Thresholds, "Card migration week")));
        var id = await ClientBook.RegisterAsync(app);
        await RecordAsync(app, Deposit(id, Now.AddHours(-5), 100, "card-1"));
        await RecordAsync(app, Deposit(id, Now.AddHours(-4), 100, "card-2"));
        await RecordAsync(app, Deposit(id, Now.AddHours(-3), 100, "card-3"));
        await RecordAsync(app, Deposit(id, Now.AddHours(-2), 100, "card-4"));
        Assert.Empty(await AlertsAsync(app, id));
        Must.Succeed(await app.SendAs("compliance", new SetMonitoringRule(code, true, defaults.Severity, defaults.Thresholds, "Migration over")));

        var first = await RunAsync();
        // The fourth card's hit includes the third's events: one alert tells the whole story.
        var alert = Assert.Single(await AlertsAsync(app, id));
        Assert.Equal(code, alert.RuleCode);
        Assert.Equal(4, alert.EventIds.Split(',').Length);
        Assert.True(first.Alerts >= 1);

        var again = await RunAsync();
        Assert.Equal(0, again.Alerts);
        Assert.Single(await AlertsAsync(app, id));
    }

    [Fact]
    public async Task What_recording_already_raised_the_batch_does_not_raise_again()
    {
        var id = await ClientBook.RegisterAsync(app);
        await RecordAsync(app, Deposit(id, Now.AddHours(-3), 9_500));
        await RecordAsync(app, Deposit(id, Now.AddHours(-2), 9_800));
        await RecordAsync(app, Deposit(id, Now.AddHours(-1), 9_900));
        var raised = Assert.Single(await AlertsAsync(app, id));

        await RunAsync();

        Assert.Equal([raised.Id], (await AlertsAsync(app, id)).Select(a => a.Id));
    }

    [Fact]
    public async Task Clients_quiet_for_the_last_day_are_left_alone()
    {
        var id = await ClientBook.RegisterAsync(app);
        await RecordAsync(app, Deposit(id, Now.AddDays(-3), 9_500));
        await RecordAsync(app, Deposit(id, Now.AddDays(-3).AddHours(1), 9_800));
        Assert.Empty(await AlertsAsync(app, id));

        await RunAsync();

        Assert.Empty(await AlertsAsync(app, id));
        Assert.False(await app.Db(db => db.AmlAlerts.AnyAsync(a => a.ClientId == id)));
    }
}
