using BackOffice.Core.Common;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;

namespace BackOffice.Tests.Partners;

/// <summary>Each rule of a plan on a worked example. The partner network is a fixed chain: client 1 → partner 10 → partner 20.</summary>
public sealed class CommissionCalculatorTests
{
    private static readonly DateTime T0 = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    private sealed class Chain(PlanTerms terms, params long[] partners) : ICommissionNetwork
    {
        public HashSet<long> Suspended { get; } = [];

        public IReadOnlyList<long> ChainAt(long clientId, DateTime at) => clientId == 1 ? partners : [];

        public PlanTerms? TermsOf(long partnerId, DateTime at) => terms;

        public bool Earns(long partnerId) => !Suspended.Contains(partnerId);

        /// <summary>Partner 10's own rate for its plan's level 1 per-lot rule, from <see cref="PartnerRateOverride.From"/>.</summary>
        public PartnerRateOverride? Own { get; init; }

        public PartnerRateOverride? OverrideOf(long partnerId, int level, CommissionRule rule, DateTime at) =>
            Own is { } own && partnerId == own.PartnerId && own.Level == level && own.Kind == rule.Kind && own.From <= at ? own : null;
    }

    private static PlanTerms Terms(int minimumHold = 0, bool hedgeOnce = false, CommissionRounding rounding = CommissionRounding.HalfEven,
        params CommissionRule[] rules) =>
        new(7, "ECN", "ECN partners", 3, "USD", minimumHold, hedgeOnce, rounding, rules);

    private static CommissionRule Rule(int level, CommissionKind kind, decimal rate, string group = "*", string type = "*", decimal? pip = null) =>
        new() { Level = level, Kind = kind, Rate = rate, SymbolGroup = group, AccountType = type, PipValue = pip };

    private static long _ticket = 1000;

    private static DealFacts Deal(DateTime at, DealAction side, DealEntry entry, decimal lots, string symbol = "EURUSD", decimal commission = 0,
        long account = 100, string currency = "USD", decimal profit = 0, decimal swap = 0) =>
        new(++_ticket, _ticket, account, 1, "ECN", currency, at, symbol, side, entry, lots, commission, ToCompute: true, profit, swap);

    private static List<CommissionLineDraft> Compute(PlanTerms terms, params DealFacts[] deals) => Compute(new Chain(terms, 10, 20), deals);

    private static List<CommissionLineDraft> Compute(ICommissionNetwork network, params DealFacts[] deals)
    {
        var calculator = new CommissionCalculator(network);
        foreach (var d in deals) calculator.Add(d);
        return calculator.Lines;
    }

    [Fact]
    public void Per_lot_rates_pay_each_level_on_the_closing_deal_only()
    {
        var lines = Compute(Terms(rules: [Rule(1, CommissionKind.PerLot, 7m), Rule(2, CommissionKind.PerLot, 1.5m)]),
            Deal(T0, DealAction.Buy, DealEntry.In, 2m), Deal(T0.AddHours(1), DealAction.Sell, DealEntry.Out, 2m));

        Assert.Equal([(10L, 1, 1400L), (20L, 2, 300L)], lines.Select(l => (l.PartnerId, l.Level, l.AmountMinor)));
        Assert.All(lines, l => Assert.Equal((2m, 2m, 7L), (l.ClosedLots, l.EligibleLots, l.PlanVersionId)));
    }

