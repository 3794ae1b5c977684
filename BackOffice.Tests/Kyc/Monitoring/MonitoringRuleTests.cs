using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Tests.Kyc.Monitoring.MonitoringBook;

namespace BackOffice.Tests.Kyc.Monitoring;

/// <summary>Rules as data: each test owns the rule it changes and puts it back, since the database is shared.</summary>
[Trait("Category", "Database")]
public sealed class MonitoringRuleTests(SharedApp app) : IClassFixture<SharedApp>
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private Task<MonitoringRuleConfig> RuleAsync(string code) => app.Db(db => db.MonitoringRules.SingleAsync(r => r.Code == code));

    [Fact]
    public async Task Every_rule_is_seeded_with_its_defaults()
    {
        var rules = await app.Db(db => db.MonitoringRules.ToListAsync());
        foreach (var d in MonitoringRuleSettings.Defaults)
        {
            var rule = Assert.Single(rules, r => r.Code == d.Code);
            Assert.Equal(d.Severity, rule.Severity);
            Assert.Equal(d.Thresholds.OrderBy(t => t.Key), rule.ThresholdValues.OrderBy(t => t.Key));
        }
    }

    [Fact]
    public async Task A_disabled_rule_does_not_fire()
    {
        var code = HighRiskCountryAccess.RuleCode;
        Must.Succeed(await app.SendAs("compliance", new SetMonitoringRule(code, false, RiskLevel.High, DefaultsOf(code), "Paused while the list is updated")));
        try
        {
            var id = await ClientBook.RegisterAsync(app);
            await RecordAsync(app, Login(id, Now, "KP"));
            Assert.Empty(await AlertsAsync(app, id));
        }
        finally
        {
            Must.Succeed(await app.SendAs("compliance", new SetMonitoringRule(code, true, RiskLevel.High, DefaultsOf(code), "List updated")));
        }
    }

    [Fact]
    public async Task A_threshold_change_is_audited_and_takes_effect()
    {
        var code = DormantReactivation.RuleCode;
        var shorter = DefaultsOf(code);
        shorter["DormantDays"] = 20;
        Must.Succeed(await app.SendAs("compliance", new SetMonitoringRule(code, true, RiskLevel.High, shorter, "Regulator asks for 20 days")));
        try
        {
            var rule = await RuleAsync(code);
            Assert.Equal(20, rule.ThresholdValues["DormantDays"]);
            Assert.Equal(RiskLevel.High, rule.Severity);
            var audit = await app.Db(db => db.AuditEntries.Where(a => a.EntityType == "MonitoringRule" && a.EntityId == code)
                .OrderByDescending(a => a.Sequence).FirstAsync());
            Assert.Equal("Regulator asks for 20 days", audit.Reason);
            Assert.Contains("20", audit.After);

            var id = await ClientBook.RegisterAsync(app);
            await RecordAsync(app, Deposit(id, Now.AddDays(-30), 2_000));
            await RecordAsync(app, Deposit(id, Now, 2_000));
            var alert = Assert.Single(await AlertsAsync(app, id));
            Assert.Equal(code, alert.RuleCode);
            Assert.Equal(RiskLevel.High, alert.Severity);
        }
        finally
        {
            Must.Succeed(await app.SendAs("compliance", new SetMonitoringRule(code, true, RiskLevel.Medium, DefaultsOf(code), "Back to the default")));
        }
    }

    [Fact]
    public async Task Thresholds_must_be_exactly_the_rules_own_and_not_negative()
    {
        var code = Structuring.RuleCode;
        var missing = DefaultsOf(code);
        missing.Remove("MinCount");
        var extra = DefaultsOf(code);
        extra["Whatever"] = 1;
        var negative = DefaultsOf(code);
        negative["WindowDays"] = -1;

        foreach (var thresholds in new[] { missing, extra, negative })
            Must.Fail(await app.SendAs("compliance", new SetMonitoringRule(code, true, RiskLevel.High, thresholds, "Tuning")), "validation");
        Must.Fail(await app.SendAs("compliance", new SetMonitoringRule("no_such_rule", true, RiskLevel.High, new Dictionary<string, decimal>(), "Tuning")), "validation");
        Must.Fail(await app.SendAs("compliance", new SetMonitoringRule(code, true, RiskLevel.High, DefaultsOf(code), "")), "validation");
        Assert.Equal(MonitoringRuleConfig.Serialize(DefaultsOf(code)), (await RuleAsync(code)).Thresholds);
    }

    [Fact]
    public async Task Only_holders_of_the_rules_permission_change_rules()
    {
        var code = Structuring.RuleCode;
        Must.Fail(await app.SendAs("support", new SetMonitoringRule(code, false, RiskLevel.High, DefaultsOf(code), "Off")), "forbidden");
        Must.Fail(await app.SendAs("finance", new SetMonitoringRule(code, false, RiskLevel.High, DefaultsOf(code), "Off")), "forbidden");
        Assert.True((await RuleAsync(code)).Enabled);
    }
}
