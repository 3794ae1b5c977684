using BackOffice.Core.Kyc.Monitoring;

namespace BackOffice.Tests.Kyc.Rules;

public sealed class PaymentMethodRulesTests
{
    [Fact]
    public void A_withdrawal_to_an_account_never_deposited_from_is_flagged()
    {
        var t = new ClientTimeline();
        t.Deposit(0, 2_000, "card-1");
        var withdrawal = t.Withdrawal(5, 1_500, "bank-9");

        var hit = t.Hit(WithdrawalDestination.RuleCode, withdrawal);

        Assert.NotNull(hit);
        Assert.Equal([withdrawal.Id], hit.EventIds);
        Assert.Equal("Withdrawal of USD 1,500.00 to bank account bank-9, which was never used for a deposit.", hit.Sentence);
    }

    [Fact]
    public void A_withdrawal_in_another_persons_name_is_flagged()
    {
        var t = new ClientTimeline();
        t.Deposit(0, 2_000, "card-1");

        var hit = t.Hit(WithdrawalDestination.RuleCode, t.Withdrawal(5, 1_500, "card-1", "John Smith"));

        Assert.NotNull(hit);
        Assert.Equal("Withdrawal of USD 1,500.00 to card card-1, which is in the name of 'John Smith', not the client's 'Anna Berg'.", hit.Sentence);
    }

    [Fact]
    public void A_withdrawal_back_to_a_known_source_in_the_clients_name_is_not_flagged()
    {
        var t = new ClientTimeline { KnownDepositSources = ["bank-9"] };
        t.Deposit(0, 2_000, "card-1");

        Assert.Null(t.Hit(WithdrawalDestination.RuleCode, t.Withdrawal(5, 1_500, "card-1", "BERG ANNA")));
        Assert.Null(t.Hit(WithdrawalDestination.RuleCode, t.Withdrawal(6, 1_500, "bank-9", "Mrs A. Berg")));
    }

    [Theory]
    [InlineData("Anna Berg", "Anna Berg", true)]
    [InlineData("ÁNNA  BERG", "anna berg", true)]
    [InlineData("Anna Maria Berg", "Berg, Anna", true)]
    [InlineData("A Berg", "Anna Berg", true)]
    [InlineData("A B", "Anna Berg", false)]
    [InlineData("Anna Smith", "Anna Berg", false)]
    [InlineData("", "Anna Berg", false)]
    public void Holder_names_match_regardless_of_order_case_accents_and_initials(string a, string b, bool match) =>
        Assert.Equal(match, HolderNames.Match(a, b));

    [Fact]
    public void A_third_payment_method_within_a_week_is_rapid_change()
    {
        var t = new ClientTimeline();
        var first = t.Deposit(0, 500, "card-1");
        t.Deposit(0.5, 500, "card-1");
        var second = t.Deposit(1, 500, "card-2");
        var third = t.Withdrawal(2, 300, "bank-3");

        var hit = t.Hit(PaymentMethodChurn.RuleCode, third);

        Assert.NotNull(hit);
        Assert.Equal([first.Id, second.Id, third.Id], hit.EventIds);
        Assert.Equal("3 different payment methods within 7 days (card card-1, card card-2, bank account bank-3); "
            + "3 or more counts as rapid change.", hit.Sentence);
    }

    [Fact]
    public void Methods_spread_beyond_the_window_or_used_again_are_not_rapid_change()
    {
        var t = new ClientTimeline();
        t.Deposit(0, 500, "card-1");
        t.Deposit(1, 500, "card-2");

        Assert.Null(t.Hit(PaymentMethodChurn.RuleCode, t.Deposit(7.5, 500, "card-3")));
        Assert.Null(t.Hit(PaymentMethodChurn.RuleCode, t.Deposit(2, 500, "card-2")));
    }
}