    [Fact]
    public void A_spread_share_pays_pips_at_the_stated_pip_value_and_a_commission_share_pays_on_what_the_round_turn_was_charged()
    {
        var lines = Compute(Terms(rules: [Rule(1, CommissionKind.SpreadPips, 0.8m, pip: 10m), Rule(1, CommissionKind.CommissionShare, 25m)]),
            Deal(T0, DealAction.Sell, DealEntry.In, 1.5m, commission: -10.5m), Deal(T0.AddHours(2), DealAction.Buy, DealEntry.Out, 1.5m, commission: -10.5m));

        var spread = lines.Single(l => l.Kind == CommissionKind.SpreadPips);
        Assert.Equal(1200, spread.AmountMinor); // 0.8 pips × $10 × 1.5 lots
        var share = lines.Single(l => l.Kind == CommissionKind.CommissionShare);
        Assert.Equal((21m, 525L), (share.Basis, share.AmountMinor)); // 25 % of $21 paid to open and close

        // An account in another currency than the plan's pays no commission share (its commission is not in dollars).
        var euro = Compute(Terms(rules: [Rule(1, CommissionKind.CommissionShare, 25m)]),
            Deal(T0, DealAction.Sell, DealEntry.In, 1m, commission: -7m, currency: "EUR"), Deal(T0.AddHours(2), DealAction.Buy, DealEntry.Out, 1m, commission: -7m, currency: "EUR"));
        Assert.Equal(0, euro.Single().AmountMinor);
    }

    [Fact]
    public void A_round_turn_held_under_the_minimum_earns_nothing_and_says_so()
    {
        var terms = Terms(minimumHold: 60, rules: [Rule(1, CommissionKind.PerLot, 7m)]);
        var lines = Compute(terms,
            Deal(T0, DealAction.Buy, DealEntry.In, 1m), Deal(T0.AddSeconds(30), DealAction.Buy, DealEntry.In, 1m),
            Deal(T0.AddSeconds(75), DealAction.Sell, DealEntry.Out, 2m));

        // First in, first out: the lot opened at 0 s was held 75 s and earns; the one opened at 30 s was held 45 s and does not.
        var line = Assert.Single(lines);
        Assert.Equal((2m, 1m, 1m, 700L), (line.ClosedLots, line.EligibleLots, line.ShortHeldLots, line.AmountMinor));
    }

    [Fact]
    public void Hedged_volume_is_counted_once_when_the_plan_says_so_even_across_the_clients_accounts()
    {
        DealFacts[] deals =
        [
            Deal(T0, DealAction.Buy, DealEntry.In, 2m, account: 100),
            Deal(T0.AddMinutes(5), DealAction.Sell, DealEntry.In, 1.5m, account: 200), // a hedge of 1.5 lots on the client's other account
            Deal(T0.AddHours(1), DealAction.Sell, DealEntry.Out, 2m, account: 100),
            Deal(T0.AddHours(1), DealAction.Buy, DealEntry.Out, 1.5m, account: 200),
        ];
        var once = Compute(Terms(hedgeOnce: true, rules: [Rule(1, CommissionKind.PerLot, 10m)]), deals);
        Assert.Equal([(2m, 0m, 2000L), (0m, 1.5m, 0L)], once.Select(l => (l.EligibleLots, l.HedgedLots, l.AmountMinor)));

        var twice = Compute(Terms(hedgeOnce: false, rules: [Rule(1, CommissionKind.PerLot, 10m)]), deals);
        Assert.Equal(3500, twice.Sum(l => l.AmountMinor));
    }

    [Fact]
    public void A_partners_own_rate_replaces_its_plans_rate_from_its_date_at_its_level_only()
    {
        var network = new Chain(Terms(rules: [Rule(1, CommissionKind.PerLot, 7m), Rule(2, CommissionKind.PerLot, 1.5m)]), 10, 20)
        {
            Own = new PartnerRateOverride { Id = 5, PartnerId = 10, Level = 1, Kind = CommissionKind.PerLot, Rate = 8m, From = T0.AddDays(1) },
        };
        var lines = Compute(network,
            Deal(T0, DealAction.Buy, DealEntry.In, 1m), Deal(T0.AddHours(1), DealAction.Sell, DealEntry.Out, 1m),
            Deal(T0.AddDays(1), DealAction.Buy, DealEntry.In, 2m), Deal(T0.AddDays(1).AddHours(1), DealAction.Sell, DealEntry.Out, 2m));

        Assert.Equal([(1, 7m, 700L, (long?)null), (2, 1.5m, 150L, null), (1, 8m, 1600L, 5L), (2, 1.5m, 300L, null)],
            lines.Select(l => (l.Level, l.Rate, l.AmountMinor, l.OverrideId)));
    }

