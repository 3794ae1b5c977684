using BackOffice.Core.Kyc.Monitoring;

namespace BackOffice.Tests.Kyc.Rules;

public sealed class AccessRulesTests
{
    [Fact]
    public void A_login_from_a_call_for_action_country_is_flagged_once_a_month()
    {
        var t = new ClientTimeline();
        var login = t.Login(0, "IR");
        var again = t.Login(10, "ir");

        var hit = t.Hit(HighRiskCountryAccess.RuleCode, login);

        Assert.NotNull(hit);
        Assert.StartsWith("Login from IR Iran, a high-risk jurisdiction subject to an FATF call for action", hit.Sentence, StringComparison.Ordinal);
        Assert.Null(t.Hit(HighRiskCountryAccess.RuleCode, again));
        Assert.NotNull(t.Hit(HighRiskCountryAccess.RuleCode, t.Login(41, "IR")));
    }

    [Fact]
    public void A_login_from_a_monitored_country_is_flagged_only_when_the_setting_asks()
    {
        var t = new ClientTimeline();
        var login = t.Login(0, "KE");

        Assert.Null(t.Hit(HighRiskCountryAccess.RuleCode, login));
        var hit = t.Hit(HighRiskCountryAccess.RuleCode, login, ClientTimeline.With(HighRiskCountryAccess.RuleCode, "MinCountryRisk", 1));
        Assert.NotNull(hit);
        Assert.Contains("KE Kenya, a country under FATF increased monitoring", hit.Sentence);
        Assert.Null(t.Hit(HighRiskCountryAccess.RuleCode, t.Login(1, "DE"), ClientTimeline.With(HighRiskCountryAccess.RuleCode, "MinCountryRisk", 1)));
    }

    [Fact]
    public void Money_moving_after_half_a_year_of_stillness_wakes_a_dormant_account()
    {
        var t = new ClientTimeline { LastActivityAt = ClientTimeline.Start.AddDays(-200) };
        t.Login(-10, "DE");
        var deposit = t.Deposit(0, 5_000);

        var hit = t.Hit(DormantReactivation.RuleCode, deposit);

        Assert.NotNull(hit);
        Assert.Equal([deposit.Id], hit.EventIds);
        Assert.Equal("Deposit of USD 5,000.00 after 200 days without a deposit, withdrawal or trade (last on 2024-08-13 09:00 UTC; "
            + "180 days makes an account dormant).", hit.Sentence);
    }

    [Fact]
    public void Activity_within_the_dormancy_period_or_a_small_amount_does_not_wake_the_account()
    {
        var recent = new ClientTimeline { LastActivityAt = ClientTimeline.Start.AddDays(-179) };
        var traded = new ClientTimeline { LastActivityAt = ClientTimeline.Start.AddDays(-400) };
        traded.Trade(-20, 50_000);
        var small = new ClientTimeline { LastActivityAt = ClientTimeline.Start.AddDays(-400) };

        Assert.Null(recent.Hit(DormantReactivation.RuleCode, recent.Deposit(0, 5_000)));
        Assert.Null(traded.Hit(DormantReactivation.RuleCode, traded.Deposit(0, 5_000)));
        Assert.Null(small.Hit(DormantReactivation.RuleCode, small.Deposit(0, 999)));
        Assert.Null(new ClientTimeline().Hit(DormantReactivation.RuleCode, new ClientTimeline().Deposit(0, 5_000)));
    }
}
