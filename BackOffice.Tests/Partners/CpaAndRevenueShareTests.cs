using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Payments;
using BackOffice.Tests.Funds.Deposits;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Partners;

/// <summary>CPA and revenue share through the real pipeline: deposits paid through the sandbox, deals stored as ingestion stores them, runs computed.</summary>
[Trait("Category", "Database")]
public sealed class CpaAndRevenueShareTests(SharedApp app) : IClassFixture<SharedApp>
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private static TermsInput Terms(DateTime from, string note, params RuleInput[] rules) => new(from, 0, false, CommissionRounding.HalfEven, note, rules);

    private async Task<(long Client, Core.Accounts.TradingAccounts.TradingAccount Account)> DepositorAsync(string partnerCode, decimal deposit)
    {
        var (client, account) = await DepositBook.LowRiskAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, partnerCode)));
        var started = await DepositBook.StartAsync(app, account.Id, "card", deposit);
        Assert.Equal(200, await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay));
        Assert.NotNull((await DepositBook.LoadAsync(app, started.DepositId)).CreditedAt);
        return (client, account);
    }

    private async Task<RuleInput[]> PlanRulesAsync(string code) => [.. (await app.QueryAs("ib", new CommissionPlans())).Single(p => p.Code == code).Current.Rules];

    private Task<List<CommissionLine>> CpaLinesAsync() =>
        app.Db(db => db.CommissionLines.AsNoTracking().Where(l => l.Kind == CommissionKind.Cpa).OrderBy(l => l.Level).ToListAsync());

    [Fact]
    public async Task A_cpa_is_paid_once_per_client_and_level_when_the_client_qualifies_by_first_deposit_or_by_volume()
    {
        var t0 = Now;
        var plan = await CommissionBook.PlanAsync(app, Terms(t0, "CPA launch",
            new RuleInput("*", "*", 1, CommissionKind.Cpa, 250m, MinimumDeposit: 200m),
            new RuleInput("*", "*", 2, CommissionKind.Cpa, 50m, MinimumDeposit: 200m, MinimumLots: 2m)));
        var topCode = CommissionBook.Code("CPATOP");
        var top = await CommissionBook.PartnerAsync(app, topCode, null, plan.Code);
        var subCode = CommissionBook.Code("CPASUB");
        var sub = await CommissionBook.PartnerAsync(app, subCode, topCode, plan.Code);
        var (client, account) = await DepositorAsync(subCode, 500m);
        var (small, smallAccount) = await DepositorAsync(subCode, 100m);
        var number = await app.Db(db => db.Clients.Where(c => c.Id == client).Select(c => c.Number).SingleAsync());

        // 1.5 lots closed on day 1, 1 more on day 2: level 2's volume of 2 lots is reached by the close of day 2.
        app.Clock.Advance(TimeSpan.FromDays(3));
        await CommissionBook.RecordAsync(app, account,
            (t0.AddDays(1), DealAction.Buy, DealEntry.In, 1.5m), (t0.AddDays(1).AddHours(1), DealAction.Sell, DealEntry.Out, 1.5m),
            (t0.AddDays(2), DealAction.Sell, DealEntry.In, 1m), (t0.AddDays(2).AddHours(1), DealAction.Buy, DealEntry.Out, 1m));
        await CommissionBook.RecordAsync(app, smallAccount,
            (t0.AddDays(1), DealAction.Buy, DealEntry.In, 5m), (t0.AddDays(1).AddHours(1), DealAction.Sell, DealEntry.Out, 5m));

        var preview = await app.QueryAs("ib", new PreviewCommissionPlan(plan.Id, "USD", Terms(t0, "same", (await PlanRulesAsync(plan.Code))), t0, t0.AddDays(3)));
        Assert.Equal((null, 30_000L), (preview.Refused, preview.Total.Minor));

        var run = await CommissionBook.RunAsync(app, t0, t0.AddDays(3));
        var lines = await CpaLinesAsync();
        Assert.Equal([(sub, 1, 25_000L, t0), (top, 2, 5_000L, t0.AddDays(2).AddHours(1))],
            lines.Select(l => (l.PartnerId, l.Level, l.AmountMinor, l.DealTime)));
        Assert.All(lines, l => Assert.Equal((run.Id, client, (long?)null), (l.RunId, l.ClientId, l.TradeDealId)));
        Assert.Equal(30_000, run.TotalMinor);
        var explained = (await app.QueryAs("ib", new CommissionRunLines(run.Id, subCode, 0, 50))).Items.Single();
        Assert.Equal($"CPA: client {number}, first deposit 500.00 USD on {t0:yyyy-MM-dd HH:mm} UTC ≥ 200.00 USD; plan {plan.Code} v1, level 1 = 250.00 USD.",
            explained.Explanation);

        // Running the period again, more trades, another deposit and the next run: the client's CPA stays paid once.
        var again = await CommissionBook.RunAsync(app, t0, t0.AddDays(3));
        Assert.Equal((CommissionRunStatus.Empty, 0), (again.Status, again.LineCount));
        Assert.Equal(200, await DepositBook.CompleteAsync(app, await DepositBook.StartAsync(app, account.Id, "card", 900m), SandboxOutcome.Pay));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await CommissionBook.RecordAsync(app, account, (t0.AddDays(3).AddHours(1), DealAction.Buy, DealEntry.In, 4m), (t0.AddDays(3).AddHours(2), DealAction.Sell, DealEntry.Out, 4m));
        var next = await CommissionBook.RunAsync(app, t0.AddDays(3), t0.AddDays(5));
        Assert.Equal(2, (await CpaLinesAsync()).Count);
        Assert.Equal(0, next.LineCount);

        // A discarded run gives its CPAs back: the next run finds them again, once. The run after it, which took its deals as
        // computed, is discarded first.
        Must.Fail(await app.SendAs("ib", new DiscardCommissionRun(run.Id, "recheck")), "run.later");
        Must.Succeed(await app.SendAs("ib", new DiscardCommissionRun(next.Id, "recheck")));
        Must.Succeed(await app.SendAs("ib", new DiscardCommissionRun(run.Id, "recheck")));
        Assert.Empty(await CpaLinesAsync());
        var redo = await CommissionBook.RunAsync(app, t0.AddDays(4), t0.AddDays(5));
        Assert.Equal([(sub, 1, 25_000L, true), (top, 2, 5_000L, true)],
            (await CpaLinesAsync()).Select(l => (l.PartnerId, l.Level, l.AmountMinor, l.IsAdjustment)));
        Assert.Equal(redo.Id, (await CpaLinesAsync()).Select(l => l.RunId).Distinct().Single());
    }

    [Fact]
    public async Task A_revenue_share_nets_a_days_revenue_over_all_the_levels_clients_across_batches_and_a_late_deal_makes_its_own_line()
    {
        var t0 = Now;
        var plan = await CommissionBook.PlanAsync(app, Terms(t0, "revenue share",
            new RuleInput("*", "*", 1, CommissionKind.RevenueShare, 20m), new RuleInput("*", "*", 2, CommissionKind.RevenueShare, 5m)));
        var topCode = CommissionBook.Code("RSTOP");
        var top = await CommissionBook.PartnerAsync(app, topCode, null, plan.Code);
        var subCode = CommissionBook.Code("RSSUB");
        var sub = await CommissionBook.PartnerAsync(app, subCode, topCode, plan.Code);
        async Task<Core.Accounts.TradingAccounts.TradingAccount> ClientOfAsync(string partner)
        {
            var (client, account) = await Accounts.ClientBook.ApprovedWithAccountAsync(app);
            Must.Succeed(await app.SendAs("ib", new AttributeClient(client, partner)));
            return account;
        }
        var a = await ClientOfAsync(subCode);
        var b = await ClientOfAsync(subCode);
        var c = await ClientOfAsync(topCode);
        app.Clock.Advance(TimeSpan.FromDays(3));
        var (d1, d2) = (t0.AddDays(1), t0.AddDays(2));
        // Day 1: A pays 10 commission and loses 60 (net 70); B pays 6 and wins 100 (net −94); C, top's own client, pays 4 and loses 50 (net 54).
        await CommissionBook.RecordAsync(app, a, (d1, DealAction.Buy, DealEntry.In, 1m, 0m, -5m, 0m), (d1.AddHours(1), DealAction.Sell, DealEntry.Out, 1m, -60m, -5m, 0m));
        await CommissionBook.RecordAsync(app, b, (d1, DealAction.Buy, DealEntry.In, 1m, 0m, -3m, 0m), (d1.AddHours(1), DealAction.Sell, DealEntry.Out, 1m, 100m, -3m, 0m));
        await CommissionBook.RecordAsync(app, c, (d1, DealAction.Buy, DealEntry.In, 1m, 0m, -2m, 0m), (d1.AddHours(1), DealAction.Sell, DealEntry.Out, 1m, -50m, -2m, 0m));
        // Day 2: A loses 100 (net 100).
        await CommissionBook.RecordAsync(app, a, (d2, DealAction.Buy, DealEntry.In, 1m, 0m, 0m, 0m), (d2.AddHours(1), DealAction.Sell, DealEntry.Out, 1m, -100m, 0m, 0m));

        var preview = await app.QueryAs("ib", new PreviewCommissionPlan(plan.Id, "USD", Terms(t0, "same", (await PlanRulesAsync(plan.Code))), t0, t0.AddDays(3)));
        Assert.Equal((null, 3580L), (preview.Refused, preview.Total.Minor));

        // One deal a batch: sub's day 1 is begun by A's deals (70) and netted with B's (−24) in later batches: nothing, at level 1 and at top's level 2.
        var run = await CommissionBook.RunAsync(app, t0, t0.AddDays(3), batchDeals: 1);
        var lines = await app.Db(db => db.CommissionLines.AsNoTracking().Where(l => l.RunId == run.Id && l.Kind == CommissionKind.RevenueShare)
            .OrderBy(l => l.DealTime).ThenBy(l => l.PartnerId).ThenBy(l => l.Level).ToListAsync());
        Assert.Equal([(top, 1, d1.Date, 54m, 1080L), (top, 2, d1.Date, -24m, 0L), (sub, 1, d1.Date, -24m, 0L), (top, 2, d2.Date, 100m, 500L), (sub, 1, d2.Date, 100m, 2000L)],
            lines.OrderBy(l => l.DealTime).ThenBy(l => l.PartnerId == sub).ThenBy(l => l.Level).Select(l => (l.PartnerId, l.Level, l.DealTime, l.Basis, l.AmountMinor)));
        Assert.Equal((3580L, 5), (run.TotalMinor, run.LineCount));
        var explained = (await app.QueryAs("ib", new CommissionRunLines(run.Id, subCode, 0, 50))).Items.First();
        Assert.Equal($"Revenue share for {d1:yyyy-MM-dd} (UTC), the partner's own clients: net revenue -24.00 USD = commission charged 16.00 USD + swaps charged "
                     + $"0.00 USD − their trading profit 40.00 USD (2.00 lots closed); plan {plan.Code} v1, level 1: a net loss pays nothing (no clawback) = 0.00 USD.",
            explained.Explanation);

        // Again: nothing. A late deal of day 1 (A loses 30 more) comes into the next run as a line of its own for that day.
        Assert.Equal(CommissionRunStatus.Empty, (await CommissionBook.RunAsync(app, t0, t0.AddDays(3))).Status);
        await CommissionBook.RecordAsync(app, a, (d1.AddHours(2), DealAction.Buy, DealEntry.In, 1m, 0m, 0m, 0m), (d1.AddHours(3), DealAction.Sell, DealEntry.Out, 1m, -30m, 0m, 0m));
        var late = await CommissionBook.RunAsync(app, t0.AddDays(2), t0.AddDays(3));
        Assert.Equal([(sub, 1, 30m, 600L, true), (top, 2, 30m, 150L, true)], (await app.Db(db => db.CommissionLines.AsNoTracking().Where(l => l.RunId == late.Id)
            .OrderBy(l => l.Level).ToListAsync())).Select(l => (l.PartnerId, l.Level, l.Basis, l.AmountMinor, l.IsAdjustment)));
    }

    [Fact]
    public async Task A_cpa_rule_without_a_condition_or_for_a_symbol_group_is_refused()
    {
        var from = Now;
        Must.Fail(await app.SendAs("ib", new CreateCommissionPlan(CommissionBook.Code("BADCPA"), "Bad", "USD",
            Terms(from, "no condition", new RuleInput("*", "*", 1, CommissionKind.Cpa, 100m)))), "validation");
        Must.Fail(await app.SendAs("ib", new CreateCommissionPlan(CommissionBook.Code("BADCPA"), "Bad", "USD",
            Terms(from, "per symbol", new RuleInput(SymbolGroups.Metals, "*", 1, CommissionKind.Cpa, 100m, MinimumDeposit: 100m)))), "validation");
        Must.Fail(await app.SendAs("ib", new CreateCommissionPlan(CommissionBook.Code("BADCPA"), "Bad", "USD",
            Terms(from, "absurd", new RuleInput("*", "*", 1, CommissionKind.Cpa, 50_000m, MinimumDeposit: 100m)))), "validation");
        Must.Fail(await app.SendAs("ib", new CreateCommissionPlan(CommissionBook.Code("BADCPA"), "Bad", "USD",
            Terms(from, "no lots", new RuleInput("*", "*", 1, CommissionKind.Cpa, 100m, MinimumLots: 0m)))), "validation");
        Assert.Equal(0, await app.Db(db => db.CommissionPlans.CountAsync(p => p.Code.StartsWith("BADCPA"))));
    }
}
