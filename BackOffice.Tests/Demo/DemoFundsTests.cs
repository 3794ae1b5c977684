using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Infrastructure.Payments;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Demo;

/// <summary>A small demo book, seeded as on a first start.</summary>
public sealed class DemoBookApp() : TestApp(settings: new() { ["Demo:Clients"] = "120" });

/// <summary>The demo's money is real bookkeeping: funded through the ledger, in step with the platform, with work in finance's queues.</summary>
[Trait("Category", "Database")]
public sealed class DemoFundsTests(DemoBookApp app) : IClassFixture<DemoBookApp>
{
    [Fact]
    public async Task The_demo_book_is_funded_through_the_ledger_in_step_with_the_platform_and_finance_has_queues_to_work()
    {
        var check = await app.SendAs("finance", new CheckLedger());
        Must.Succeed(check);
        Assert.True(check.Value!.Clean, string.Join("; ", check.Value.Mismatches));
        Assert.True(check.Value.Entries > 0);

        var statuses = await app.Db(db => db.Deposits.GroupBy(d => d.Status).Select(g => g.Key).ToListAsync());
        Assert.Contains(DepositStatus.Credited, statuses);
        Assert.Contains(DepositStatus.ManualReview, statuses);
        Assert.Contains(DepositStatus.AwaitingConfirmation, statuses);
        Assert.Contains(DepositStatus.AwaitingPayment, statuses);
        var withdrawals = await app.Db(db => db.Withdrawals.AsNoTracking().ToListAsync());
        if (withdrawals.Count == 0)
        {
            Assert.Fail("No demo withdrawal: " + string.Join(" | ", BackOffice.Infrastructure.Data.DemoWithdrawals.LastRefusals.Take(5)));
        }
        Assert.All(withdrawals, w => Assert.Contains(w.Status, new[] { WithdrawalStatus.PendingApproval, WithdrawalStatus.Approved }));

        // Two statements imported through the command: a card settlement with each kind of break, a bank statement to resolve.
        var imports = await app.QueryAs("finance", new Core.Funds.Reconciliation.StatementImports());
        Assert.True(imports.Total == 2, string.Join(" | ", BackOffice.Infrastructure.Data.DemoStatements.LastProblems));
        var card = imports.Items.Single(i => i.Channel == "Card");
        Assert.True(card.Matched > 0 && card.Mismatched == 1 && card.TheirsOnly == 1 && card.OursOnly >= 1, card.ToString());
        var bank = imports.Items.Single(i => i.Channel != "Card");
        Assert.True(bank.TheirsOnly >= 2, bank.ToString());

        // A partner network of three levels with clients attributed to it.
        var tree = await app.QueryAs("ib", new Core.Partners.PartnerTree());
        Assert.Equal([0, 1, 2], tree.Select(n => n.Depth).Distinct().Order());
        Assert.True(tree.Sum(n => n.Clients) > 0);

        // Its plans (one in its second version), a month of trades, and last month's run computed and waiting for approval.
        var plans = await app.QueryAs("ib", new Core.Partners.Commissions.CommissionPlans());
        Assert.Equal([("ECN-PARTNERS", 2), ("STANDARD-IB", 1)], plans.Select(p => (p.Code, p.Current.Number)));
        Assert.Equal(tree.Count, plans.Sum(p => p.Partners));
        var run = Assert.Single(await app.QueryAs("ib", new Core.Partners.Commissions.CommissionRunList()));
        Assert.True(run.Status == Core.Partners.Commissions.CommissionRunStatus.Computed && run.LineCount > 0 && run.Total.IsPositive, run.ToString());
        var kinds = (await Partners.CommissionBook.LinesAsync(app, run.Id)).Select(l => new { l.Kind, Own = l.OverrideId != null }).Distinct().ToList();
        Assert.True(kinds.Any(k => k.Kind == Core.Partners.Commissions.CommissionKind.Cpa) && kinds.Any(k => k.Kind == Core.Partners.Commissions.CommissionKind.RevenueShare)
                    && kinds.Any(k => k.Own), string.Join(", ", kinds));

        await DepositBook.DispatchAsync(app);
        Assert.Equal(0, await BalanceReconciliation.RunAsync(app.Scopes, ClientBook.Simulator(app), NullLogger.Instance, CancellationToken.None));
    }
}
