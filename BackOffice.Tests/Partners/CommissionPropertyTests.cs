using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Payments;
using BackOffice.Tests.Funds.Deposits;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Partners;

/// <summary>
/// For random trees, plans (per lot, CPA and revenue share at every level), partners' own rates, deposits and trades: the run's
/// lines add up to what the plans define, level by level (worked out here independently of the calculator: per deal for the
/// per-lot rates, once per client for a CPA, per partner, level and day for a revenue share), and running the period again
/// adds nothing.
/// </summary>
[Trait("Category", "Database")]
public sealed class CommissionPropertyTests(SharedApp app) : IClassFixture<SharedApp>
{
    private const int Levels = 5;

    private sealed record Plan(string Code, decimal[] PerLot, decimal[] Cpa, decimal[] CpaDeposit, decimal?[] CpaLots, decimal[] RevenueShare);

    private sealed record Deal(DateTime At, DealAction Side, DealEntry Entry, decimal Lots, decimal Profit, decimal Commission, decimal Swap);

    [Theory]
    [InlineData(11)]
    [InlineData(29)]
    public async Task The_lines_of_a_run_add_up_to_the_per_level_amounts_of_the_plans_and_a_rerun_adds_nothing(int seed)
    {
        var random = new Random(seed);
        decimal Amount(double max, int decimals = 2) => Math.Round((decimal)random.NextDouble() * (decimal)max, decimals);
        decimal[] PerLevel(double max, int decimals = 2) => [.. Enumerable.Range(0, Levels).Select(_ => Amount(max, decimals))];
        var t0 = app.Clock.GetUtcNow().UtcDateTime;

        var plans = new List<Plan>();
        for (var p = 0; p < 3; p++)
        {
            var plan = new Plan("", [.. Enumerable.Range(0, Levels).Select(_ => Amount(10, random.Next(0, 4)))], PerLevel(100), PerLevel(400),
                [.. Enumerable.Range(0, Levels).Select(_ => random.Next(3) == 0 ? (decimal?)null : Amount(20) + 0.01m)], PerLevel(30, 1));
            var rules = Enumerable.Range(0, Levels).SelectMany(i => new[]
            {
                new RuleInput("*", "*", i + 1, CommissionKind.PerLot, plan.PerLot[i]),
                new RuleInput("*", "*", i + 1, CommissionKind.Cpa, plan.Cpa[i], MinimumDeposit: plan.CpaDeposit[i], MinimumLots: plan.CpaLots[i]),
                new RuleInput("*", "*", i + 1, CommissionKind.RevenueShare, plan.RevenueShare[i]),
            });
            plans.Add(plan with { Code = (await CommissionBook.PlanAsync(app, new TermsInput(t0, 0, false, CommissionRounding.HalfEven, "random", [.. rules]))).Code });
        }

        // A tree of ten partners; about one in two earns its own per-lot rate at level 1 or 2.
        var partners = new List<(long Id, string Code, int? Parent, int Plan, (int Level, decimal Rate)? Own)>();
        for (var i = 0; i < 10; i++)
        {
            int? parent = i == 0 || random.Next(4) == 0 ? null : random.Next(i);
            var plan = random.Next(plans.Count);
            var code = CommissionBook.Code("PROP");
            var id = await CommissionBook.PartnerAsync(app, code, parent is { } at ? partners[at].Code : null, plans[plan].Code);
            (int Level, decimal Rate)? own = random.Next(2) == 0 ? (random.Next(1, 3), Amount(12)) : null;
            if (own is { } rate)
                Must.Succeed(await app.SendAs("ib", new SetPartnerRate(id, rate.Level, CommissionKind.PerLot, "*", "*", rate.Rate, t0, "negotiated")));
            partners.Add((id, code, parent, plan, own));
        }

        // Six clients, each attributed to a partner, depositing once, then trading for five days.
        var clients = new List<(Core.Accounts.TradingAccounts.TradingAccount Account, int Partner, decimal Deposit, List<Deal> Deals)>();
        for (var c = 0; c < 6; c++)
        {
            var (client, account) = await DepositBook.LowRiskAccountAsync(app);
            var partner = random.Next(partners.Count);
            Must.Succeed(await app.SendAs("ib", new AttributeClient(client, partners[partner].Code)));
            var deposit = Amount(450) + 50m;
            var started = await DepositBook.StartAsync(app, account.Id, "card", deposit);
            Assert.Equal(200, await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay));
            Assert.NotNull((await DepositBook.LoadAsync(app, started.DepositId)).CreditedAt);
            var deals = new List<Deal>();
            for (var turn = 0; turn < 8; turn++)
            {
                var open = t0.AddMinutes(random.Next(10, 7_000));
                var lots = Math.Round((decimal)random.NextDouble() * 5 + 0.01m, 2);
                var buy = random.Next(2) == 0;
                deals.Add(new Deal(open, buy ? DealAction.Buy : DealAction.Sell, DealEntry.In, lots, 0, -Amount(8), 0));
                deals.Add(new Deal(open.AddMinutes(random.Next(1, 600)), buy ? DealAction.Sell : DealAction.Buy, DealEntry.Out, lots,
                    Amount(600) - 300m, -Amount(8), Amount(7) - 5m));
            }
            clients.Add((account, partner, deposit, deals));
        }

