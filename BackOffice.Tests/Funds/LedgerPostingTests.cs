using BackOffice.Core.Common;
using BackOffice.Core.Funds.Ledger;

namespace BackOffice.Tests.Funds;

public sealed class LedgerPostingTests
{
    private static Money Usd(long minor) => new(minor, "USD");

    [Fact]
    public void A_transfer_is_two_balanced_lines()
    {
        var posting = LedgerPosting.Transfer("deposit", "D-1", "clearing:card", "client:1001:USD", Usd(10_000), "card deposit");

        Must.Succeed(posting);
        Assert.Equal([-10_000L, 10_000L], posting.Value!.Lines.Select(l => l.Amount.Minor));
        Assert.Equal(("deposit", "D-1"), (posting.Value.Kind, posting.Value.Reference));
    }

    [Fact]
    public void Unbalanced_one_sided_zero_or_unnamed_postings_are_refused_with_the_reason()
    {
        Assert.Contains("do not balance", Must.Fail(LedgerPosting.Create("deposit", "D-2",
            [new("clearing:card", Usd(-10_000)), new("client:1001:USD", Usd(9_999))]), "ledger.unbalanced").Message);
        Must.Fail(LedgerPosting.Create("deposit", "D-3", [new("client:1001:USD", Usd(100))]), "ledger.one_sided");
        Must.Fail(LedgerPosting.Create("deposit", "D-4", [new("a", Usd(0)), new("b", Usd(0))]), "ledger.zero_line");
        Must.Fail(LedgerPosting.Create("", "D-5", [new("a", Usd(-1)), new("b", Usd(1))]), "ledger.unnamed");
        Must.Fail(LedgerPosting.Create("deposit", "D-6", [new("", Usd(-1)), new("b", Usd(1))]), "ledger.no_account");
        Must.Fail(LedgerPosting.Transfer("deposit", "D-7", "a", "b", Usd(-5)), "ledger.amount");
        Must.Fail(LedgerPosting.Create("deposit", "D-8", [new("a", Usd(long.MaxValue)), new("b", Usd(1)), new("c", Usd(-1))]), "ledger.range");
    }

    [Fact]
    public void Each_currency_balances_on_its_own()
    {
        // A conversion between a client's USD and EUR accounts through the broker's FX accounts: balanced per currency.
        Must.Succeed(LedgerPosting.Create("transfer", "T-1",
        [
            new("client:1001:USD", Usd(-11_000)), new("fx:USD", Usd(11_000)),
            new("fx:EUR", new Money(-10_000, "EUR")), new("client:1002:EUR", new Money(10_000, "EUR")),
        ]));
        // The same movement with the EUR side missing is money created from nothing.
        Must.Fail(LedgerPosting.Create("transfer", "T-2",
        [
            new("client:1001:USD", Usd(-11_000)), new("fx:USD", Usd(11_000)), new("client:1002:EUR", new Money(10_000, "EUR")),
        ]), "ledger.unbalanced");
    }

    [Fact]
    public void Whatever_sequence_of_accepted_postings_the_balances_of_every_currency_sum_to_zero()
    {
        var random = new Random(2026);
        var accounts = new[] { "clearing:card", "clearing:crypto", "bank", "fees", "suspense", "client:1:USD", "client:2:USD", "client:3:EUR" };
        var currencies = new[] { "USD", "EUR", "USDT", "JPY" };
        var balances = new Dictionary<(string, string), long>();
        var accepted = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var currency = currencies[random.Next(currencies.Length)];
            var count = random.Next(1, 5);
            var lines = Enumerable.Range(0, count)
                .Select(_ => new PostingLine(accounts[random.Next(accounts.Length)], new Money(random.Next(-50_000, 50_000), currency))).ToList();
            // Half of the attempts are closed by a balancing line, the rest are left as they come.
            if (random.Next(2) == 0 && lines.Sum(l => l.Amount.Minor) is var sum and not 0)
                lines.Add(new PostingLine(accounts[random.Next(accounts.Length)], new Money(-sum, currency)));
            var posting = LedgerPosting.Create("test", $"P-{i}", lines);
            var balanced = lines.Count >= 2 && lines.All(l => l.Amount.Minor != 0) && lines.Sum(l => l.Amount.Minor) == 0;
            Assert.Equal(balanced, posting.Succeeded);
            if (!posting.Succeeded) continue;
            accepted++;
            foreach (var line in posting.Value!.Lines)
                balances[(line.Account, line.Amount.Currency)] = balances.GetValueOrDefault((line.Account, line.Amount.Currency)) + line.Amount.Minor;
            foreach (var c in currencies)
                Assert.Equal(0, balances.Where(b => b.Key.Item2 == c).Sum(b => b.Value));
        }
        Assert.InRange(accepted, 500, 1_500);
    }
}