    [Theory]
    [InlineData(CommissionRounding.HalfEven, 0.125, 12)]
    [InlineData(CommissionRounding.HalfEven, 0.135, 14)]
    [InlineData(CommissionRounding.HalfUp, 0.125, 13)]
    [InlineData(CommissionRounding.Down, 0.129, 12)]
    public void Each_line_is_rounded_to_the_cent_as_the_plan_states(CommissionRounding rounding, double rate, long cents)
    {
        var lines = Compute(Terms(rounding: rounding, rules: [Rule(1, CommissionKind.PerLot, (decimal)rate)]),
            Deal(T0, DealAction.Buy, DealEntry.In, 1m), Deal(T0.AddHours(1), DealAction.Sell, DealEntry.Out, 1m));
        Assert.Equal(cents, lines.Single().AmountMinor);
    }

    [Fact]
    public void The_most_specific_rule_applies_and_a_suspended_partner_earns_nothing_while_its_parent_still_does()
    {
        var terms = Terms(rules: [Rule(1, CommissionKind.PerLot, 5m), Rule(1, CommissionKind.PerLot, 12m, group: SymbolGroups.Metals),
            Rule(1, CommissionKind.PerLot, 15m, group: SymbolGroups.Metals, type: "ECN"), Rule(2, CommissionKind.PerLot, 1m)]);
        var network = new Chain(terms, 10, 20);
        var calculator = new CommissionCalculator(network);
        foreach (var d in new[]
                 {
                     Deal(T0, DealAction.Buy, DealEntry.In, 1m, "XAUUSD.m"), Deal(T0.AddHours(1), DealAction.Sell, DealEntry.Out, 1m, "XAUUSD.m"),
                     Deal(T0, DealAction.Buy, DealEntry.In, 1m, "GBPJPY"), Deal(T0.AddHours(1), DealAction.Sell, DealEntry.Out, 1m, "GBPJPY"),
                 })
            calculator.Add(d);
        Assert.Equal([(1, 1500L), (2, 100L), (1, 500L), (2, 100L)], calculator.Lines.Select(l => (l.Level, l.AmountMinor)));

        network.Suspended.Add(10);
        var later = Compute(network, Deal(T0, DealAction.Buy, DealEntry.In, 1m), Deal(T0.AddHours(1), DealAction.Sell, DealEntry.Out, 1m));
        Assert.Equal([(20L, 100L)], later.Select(l => (l.PartnerId, l.AmountMinor)));
    }

    private static CommissionRule Cpa(int level, decimal amount, decimal? deposit = null, decimal? lots = null, string type = "*") =>
        new() { Level = level, Kind = CommissionKind.Cpa, Rate = amount, SymbolGroup = "*", AccountType = type, MinimumDeposit = deposit, MinimumLots = lots };

    private static readonly Func<Money, string, decimal?> Rates = new Core.Funds.FundsOptions().ValueIn;

    private static FirstDeposit Deposit(DateTime at, decimal amount, string currency = "USD") =>
        new(1, at, Money.From(amount, currency).Value, "ECN");

