using BackOffice.Core.Kyc.Monitoring;

namespace BackOffice.Tests.Kyc.Rules;

public sealed class ActivityMonitorTests
{
    [Fact]
    public void Every_rule_has_default_settings_and_a_code_of_its_own()
    {
        Assert.Equal(ActivityMonitor.Rules.Select(r => r.Code).Order(), MonitoringRuleSettings.Defaults.Select(s => s.Code).Order());
        Assert.Equal(ActivityMonitor.Rules.Count, ActivityMonitor.Rules.Select(r => r.Code).Distinct().Count());
    }

    [Fact]
    public void A_disabled_rule_does_not_fire()
    {
        var t = new ClientTimeline();
        t.Deposit(0, 9_500);
        t.Deposit(1, 9_200);
        var third = t.Deposit(2, 9_900);
        var monitor = new ActivityMonitor([.. MonitoringRuleSettings.Defaults.Select(s => s.Code == Structuring.RuleCode ? s with { Enabled = false } : s)]);

        Assert.NotNull(t.Hit(Structuring.RuleCode, third));
        Assert.Null(t.Hit(Structuring.RuleCode, third, monitor));
    }

    [Fact]
    public void The_daily_run_reports_a_growing_pattern_once_with_all_its_events()
    {
        var t = new ClientTimeline();
        var deposits = new[] { t.Deposit(0, 9_500), t.Deposit(0.5, 9_400), t.Deposit(1, 9_200), t.Deposit(2, 9_900) };

        var hit = Assert.Single(new ActivityMonitor().EvaluateAll(t.Activity), h => h.RuleCode == Structuring.RuleCode);

        Assert.Equal(deposits.Select(d => d.Id), hit.EventIds);
        Assert.StartsWith("4 deposits", hit.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void The_daily_run_judges_only_events_from_its_start_but_against_everything_before()
    {
        var t = new ClientTimeline();
        t.Deposit(0, 10_000);
        var withdrawal = t.Withdrawal(3, 9_800);

        var hits = new ActivityMonitor().EvaluateAll(t.Activity, ClientTimeline.Start.AddDays(1));

        Assert.Equal(RoundTripping.RuleCode, Assert.Single(hits).RuleCode);
        Assert.Equal(withdrawal.Id, hits[0].EventId);
        Assert.Empty(new ActivityMonitor().EvaluateAll(t.Activity, ClientTimeline.Start.AddDays(4)));
    }

    [Fact]
    public void An_event_of_another_client_is_a_mistake()
    {
        var t = new ClientTimeline();
        var stranger = new MonitoringEvent(99, ClientTimeline.ClientId + 1, MonitoringEventKind.Login, ClientTimeline.Start);

        Assert.Throws<ArgumentException>(() => new ActivityMonitor().Evaluate(stranger, t.Activity));
    }
}
