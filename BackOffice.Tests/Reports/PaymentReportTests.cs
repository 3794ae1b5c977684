using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Facts;
using BackOffice.Infrastructure.Payments;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackOffice.Tests.Reports.ReportBook;

namespace BackOffice.Tests.Reports;

[Trait("Category", "Database")]
public sealed class PaymentReportTests(SharedApp app) : IClassFixture<SharedApp>
{
    /// <summary>An approved, low-risk client in <paramref name="country"/> with a live USD account of the type.</summary>
    private async Task<(long ClientId, long AccountId, string Holder)> AccountAsync(string country, string type = "Standard")
    {
        var id = await RegisterAsync(app, country);
        Must.Succeed(await app.SendAs("compliance", new RecordClientDeclaration(id, SourceOfFunds.Salary, 20_000, "Engineer", OccupationCategory.Employed, false)));
        await ApproveAsync(app, id);
        var typeId = await app.Db(db => db.AccountTypes.Where(t => t.Name == type).Select(t => t.Id).FirstAsync());
        var opened = await app.SendAs("support", new OpenTradingAccount(id, typeId, "USD"));
        Must.Succeed(opened);
        await ClientBook.SyncAsync(app);
        return (id, opened.Value, (await ClientBook.ClientAsync(app, id)).DisplayName);
    }