    [Fact]
    public void A_cpa_on_the_first_deposit_pays_each_level_once_and_says_how_the_client_qualified()
    {
        var terms = Terms(rules: [Cpa(1, 250m, deposit: 200m), Cpa(2, 50m, deposit: 200m)]);
        var calculator = new CommissionCalculator(new Chain(terms, 10, 20));
        calculator.FollowCpa(Rates).Follow(1, Deposit(T0, 500m), 0, depositMoment: true);
        calculator.Cpa!.Complete();
        calculator.Cpa.Complete();

        Assert.Equal([(10L, 1, 25_000L, "cpa:1:1"), (20L, 2, 5_000L, "cpa:1:2")], calculator.Lines.Select(l => (l.PartnerId, l.Level, l.AmountMinor, l.OnceKey!)));
        Assert.All(calculator.Lines, l => Assert.Equal((null, CommissionKind.Cpa, T0), (l.DealId, l.Kind, l.DealTime)));
        Assert.Equal("first deposit 500.00 USD on 2026-11-02 09:00 UTC ≥ 200.00 USD", calculator.Lines[0].Detail);

        // A first deposit under the minimum qualifies nobody, and a later, larger deposit does not change that: the first one counts.
        var small = new CommissionCalculator(new Chain(terms, 10, 20));
        small.FollowCpa(Rates).Follow(1, Deposit(T0, 199.99m), 0, depositMoment: true);
        small.Cpa!.Complete();
        Assert.Empty(small.Lines);

        // A deposit in euros is worth its value in the plan's currency at the configured rates (1.08): 190 EUR = 205.20 USD.
        var euro = new CommissionCalculator(new Chain(Terms(rules: [Cpa(1, 250m, deposit: 200m)]), 10));
        euro.FollowCpa(Rates).Follow(1, Deposit(T0, 190m, "EUR"), 0, depositMoment: true);
        euro.Cpa!.Complete();
        Assert.Equal("first deposit 190.00 EUR (205.20 USD) on 2026-11-02 09:00 UTC ≥ 200.00 USD", Assert.Single(euro.Lines).Detail);
    }

    [Fact]
    public void A_cpa_on_volume_is_paid_on_the_closing_deal_that_reaches_it_after_the_first_deposit_and_only_once()
    {
        var terms = Terms(rules: [Cpa(1, 100m, deposit: 100m, lots: 2m)]);
        var calculator = new CommissionCalculator(new Chain(terms, 10, 20));
        // 0.5 lots closed before the deals read; the deposit comes after 1 more lot, so the volume is reached first, at 2.5 lots.
        calculator.FollowCpa(Rates).Follow(1, Deposit(T0.AddHours(5), 150m), 0.5m);
        foreach (var d in new[]
                 {
                     Deal(T0, DealAction.Buy, DealEntry.In, 1m), Deal(T0.AddHours(1), DealAction.Sell, DealEntry.Out, 1m),
                     Deal(T0.AddHours(2), DealAction.Buy, DealEntry.In, 1m), Deal(T0.AddHours(3), DealAction.Sell, DealEntry.Out, 1m),
                     Deal(T0.AddHours(6), DealAction.Buy, DealEntry.In, 1m), Deal(T0.AddHours(7), DealAction.Sell, DealEntry.Out, 1m),
                 })
            calculator.Add(d);
        calculator.Cpa!.Complete();

        // 2.5 lots at 03:00, but the first deposit only at 05:00: the client qualifies at the deposit; the close at 07:00 adds nothing.
        var line = Assert.Single(calculator.Lines);
        Assert.Equal((T0.AddHours(5), 10_000L, 2.5m), (line.DealTime, line.AmountMinor, line.ClosedLots));
        Assert.Equal("first deposit 150.00 USD on 2026-11-02 14:00 UTC ≥ 100.00 USD, 2.50 lots closed by then ≥ 2.00", line.Detail);

        // Deposit first: the closing deal that reaches 2 lots is the moment.
        var later = new CommissionCalculator(new Chain(terms, 10));
        later.FollowCpa(Rates).Follow(1, Deposit(T0.AddMinutes(-5), 150m), 0);
        foreach (var d in new[]
                 {
                     Deal(T0, DealAction.Buy, DealEntry.In, 1.5m), Deal(T0.AddHours(1), DealAction.Sell, DealEntry.Out, 1.5m),
                     Deal(T0.AddHours(2), DealAction.Sell, DealEntry.In, 1m), Deal(T0.AddHours(3), DealAction.Buy, DealEntry.Out, 1m),
                 })
            later.Add(d);
        later.Cpa!.Complete();
        var reached = Assert.Single(later.Lines);
        Assert.Equal((T0.AddHours(3), _ticket), (reached.DealTime, reached.Ticket));
        Assert.StartsWith($"2.50 lots closed by deal {_ticket} on 2026-11-02 12:00 UTC ≥ 2.00, first deposit 150.00 USD", reached.Detail);
    }

