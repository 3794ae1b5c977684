using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Risk;

namespace BackOffice.Tests.Kyc.Rules;

public sealed class MoneyFlowRulesTests
{
    [Fact]
    public void Money_deposited_and_withdrawn_with_little_trading_is_round_tripping()
    {
        var t = new ClientTimeline();
        var deposit = t.Deposit(0, 10_000);
        t.Trade(1, 5_000);
        var withdrawal = t.Withdrawal(3, 9_800);

        var hit = t.Hit(RoundTripping.RuleCode, withdrawal);

        Assert.NotNull(hit);
        Assert.Equal(RiskLevel.Medium, hit.Severity);
        Assert.Equal([deposit.Id, withdrawal.Id], hit.EventIds);
        Assert.Equal("Withdrawal of USD 9,800.00 returns 98 % of the USD 10,000.00 deposited since 2025-03-01 09:00 UTC, with only "
            + "USD 5,000.00 traded in between (0.5× the deposits; less than 2× counts as little trading).", hit.Sentence);
    }

    [Fact]
    public void Trading_twice_the_deposits_is_not_round_tripping()
    {
        var t = new ClientTimeline();
        t.Deposit(0, 10_000);
        t.Trade(1, 20_000);

        Assert.Null(t.Hit(RoundTripping.RuleCode, t.Withdrawal(3, 9_800)));
    }

    [Fact]
    public void A_deposit_outside_the_window_or_a_partial_withdrawal_is_not_round_tripping()
    {
        var t = new ClientTimeline();
        t.Deposit(0, 10_000);

        Assert.Null(t.Hit(RoundTripping.RuleCode, t.Withdrawal(7.1, 9_800)));
        Assert.Null(t.Hit(RoundTripping.RuleCode, new ClientTimeline().Withdrawal(0, 7_999)));
        var partial = new ClientTimeline();
        partial.Deposit(0, 10_000);
        Assert.Null(partial.Hit(RoundTripping.RuleCode, partial.Withdrawal(1, 7_999)));
    }

    [Fact]
    public void Three_deposits_just_under_the_reporting_threshold_within_days_are_structuring()
    {
        var t = new ClientTimeline();
        var first = t.Deposit(0, 9_500);
        var second = t.Deposit(1, 9_200);
        var third = t.Deposit(2, 9_900);

        var hit = t.Hit(Structuring.RuleCode, third);

        Assert.NotNull(hit);
        Assert.Equal(RiskLevel.High, hit.Severity);
        Assert.Equal([first.Id, second.Id, third.Id], hit.EventIds);
        Assert.Equal("3 deposits between USD 9,000.00 and USD 10,000.00 within 3 days (USD 28,600.00 in all), "
            + "each just under the USD 10,000.00 reporting threshold.", hit.Sentence);
    }

    [Theory]
    [InlineData(10_000, 2)]   // at the threshold is reported anyway, so not structuring
    [InlineData(8_999, 2)]    // below the band
    [InlineData(9_900, 3.5)]  // the first deposit has left the window
    public void Deposits_at_the_threshold_below_the_band_or_spread_out_are_not_structuring(decimal third, double day)
    {
        var t = new ClientTimeline();
        t.Deposit(0, 9_500);
        t.Deposit(1, 9_200);

        Assert.Null(t.Hit(Structuring.RuleCode, t.Deposit(day, third)));
    }

    [Fact]
    public void The_deposit_that_passes_the_declared_yearly_volume_raises_one_hit()
    {
        var t = new ClientTimeline { DeclaredYearlyVolumeUsd = 50_000 };
        var first = t.Deposit(0, 30_000);
        var crossing = t.Deposit(100, 25_000);
        var after = t.Deposit(101, 5_000);

        var hit = t.Hit(AboveDeclaredVolume.RuleCode, crossing);

        Assert.NotNull(hit);
        Assert.Equal([first.Id, crossing.Id], hit.EventIds);
        Assert.Equal("Deposits of USD 55,000.00 in the 365 days to 2025-06-09 09:00 UTC pass the declared yearly volume of "
            + "USD 50,000.00 (110 % of it).", hit.Sentence);
        Assert.Null(t.Hit(AboveDeclaredVolume.RuleCode, after));
    }

    [Fact]
    public void Deposits_up_to_the_declared_volume_or_spread_over_more_than_a_year_raise_nothing()
    {
        var exact = new ClientTimeline { DeclaredYearlyVolumeUsd = 50_000 };
        exact.Deposit(0, 30_000);
        var spread = new ClientTimeline { DeclaredYearlyVolumeUsd = 50_000 };
        spread.Deposit(0, 30_000);
        var undeclared = new ClientTimeline();

        Assert.Null(exact.Hit(AboveDeclaredVolume.RuleCode, exact.Deposit(100, 20_000)));
        Assert.Null(spread.Hit(AboveDeclaredVolume.RuleCode, spread.Deposit(366, 25_000)));
        Assert.Null(undeclared.Hit(AboveDeclaredVolume.RuleCode, undeclared.Deposit(0, 1_000_000)));
    }
}
