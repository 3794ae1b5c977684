using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Operations;
using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Withdrawals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Partners;

/// <summary>A partner's commission taken out through the withdrawal flow: reserved, approved at its level, paid out, or returned.</summary>
[Trait("Category", "Database")]
public sealed class PartnerWithdrawalTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Task<long> BalanceAsync(string code) =>
        app.Db(db => db.LedgerAccounts.Where(a => a.Code == code && a.Currency == "USD").Select(a => a.BalanceMinor).FirstOrDefaultAsync());

    private Task<int> PayoutsCounterAsync() =>
        app.Db(db => app.Services.GetRequiredService<LiveOperations>().Find(PartnerCounters.PayoutsInProgress)!.Compute(db, app.Clock.GetUtcNow().UtcDateTime, default));

    [Fact]
    public async Task Commission_leaves_through_the_withdrawal_flow_with_its_approval_level_and_a_refusal_returns_it_to_the_commission_account()
    {
        var t0 = app.Clock.GetUtcNow().UtcDateTime;
        Must.Succeed(await app.SendAs("admin", new Core.Webhooks.AddWebhookSubscription("Partner portal", "https://portal.example/ib", "ib.payout_paid,withdrawal.requested")));
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(t0, "launch", (1, 50m)));
        var (partnerClient, _) = await ClientBook.ApprovedWithAccountAsync(app);
        var code = CommissionBook.Code("OUT");
        var partner = (await app.SendAs("ib", new CreatePartner(partnerClient, code, null))).Value;
        Must.Succeed(await app.SendAs("ib", new AssignCommissionPlan(partner, plan.Code, t0)));
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, code)));
        app.Clock.Advance(TimeSpan.FromDays(1));
        await CommissionBook.RecordAsync(app, account, (t0.AddHours(1), DealAction.Buy, DealEntry.In, 6m), (t0.AddHours(2), DealAction.Sell, DealEntry.Out, 6m));
        var run = await CommissionBook.RunAsync(app, t0, t0.AddHours(12));
        var approve = await app.SendAs("ib", new ApproveCommissionRun(run.Id, "checked"));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(approve.PendingOperationId!.Value, "ok")));
        var payable = CommissionRuns.PayableAccount(partner);
        var reserved = WithdrawalChecks.ReservedCommissionAccount(partner);
        Assert.Equal(30000, await BalanceAsync(payable));

        var holder = (await ClientBook.ClientAsync(app, partnerClient)).DisplayName;
        var bank = await app.SendAs("finance", new AddPayoutDestination(partnerClient, DestinationKind.BankAccount, WithdrawalBook.Iban, holder, "Barclays"));
        Must.Succeed(await app.SendAs("finance2", new DecidePayoutDestination(bank.Value, true, "Bank letter on file")));
        var clientsBank = await app.SendAs("finance", new AddPayoutDestination(client, DestinationKind.BankAccount, "DE89370400440532013000", "Someone Else"));
        var profile = await app.QueryAs("ib", new PartnerProfile(partner));
        Assert.Equal([("wire", bank.Value)], profile!.Methods.Select(m => (m.Channel, m.DestinationId)));

        // Refused with the reason, and nothing reserved: too much, too little, another client's destination, the wrong method, a suspended partner.
        var tooMuch = Must.Fail(await app.SendAs("ib", new WithdrawPartnerCommission(partner, "wire", bank.Value, 300.01m, "USD")), "withdrawal.checks");
        Assert.Contains("Available commission: 300.00 USD of commission available", tooMuch.Message);
        Must.Fail(await app.SendAs("ib", new WithdrawPartnerCommission(partner, "wire", bank.Value, 49m, "USD")), "payout.minimum");
        Must.Fail(await app.SendAs("ib", new WithdrawPartnerCommission(partner, "wire", clientsBank.Value, 150m, "USD")), "not_found");
        Assert.Contains("Method", Must.Fail(await app.SendAs("ib", new WithdrawPartnerCommission(partner, "crypto", bank.Value, 150m, "USD"))).Message);
        Must.Fail(await app.SendAs("ib", new WithdrawPartnerCommission(partner, "wire", bank.Value, 0m, "USD")), "validation");
        Must.Fail(await app.SendAs("support", new WithdrawPartnerCommission(partner, "wire", bank.Value, 150m, "USD")), "forbidden");
        Must.Succeed(await app.SendAs("ib", new SetPartnerStatus(partner, PartnerStatus.Suspended, "Audit of its clients")));
        Must.Fail(await app.SendAs("ib", new WithdrawPartnerCommission(partner, "wire", bank.Value, 150m, "USD")), "payout.suspended");
        Must.Succeed(await app.SendAs("ib", new SetPartnerStatus(partner, PartnerStatus.Active, "Audit closed")));
        Assert.Equal((30000L, 0L), (await BalanceAsync(payable), await BalanceAsync(reserved)));
        Assert.False(await app.Db(db => db.Withdrawals.AnyAsync(w => w.PartnerId == partner)));

        // Requested: reserved from the commission account, waiting for its level; the reserve leaves too little for a second one.
        var platformOps = await app.Db(db => db.PlatformBalanceOperations.CountAsync());
        var first = await app.SendAs("ib", new WithdrawPartnerCommission(partner, "wire", bank.Value, 200m, "USD"));
        Must.Succeed(first);
        Assert.Equal((ApprovalLevel.L1, WithdrawalStatus.PendingApproval), (first.Value!.Level, first.Value.Status));
        Assert.Equal((10000L, 20000L), (await BalanceAsync(payable), await BalanceAsync(reserved)));
        Assert.Equal(1, await PayoutsCounterAsync());
        Must.Fail(await app.SendAs("ib", new WithdrawPartnerCommission(partner, "wire", bank.Value, 150m, "USD")), "withdrawal.checks");
        var queued = (await app.QueryAs("finance", new WithdrawalQueue(WithdrawalView.All))).Items.Single(w => w.Id == first.Value.WithdrawalId);
        Assert.Equal($"commission of {code}", queued.Source);

        // Approved at L1 by finance, paid by wire: the money leaves through the bank's clearing account; the platform never moves.
        Must.Succeed(await app.SendAs("finance", new ApproveWithdrawal(first.Value.WithdrawalId, ApprovalLevel.L1)));
        Must.Succeed(await app.SendAs("finance", new RecordPaymentVoucher(first.Value.WithdrawalId, "BARC-IB-1", null, null)));
        Assert.Equal(WithdrawalStatus.Paid, (await WithdrawalBook.LoadAsync(app, first.Value.WithdrawalId)).Status);
        Assert.Equal((10000L, 0L), (await BalanceAsync(payable), await BalanceAsync(reserved)));
        Assert.Equal(0, await PayoutsCounterAsync());
        Assert.Equal(1, await app.Db(db => db.Outbox.CountAsync(m => m.EventType == "ib.payout_paid" && m.Payload.Contains($"\"partnerId\":{partner},"))));
        Assert.Contains($"\"partnerId\":{partner}", await app.Db(db => db.Outbox.Where(m => m.EventType == "withdrawal.requested").Select(m => m.Payload).FirstAsync()));

        // Refused by the approver: the money goes back to the commission account.
        var second = await app.SendAs("ib", new WithdrawPartnerCommission(partner, "wire", bank.Value, 100m, "USD"));
        Must.Succeed(second);
        Must.Succeed(await app.SendAs("finance", new RejectWithdrawal(second.Value!.WithdrawalId, "Bank details do not match the contract")));
        Assert.Equal((10000L, 0L), (await BalanceAsync(payable), await BalanceAsync(reserved)));
        Assert.Equal(platformOps, await app.Db(db => db.PlatformBalanceOperations.CountAsync()));

        var payouts = await app.QueryAs("ib", new CommissionPayouts(partner));
        Assert.Equal([(second.Value.Reference, "rejected"), (first.Value.Reference, "paid")], payouts.Select(p => (p.Reference, p.Status)));
        var statement = await app.QueryAs("ib", new PartnerStatement(partner, t0, app.Clock.GetUtcNow().UtcDateTime.AddMinutes(1)));
        Assert.Equal([30000L, -20000L, -10000L, 10000L], statement!.Movements.Select(m => m.Amount.Minor));
        Assert.Equal(10000, statement.Closing.Minor);
    }
}
