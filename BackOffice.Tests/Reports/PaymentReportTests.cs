using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Reports;
using BackOffice.Infrastructure.Payments;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using Microsoft.EntityFrameworkCore;
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

        // A manager's clients in a country, more than four times fewer than the day's failed deposits: the short failure list is found
        // from those clients, with the same rows.
        for (var i = 0; i < 4; i++)
            await DepositBook.CompleteAsync(app, await DepositBook.StartAsync(app, otherAccount, "card", 90m + i), SandboxOutcome.Fail);
        var support = (await app.ActorAsync("support")).StaffId!;
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([clientId], support)));
        var managed = await RunAsync(app, ReportKind.Payments, new ReportFilter(today, today, Country: "DK", Staff: "support"));
        Assert.Equal((failedCard.Reference, paidCard.Reference), (managed.Table("failed").Rows.Single()[1], managed.Table("refunds").Rows.Single()[0]));
        var others = await RunAsync(app, ReportKind.Payments, new ReportFilter(today, today, Country: "DK", Staff: "compliance"));
        Assert.Equal((0, 0), (others.Table("failed").Rows.Count, others.Table("refunds").Rows.Count));
    }
}