    [Fact]
    public async Task Channel_success_failure_codes_processing_time_failures_refunds_and_net_deposits_are_worked_out()
    {
        var today = Today(app);
        var (clientId, accountId, holder) = await AccountAsync("DK");

        // Card: one paid (150) then refunded, one failed at the processor. Wire: one received (1,000), one still on its way.
        var paidCard = await DepositBook.StartAsync(app, accountId, "card", 150m);
        await DepositBook.CompleteAsync(app, paidCard, SandboxOutcome.Pay);
        var failedCard = await DepositBook.StartAsync(app, accountId, "card", 80m);
        await DepositBook.CompleteAsync(app, failedCard, SandboxOutcome.Fail);
        var failure = await DepositBook.LoadAsync(app, failedCard.DepositId);
        Assert.Equal(DepositStatus.Failed, failure.Status);
        var wire = await DepositBook.StartAsync(app, accountId, "wire", 1_000m);
        Must.Succeed(await app.SendAs("finance2", new ConfirmWireDeposit(wire.DepositId, 1_000m, "USD", holder, "STMT-DK-1")));
        await DepositBook.StartAsync(app, accountId, "wire", 200m);
        await DepositBook.DispatchAsync(app);
        Must.Succeed(await app.SendAs("finance", new RefundDeposit(paidCard.DepositId, "Client asked for the card money back")));
        await DepositBook.DispatchAsync(app);

        // A 300 withdrawal by wire: approved 2 h after the request, paid 1 h later.
        var bank = await app.SendAs("finance", new AddPayoutDestination(clientId, DestinationKind.BankAccount, "DK5000400440116243", holder, "Danske"));
        Must.Succeed(bank);
        Must.Succeed(await app.SendAs("finance2", new DecidePayoutDestination(bank.Value, true, "Bank letter on file")));
        var requested = await app.SendAs("finance", new RequestWithdrawal(accountId, "wire", bank.Value, 300m, "USD"));
        Must.Succeed(requested);
        app.Clock.Advance(TimeSpan.FromHours(2));
        for (var step = ApprovalLevel.L1; step <= requested.Value!.Level; step++)
            Must.Succeed(await app.SendAs(step == ApprovalLevel.L1 ? "finance2" : "manager", new ApproveWithdrawal(requested.Value.WithdrawalId, step)));
        app.Clock.Advance(TimeSpan.FromHours(1));
        Must.Succeed(await app.SendAs("finance", new RecordPaymentVoucher(requested.Value.WithdrawalId, "DANSKE-OUT-1", null, null)));
        // Another country's deposit does not count.
        var (_, otherAccount, _) = await AccountAsync("PL");
        await DepositBook.StartAsync(app, otherAccount, "wire", 700m);

        var report = await RunAsync(app, ReportKind.Payments, new ReportFilter(today, today, Country: "DK"));
        var cardName = await app.Db(db => db.PaymentChannels.Where(c => c.Code == "card").Select(c => c.Name).FirstAsync());
        var wireName = await app.Db(db => db.PaymentChannels.Where(c => c.Code == "wire").Select(c => c.Name).FirstAsync());
        Assert.Equal(4L, report.Value("Deposits started"));
        Assert.Equal(0.6667m, report.Value("Deposit success rate")); // 2 credited of 3 finished (the refunded card deposit was credited first)
        Assert.Equal([2L, 1L, 1L, 0L, 0L, 0.5m], report.Row("channels", cardName)[1..]);
        Assert.Equal([2L, 1L, 0L, 0L, 1L, 1m], report.Row("channels", wireName)[1..]);
        var code = Assert.Single(report.Table("failure-codes").Rows);
        Assert.Equal([cardName, failure.FailureCode, 1L, failure.FailureMessage], code);
        Assert.Equal(1L, report.Value("Failed payments"));
        Assert.Equal(failedCard.Reference, report.Table("failed").Rows.Single()[1]);
        Assert.Equal(1L, report.Value("Refunds"));
        Assert.Equal([paidCard.Reference, 150m], report.Table("refunds").Rows.Single().Where((_, i) => i is 0 or 5));
        Assert.Equal(3m, report.Value("Average withdrawal processing"));
        var level = requested.Value.Level == ApprovalLevel.Automatic ? "Automatic" : requested.Value.Level.ToString();
        Assert.Equal([1L, 3m, 3m], report.Row("withdrawals-by-level", level)[1..]);
        Assert.Equal([1L, 3m, 3m], report.Row("withdrawals-by-method", wireName)[1..]);
        // In 150 + 1,000, out 300 paid and 150 refunded: 700.
        Assert.Equal(["USD", 1_150m, 300m, 150m, 700m, 700m], report.Row("net", "USD"));
        Assert.Equal(700m, report.Value("Net deposits (USD)"));
        Assert.Equal([today, 1_150m, 300m, 700m], report.Row("daily", today));

        // The account type filter is the type of the account paid into: none of these went into a Pro account.
        Assert.Equal(0L, (await RunAsync(app, ReportKind.Payments, new ReportFilter(today, today, AccountType: "Pro", Country: "DK"))).Value("Deposits started"));
        Assert.Equal(4L, (await RunAsync(app, ReportKind.Payments, new ReportFilter(today, today, AccountType: "Standard", Country: "DK"), "finance")).Value("Deposits started"));

        // A manager's clients in a country: the lists come from the kept rows of that segment.
        for (var i = 0; i < 4; i++)
            await DepositBook.CompleteAsync(app, await DepositBook.StartAsync(app, otherAccount, "card", 90m + i), SandboxOutcome.Fail);
        var support = (await app.ActorAsync("support")).StaffId!;
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([clientId], support)));
        var managed = await RunAsync(app, ReportKind.Payments, new ReportFilter(today, today, Country: "DK", Staff: "support"));
        Assert.Equal((failedCard.Reference, paidCard.Reference), (managed.Table("failed").Rows.Single()[1], managed.Table("refunds").Rows.Single()[0]));
        var others = await RunAsync(app, ReportKind.Payments, new ReportFilter(today, today, Country: "DK", Staff: "compliance"));
        Assert.Equal((0, 0), (others.Table("failed").Rows.Count, others.Table("refunds").Rows.Count));
    }

    [Fact]
    public async Task Filtered_failures_and_refunds_come_from_kept_rows_that_follow_the_client_and_equal_a_rebuild()
    {
        var today = Today(app);
        var (clientId, accountId, _) = await AccountAsync("NO");
        var paid = await DepositBook.StartAsync(app, accountId, "card", 600m);
        await DepositBook.CompleteAsync(app, paid, SandboxOutcome.Pay);
        var refunded = await DepositBook.StartAsync(app, accountId, "card", 150m);
        await DepositBook.CompleteAsync(app, refunded, SandboxOutcome.Pay);
        await DepositBook.DispatchAsync(app);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var failed = await DepositBook.StartAsync(app, accountId, "card", 80m);
        await DepositBook.CompleteAsync(app, failed, SandboxOutcome.Fail);
        Must.Succeed(await app.SendAs("finance", new RefundDeposit(refunded.DepositId, "Sent by mistake")));
        await DepositBook.DispatchAsync(app);
        // Only failures and refunds are kept: nothing yet for the paid deposit, one row per segment for each of the others.
        Assert.Empty(await KeptAsync(ListEntryKind.FailedWithdrawal, clientId));
        Assert.Equal(7, (await KeptAsync(ListEntryKind.FailedDeposit, clientId)).Count);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var card = await app.Db(db => db.PayoutDestinations.AsNoTracking().Where(d => d.ClientId == clientId && d.Kind == DestinationKind.Card).Select(d => d.Id).FirstAsync());
        var payout = await Funds.Withdrawals.WithdrawalBook.RequestAsync(app, accountId, card, 300m, "card");
        for (var step = ApprovalLevel.L1; step <= payout.Level; step++)
            Must.Succeed(await app.SendAs(step == ApprovalLevel.L1 ? "finance2" : "manager", new ApproveWithdrawal(payout.WithdrawalId, step)));
        app.Services.GetRequiredService<SandboxPsp>().RefuseNextPayouts = 1;
        Must.Succeed(await app.SendAs("finance2", new ExecutePayout(payout.WithdrawalId)));
        var payoutReference = await app.Db(db => db.Withdrawals.Where(w => w.Id == payout.WithdrawalId).Select(w => w.Reference).FirstAsync());
        var support = (await app.ActorAsync("support")).StaffId!;
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([clientId], support)));

        // Each filter alone and all together list the same payments, in time order, from the segment's rows.
        foreach (var filter in new[]
                 {
                     new ReportFilter(today, today, Country: "NO"), new ReportFilter(today, today, Staff: "support", Country: "NO"),
                     new ReportFilter(today, today, AccountType: "Standard", Country: "NO", Staff: "support"),
                 })
        {
            var report = await RunAsync(app, ReportKind.Payments, filter);
            Assert.Equal([failed.Reference, payoutReference], report.Table("failed").Rows.Select(r => r[1]));
            Assert.Equal(["Deposit", "Withdrawal"], report.Table("failed").Rows.Select(r => r[0]));
            Assert.Equal([refunded.Reference], report.Table("refunds").Rows.Select(r => r[0]));
        }
        var typeOnly = await RunAsync(app, ReportKind.Payments, new ReportFilter(today, today, AccountType: "Standard"));
        Assert.Contains(payoutReference, typeOnly.Table("failed").Rows.Select(r => r[1]));
        Assert.Empty((await RunAsync(app, ReportKind.Payments, new ReportFilter(today, today, AccountType: "Pro", Country: "NO"))).Table("failed").Rows);

        // The client moves to another manager: the rows follow.
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([clientId], (await app.ActorAsync("compliance")).StaffId!)));
        var before = await RunAsync(app, ReportKind.Payments, new ReportFilter(today, today, Country: "NO", Staff: "support"));
        Assert.Equal((0, 0), (before.Table("failed").Rows.Count, before.Table("refunds").Rows.Count));
        var after = await RunAsync(app, ReportKind.Payments, new ReportFilter(today, today, Country: "NO", Staff: "compliance"));
        Assert.Equal((2, 1), (after.Table("failed").Rows.Count, after.Table("refunds").Rows.Count));

        // What the commands kept is what filing from scratch gives.
        static IQueryable<ListEntry> All(Core.Common.Data.BackOfficeDb db) =>
            db.ListEntries.AsNoTracking().OrderBy(e => e.Kind).ThenBy(e => e.RowId).ThenBy(e => e.Country).ThenBy(e => e.ManagerId).ThenBy(e => e.AccountTypeId);
        var kept = await app.Db(db => All(db).Select(e => new { e.Kind, e.RowId, e.Country, e.ManagerId, e.AccountTypeId, e.ClientId, e.At }).ToListAsync());
        await app.Db(async db => { await ListEntries.RebuildAsync(db, default); return 0; });
        var filed = await app.Db(db => All(db).Select(e => new { e.Kind, e.RowId, e.Country, e.ManagerId, e.AccountTypeId, e.ClientId, e.At }).ToListAsync());
        Assert.Equal(filed, kept);
    }

    private Task<List<ListEntry>> KeptAsync(ListEntryKind kind, long clientId) =>
        app.Db(db => db.ListEntries.AsNoTracking().Where(e => e.Kind == kind && e.ClientId == clientId).ToListAsync());
}
