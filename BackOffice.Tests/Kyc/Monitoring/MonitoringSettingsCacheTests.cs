using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Infrastructure.Payments;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using static BackOffice.Tests.Kyc.Monitoring.MonitoringBook;

namespace BackOffice.Tests.Kyc.Monitoring;

/// <summary>
/// The rules and the country risk list are kept between commands: a change compliance makes through its command judges
/// the very next event on this node, whatever the events before it left in the cache.
/// </summary>
[Trait("Category", "Database")]
public sealed class MonitoringSettingsCacheTests(SharedApp app) : IClassFixture<SharedApp>
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    /// <summary>A card deposit paid through the sandbox, its signed callback going through the webhook endpoint and the pipeline.</summary>
    private async Task PayByCardAsync(long tradingAccountId, decimal amount)
    {
        var started = await DepositBook.StartAsync(app, tradingAccountId, "card", amount);
        Assert.Equal(200, await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay));
        Assert.Equal(Core.Funds.Deposits.DepositStatus.Credited, (await DepositBook.LoadAsync(app, started.DepositId)).Status);
    }

    [Fact]
    public async Task A_rule_changed_by_its_command_judges_the_next_card_deposit_at_once()
    {
        var code = AboveDeclaredVolume.RuleCode;
        // Both declared 20,000 USD a year; at 1 % of it, 200 USD of deposits passes the declared volume.
        var (first, firstAccount) = await DepositBook.LowRiskAccountAsync(app);
        var (second, secondAccount) = await DepositBook.LowRiskAccountAsync(app);
        await PayByCardAsync(firstAccount.Id, 100m); // judged by the rules as seeded, which are now cached
        var tighter = DefaultsOf(code);
        tighter["DeclaredShare"] = 0.01m;
        Must.Succeed(await app.SendAs("compliance", new SetMonitoringRule(code, true, RiskLevel.Medium, tighter, "Test: one per cent of the declared volume")));
        try
        {
            await PayByCardAsync(firstAccount.Id, 150m);
            Assert.Equal([code], await RulesFiredAsync(app, first));

            await PayByCardAsync(secondAccount.Id, 100m); // judged by the tightened rule, now cached in its turn
            Must.Succeed(await app.SendAs("compliance", new SetMonitoringRule(code, true, RiskLevel.Medium, DefaultsOf(code), "Test: back to the default")));
            await PayByCardAsync(secondAccount.Id, 150m);
            Assert.Empty(await AlertsAsync(app, second));
        }
        finally
        {
            Must.Succeed(await app.SendAs("compliance", new SetMonitoringRule(code, true, RiskLevel.Medium, DefaultsOf(code), "Test: back to the default")));
        }
    }

    [Fact]
    public async Task A_country_listed_or_taken_off_and_a_new_edition_judge_the_next_login_at_once()
    {
        var code = HighRiskCountryAccess.RuleCode;
        var before = await ClientBook.RegisterAsync(app);
        await RecordAsync(app, Login(before, Now, "TH")); // Thailand is standard risk: nothing, and the list is now cached
        Assert.Empty(await AlertsAsync(app, before));

        Must.Succeed(await app.SendAs("admin", new SetCountryRiskEdition("FATF public statements of 13 February 2026", "Test: February plenary")));
        Must.Succeed(await app.SendAs("compliance", new SetCountryRisk("TH", CountryRisk.HighRisk, "Test: listed")));
        try
        {
            var listed = await ClientBook.RegisterAsync(app);
            await RecordAsync(app, Login(listed, Now, "TH"));
            var alert = Assert.Single(await AlertsAsync(app, listed));
            Assert.Equal(code, alert.RuleCode);
            Assert.Contains("TH Thailand", alert.Sentence);
            Assert.Contains("FATF public statements of 13 February 2026", alert.Sentence);

            Must.Succeed(await app.SendAs("compliance", new SetCountryRisk("TH", CountryRisk.Standard, "Test: taken off")));
            var after = await ClientBook.RegisterAsync(app);
            await RecordAsync(app, Login(after, Now, "TH"));
            Assert.Empty(await AlertsAsync(app, after));
        }
        finally
        {
            Must.Succeed(await app.SendAs("compliance", new SetCountryRisk("TH", CountryRisk.Standard, "Test: taken off")));
        }
    }
}
