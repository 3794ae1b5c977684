using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Partners;

/// <summary>
/// For random trees, plans and trades: the run's lines add up to what the plans define, level by level over every deal
/// (worked out here independently of the calculator), and running the period again adds nothing.
/// </summary>
[Trait("Category", "Database")]
public sealed class CommissionPropertyTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Theory]
    [InlineData(11)]
    [InlineData(29)]
    public async Task The_lines_of_a_run_add_up_to_the_per_level_amounts_of_the_plans_and_a_rerun_adds_nothing(int seed)
    {
        var random = new Random(seed);
        var t0 = app.Clock.GetUtcNow().UtcDateTime;
        var plans = new List<(string Code, decimal[] Rates)>();
        for (var p = 0; p < 3; p++)
        {
            var rates = Enumerable.Range(0, 5).Select(_ => Math.Round((decimal)random.NextDouble() * 10, random.Next(0, 4))).ToArray();
            var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(t0, "random", [.. rates.Select((r, i) => (i + 1, r))]));
            plans.Add((plan.Code, rates));
        }
        var partners = new List<(long Id, string Code, int? Parent, int Plan)>();
        for (var i = 0; i < 10; i++)
        {
            int? parent = i == 0 || random.Next(4) == 0 ? null : random.Next(i);
            var plan = random.Next(plans.Count);
            var code = CommissionBook.Code("PROP");
            partners.Add((await CommissionBook.PartnerAsync(app, code, parent is { } at ? partners[at].Code : null, plans[plan].Code), code, parent, plan));
        }
        var clients = new List<(Core.Accounts.TradingAccounts.TradingAccount Account, int Partner)>();
        for (var c = 0; c < 6; c++)
        {
            var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
            var partner = random.Next(partners.Count);
            Must.Succeed(await app.SendAs("ib", new AttributeClient(client, partners[partner].Code)));
            clients.Add((account, partner));
        }

        app.Clock.Advance(TimeSpan.FromDays(7));
        long expected = 0;
        var closes = 0;
        foreach (var (account, partner) in clients)
        {
            var deals = new List<(DateTime, DealAction, DealEntry, decimal)>();
            for (var turn = 0; turn < 8; turn++)
            {
                var open = t0.AddMinutes(random.Next(10, 8_000));
                var lots = Math.Round((decimal)random.NextDouble() * 5 + 0.01m, 2);
                var buy = random.Next(2) == 0;
                deals.Add((open, buy ? DealAction.Buy : DealAction.Sell, DealEntry.In, lots));
                deals.Add((open.AddMinutes(random.Next(1, 600)), buy ? DealAction.Sell : DealAction.Buy, DealEntry.Out, lots));
                closes++;
                var level = 1;
                for (int? at = partner; at is { } p; at = partners[p].Parent, level++)
                    expected += CommissionCalculator.ToMinor(plans[partners[p].Plan].Rates[level - 1] * lots, "USD", CommissionRounding.HalfEven);
            }
            await CommissionBook.RecordAsync(app, account, [.. deals]);
        }

        var run = await CommissionBook.RunAsync(app, t0, t0.AddDays(7));
        Assert.Equal(CommissionRunStatus.Computed, run.Status);
        Assert.Equal(expected, run.TotalMinor);
        Assert.Equal(expected, await app.Db(db => db.CommissionLines.Where(l => l.RunId == run.Id).SumAsync(l => l.AmountMinor)));
        Assert.Equal(closes, await app.Db(db => db.CommissionLines.Where(l => l.RunId == run.Id && l.Level == 1).CountAsync()));

        var lines = await app.Db(db => db.CommissionLines.CountAsync());
        var again = await CommissionBook.RunAsync(app, t0, t0.AddDays(7));
        Assert.Equal((CommissionRunStatus.Empty, lines), (again.Status, await app.Db(db => db.CommissionLines.CountAsync())));
    }
}
