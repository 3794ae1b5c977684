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

        // A discarded run gives its CPAs back: the next run finds them again, once.
        Must.Succeed(await app.SendAs("ib", new DiscardCommissionRun(run.Id, "recheck")));
        Assert.Empty(await CpaLinesAsync());
        var redo = await CommissionBook.RunAsync(app, t0.AddDays(4), t0.AddDays(5));
        Assert.Equal([(sub, 1, 25_000L, true), (top, 2, 5_000L, true)],
            (await CpaLinesAsync()).Select(l => (l.PartnerId, l.Level, l.AmountMinor, l.IsAdjustment)));
        Assert.Equal(redo.Id, (await CpaLinesAsync()).Select(l => l.RunId).Distinct().Single());
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