    [Fact]
    public void A_revenue_share_pays_each_level_its_percentage_of_a_days_net_revenue_and_nothing_on_a_net_loss()
    {
        var calculator = new CommissionCalculator(new Chain(Terms(rules:
            [Rule(1, CommissionKind.RevenueShare, 20m), Rule(2, CommissionKind.RevenueShare, 5m)]), 10, 20));
        calculator.ShareRevenue();
        foreach (var d in new[]
                 {
                     // Day 1: 7 + 7 commission and 2.50 swap charged, the client lost 100: net revenue 116.50.
                     Deal(T0, DealAction.Buy, DealEntry.In, 1m, commission: -7m),
                     Deal(T0.AddHours(3), DealAction.Sell, DealEntry.Out, 1m, commission: -7m, swap: -2.5m, profit: -100m),
                     // An account in euros is not in the plan's currency: its revenue is left out.
                     Deal(T0.AddHours(4), DealAction.Buy, DealEntry.In, 1m, commission: -7m, account: 200, currency: "EUR"),
                     Deal(T0.AddHours(5), DealAction.Sell, DealEntry.Out, 1m, commission: -7m, profit: -500m, account: 200, currency: "EUR"),
                     // Day 2: 14 commission charged, the client won 200: a net loss of 186.
                     Deal(T0.AddDays(1), DealAction.Sell, DealEntry.In, 2m, commission: -7m),
                     Deal(T0.AddDays(1).AddHours(2), DealAction.Buy, DealEntry.Out, 2m, commission: -7m, profit: 200m),
                 })
            calculator.Add(d);
        calculator.Complete();

        // Level 1: 20 % of 116.50 = 23.30; level 2: 5 % of 116.50 = 5.825, half to even 5.82. Day 2 pays nothing at either level.
        Assert.Equal([(10L, 1, T0.Date, 116.5m, 2330L), (20L, 2, T0.Date, 116.5m, 582L), (10L, 1, T0.Date.AddDays(1), -186m, 0L), (20L, 2, T0.Date.AddDays(1), -186m, 0L)],
            calculator.Lines.OrderBy(l => l.DealTime).ThenBy(l => l.Level).Select(l => (l.PartnerId, l.Level, l.DealTime, l.Basis, l.AmountMinor)));
        var day1 = calculator.Lines.First(l => l.Level == 1);
        Assert.Equal((new NetRevenue(14m, 2.5m, -100m), 1m, (long?)null, (long?)null), (day1.Revenue!.Value, day1.ClosedLots, day1.ClientId, day1.DealId));
    }

    [Theory]
    [InlineData("EURUSD", SymbolGroups.FxMajors)]
    [InlineData("eurusd.m", SymbolGroups.FxMajors)]
    [InlineData("EURGBP", SymbolGroups.FxMinors)]
    [InlineData("XAUUSD", SymbolGroups.Metals)]
    [InlineData("NAS100", SymbolGroups.Indices)]
    [InlineData("BTCUSD", SymbolGroups.Crypto)]
    [InlineData("USOIL", SymbolGroups.Energies)]
    [InlineData("AAPL", SymbolGroups.Other)]
    public void Symbols_fall_into_their_groups(string symbol, string group) => Assert.Equal(group, SymbolGroups.Of(symbol));
}