        app.Clock.Advance(TimeSpan.FromDays(7));
        long expected = 0;
        var closes = 0;
        var revenue = new Dictionary<(int Partner, int Level, DateTime Day), decimal>();
        foreach (var (account, partner, deposit, deals) in clients)
        {
            await CommissionBook.RecordAsync(app, account, [.. deals.Select(d => (d.At, d.Side, d.Entry, d.Lots, d.Profit, d.Commission, d.Swap))]);
            var closed = deals.Where(d => d.Entry == DealEntry.Out).Sum(d => d.Lots);
            closes += deals.Count(d => d.Entry == DealEntry.Out);
            var level = 1;
            for (int? at = partner; at is { } p && level <= Levels; at = partners[p].Parent, level++)
            {
                var plan = plans[partners[p].Plan];
                var perLot = partners[p].Own is { } own && own.Level == level ? own.Rate : plan.PerLot[level - 1];
                foreach (var d in deals.Where(d => d.Entry == DealEntry.Out))
                    expected += CommissionCalculator.ToMinor(perLot * d.Lots, "USD", CommissionRounding.HalfEven);
                if (deposit >= plan.CpaDeposit[level - 1] && (plan.CpaLots[level - 1] is not { } minimum || closed >= minimum))
                    expected += CommissionCalculator.ToMinor(plan.Cpa[level - 1], "USD", CommissionRounding.HalfEven);
                foreach (var d in deals)
                    revenue[(p, level, d.At.Date)] = revenue.GetValueOrDefault((p, level, d.At.Date)) - d.Profit - d.Commission - d.Swap;
            }
        }
        foreach (var ((partner, level, _), net) in revenue)
            expected += RevenueShareBook.AmountOf(net, plans[partners[partner].Plan].RevenueShare[level - 1], "USD", CommissionRounding.HalfEven);

        var run = await CommissionBook.RunAsync(app, t0, t0.AddDays(7));
        Assert.Equal(CommissionRunStatus.Computed, run.Status);
        Assert.Equal(expected, run.TotalMinor);
        var all = await CommissionBook.LinesAsync(app, run.Id);
        Assert.Equal(expected, all.Sum(l => l.AmountMinor));
        Assert.Equal(closes, all.Count(l => l.Level == 1 && l.Kind == CommissionKind.PerLot));
        Assert.Equal(revenue.Count, all.Count(l => l.Kind == CommissionKind.RevenueShare));

        // The seeds exercise every rule: CPAs paid, days of revenue paid and days of net loss paying nothing, partners' own rates.
        var kinds = all.Select(l => new { l.Kind, l.AmountMinor, l.Basis, Own = l.OverrideId != null }).ToList();
        Assert.Contains(kinds, l => l.Kind == CommissionKind.Cpa && l.AmountMinor > 0);
        Assert.Contains(kinds, l => l.Kind == CommissionKind.RevenueShare && l.AmountMinor > 0);
        Assert.Contains(kinds, l => l.Kind == CommissionKind.RevenueShare && l.Basis < 0 && l.AmountMinor == 0);
        Assert.Contains(kinds, l => l.Kind == CommissionKind.PerLot && l.Own);

        var lines = (await CommissionBook.LinesAsync(app)).Count;
        var again = await CommissionBook.RunAsync(app, t0, t0.AddDays(7));
        Assert.Equal((CommissionRunStatus.Empty, lines), (again.Status, (await CommissionBook.LinesAsync(app)).Count));
    }
}
