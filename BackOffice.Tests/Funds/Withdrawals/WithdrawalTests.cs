using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Operations;
using BackOffice.Infrastructure.Payments;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Funds.Withdrawals;

[Trait("Category", "Database")]
public sealed class WithdrawalTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task A_12000_withdrawal_needs_L2_from_two_other_people_then_a_voucher_pays_it()
    {
        var (_, account, bank) = await WithdrawalBook.FundedAsync(app);
        var platformBefore = (await ClientBook.Simulator(app).GetStateAsync(account.Login, CancellationToken.None)).Balance;
        var requested = await WithdrawalBook.RequestAsync(app, account.Id, bank, 12_000m);
        Assert.Equal((ApprovalLevel.L2, WithdrawalStatus.PendingApproval), (requested.Level, requested.Status));
        Assert.All(requested.Checks, c => Assert.True(c.Passed, c.ToString()));
        Assert.Equal(800_000, await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(account.Id)));
        Assert.Equal(1_200_000, await WithdrawalBook.LedgerAsync(app, WithdrawalChecks.ReservedAccount(account.Id)));
        await DepositBook.DispatchAsync(app);
        Assert.Equal(platformBefore - 12_000m, (await ClientBook.Simulator(app).GetStateAsync(account.Login, CancellationToken.None)).Balance);

        var id = requested.WithdrawalId;
        Must.Fail(await app.SendAs("finance", new ApproveWithdrawal(id, ApprovalLevel.L1)), "withdrawal.own_request");
        Must.Fail(await app.SendAs("support", new ApproveWithdrawal(id, ApprovalLevel.L1)), "withdrawal.level");
        Must.Succeed(await app.SendAs("finance2", new ApproveWithdrawal(id, ApprovalLevel.L1)));
        Must.Fail(await app.SendAs("finance2", new ApproveWithdrawal(id, ApprovalLevel.L2)), "withdrawal.second_approval");
        var stale = Must.Fail(await app.SendAs("manager", new ApproveWithdrawal(id, ApprovalLevel.L1)), "conflict");
        Assert.Contains("waiting for L2", stale.Message);
        var approved = await app.SendAs("manager", new ApproveWithdrawal(id, ApprovalLevel.L2));
        Must.Succeed(approved);
        Assert.Equal(WithdrawalStatus.Approved, approved.Value);

        Must.Fail(await app.SendAs("finance", new ExecutePayout(id)), "withdrawal.wire");
        Must.Fail(await app.SendAs("finance", new RecordPaymentVoucher(id, "BARC-OUT-1", "voucher.pdf", "not a pdf"u8.ToArray())), "validation");
        Must.Succeed(await app.SendAs("finance", new RecordPaymentVoucher(id, "BARC-OUT-1", "voucher.pdf", "%PDF-1.4 voucher"u8.ToArray())));
        var paid = await WithdrawalBook.LoadAsync(app, id);
        Assert.Equal((WithdrawalStatus.Paid, "BARC-OUT-1"), (paid.Status, paid.VoucherReference));
        Assert.NotNull(paid.VoucherFile);
        Assert.Equal(0, await WithdrawalBook.LedgerAsync(app, WithdrawalChecks.ReservedAccount(account.Id)));
        Assert.Equal(800_000, await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(account.Id)));
        Assert.Empty(await app.Db(db => LedgerBook.MismatchesAsync(db, CancellationToken.None)));
        Must.Fail(await app.SendAs("manager", new RejectWithdrawal(id, "too late")), "conflict");
    }

    [Fact]
    public async Task A_rejected_withdrawal_gives_the_reserve_back_and_credits_the_platform_again()
    {
        var (_, account, bank) = await WithdrawalBook.FundedAsync(app);
        var simulator = ClientBook.Simulator(app);
        var before = (await simulator.GetStateAsync(account.Login, CancellationToken.None)).Balance;
        var requested = await WithdrawalBook.RequestAsync(app, account.Id, bank, 3_000m);
        await DepositBook.DispatchAsync(app);
        Must.Fail(await app.SendAs("finance2", new RejectWithdrawal(requested.WithdrawalId, "")), "validation");
        Must.Succeed(await app.SendAs("finance2", new RejectWithdrawal(requested.WithdrawalId, "Destination under review")));
        await DepositBook.DispatchAsync(app);

        var w = await WithdrawalBook.LoadAsync(app, requested.WithdrawalId);
        Assert.Equal((WithdrawalStatus.Rejected, "Destination under review"), (w.Status, w.Reason));
        Assert.Equal(2_000_000, await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(account.Id)));
        Assert.Equal(0, await WithdrawalBook.LedgerAsync(app, WithdrawalChecks.ReservedAccount(account.Id)));
        Assert.Equal(before, (await simulator.GetStateAsync(account.Login, CancellationToken.None)).Balance);
    }

    [Fact]
    public async Task Each_failing_check_refuses_with_its_reason_and_reserves_nothing()
    {
        var (clientId, account, bank) = await WithdrawalBook.FundedAsync(app, 5_000m);
        var reserved = () => WithdrawalBook.LedgerAsync(app, WithdrawalChecks.ReservedAccount(account.Id));

        Assert.Contains("Available balance", Must.Fail(await app.SendAs("finance", new RequestWithdrawal(account.Id, "wire", bank, 6_000m, "USD")), "withdrawal.checks").Message);
        Must.Fail(await app.SendAs("finance", new RequestWithdrawal(account.Id, "wire", bank, 0m, "USD")), "validation");
        Must.Fail(await app.SendAs("finance", new RequestWithdrawal(account.Id, "wire", bank, 100.001m, "USD")), "validation");
        Must.Fail(await app.SendAs("finance", new RequestWithdrawal(account.Id, "wire", bank, 50m, "USD")), "channel.minimum");
        Must.Fail(await app.SendAs("finance", new RequestWithdrawal(account.Id, "wire", bank, 100m, "EUR")), "validation");

        var holder = (await ClientBook.ClientAsync(app, clientId)).DisplayName;
        var unverified = await app.SendAs("finance", new AddPayoutDestination(clientId, DestinationKind.BankAccount, "DE89 3704 0044 0532 0130 00", holder));
        Must.Succeed(unverified);
        Assert.Contains("not verified yet", Must.Fail(await app.SendAs("finance", new RequestWithdrawal(account.Id, "wire", unverified.Value, 100m, "USD"))).Message);
        Must.Fail(await app.SendAs("finance", new AddPayoutDestination(clientId, DestinationKind.BankAccount, "DE89 3704 0044 0532 0130 01", holder)), "validation");
        Assert.Contains("Method", Must.Fail(await app.SendAs("finance", new RequestWithdrawal(account.Id, "crypto", bank, 100m, "USD"))).Message);

        // Open positions that the withdrawal would leave under the margin floor.
        var simulator = ClientBook.Simulator(app);
        simulator.OpenPosition(account.Login, "XAUUSD", true, 1m);
        Assert.Contains("margin level", Must.Fail(await app.SendAs("finance", new RequestWithdrawal(account.Id, "wire", bank, 4_900m, "USD"))).Message);
        foreach (var p in (await simulator.GetStateAsync(account.Login, CancellationToken.None)).Positions) simulator.ClosePosition(account.Login, p.Ticket);

        Must.Succeed(await app.SendAs("compliance", new RestrictClient(clientId, RestrictionCategory.InternalReview, "Source of funds")));
        var restricted = Must.Fail(await app.SendAs("finance", new RequestWithdrawal(account.Id, "wire", bank, 100m, "USD")), "withdrawal.checks");
        Assert.Contains("Status: No: the client is restricted", restricted.Message);
        Assert.Equal(0, await reserved());
    }

    [Fact]
    public async Task Card_money_goes_back_to_the_card_first_and_a_small_one_is_paid_out_automatically()
    {
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var deposit = await DepositBook.StartAsync(app, account.Id, "card", 800m);
        await DepositBook.CompleteAsync(app, deposit, SandboxOutcome.Pay);
        await DepositBook.DispatchAsync(app);
        var holder = (await ClientBook.ClientAsync(app, clientId)).DisplayName;
        var bank = await app.SendAs("finance", new AddPayoutDestination(clientId, DestinationKind.BankAccount, WithdrawalBook.Iban, holder));
        Must.Succeed(await app.SendAs("finance2", new DecidePayoutDestination(bank.Value, true, "Bank letter")));
        var card = await app.Db(db => db.PayoutDestinations.AsNoTracking().SingleAsync(d => d.ClientId == clientId && d.Kind == DestinationKind.Card));
        Assert.Equal(DestinationStatus.Verified, card.Status);

        Assert.Contains("must go back to the card first", Must.Fail(await app.SendAs("finance", new RequestWithdrawal(account.Id, "wire", bank.Value, 100m, "USD"))).Message);
        Assert.Contains("at most what it paid in", Must.Fail(await app.SendAs("finance", new RequestWithdrawal(account.Id, "card", card.Id, 900m, "USD"))).Message);

        var toCard = await app.SendAs("finance", new RequestWithdrawal(account.Id, "card", card.Id, 500m, "USD"));
        Must.Succeed(toCard);
        Assert.Equal((ApprovalLevel.Automatic, WithdrawalStatus.Approved), (toCard.Value!.Level, toCard.Value.Status));
        var paid = await app.SendAs("finance2", new ExecutePayout(toCard.Value.WithdrawalId));
        Must.Succeed(paid);
        Assert.StartsWith("Paid", paid.Value);
        Assert.StartsWith("po_sbx_", (await WithdrawalBook.LoadAsync(app, toCard.Value.WithdrawalId)).PayoutId);
    }

    [Fact]
    public async Task A_refused_payout_fails_the_withdrawal_gives_the_money_back_and_alerts()
    {
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var deposit = await DepositBook.StartAsync(app, account.Id, "card", 600m);
        await DepositBook.CompleteAsync(app, deposit, SandboxOutcome.Pay);
        var card = await app.Db(db => db.PayoutDestinations.AsNoTracking().SingleAsync(d => d.ClientId == clientId && d.Kind == DestinationKind.Card));
        await DepositBook.DispatchAsync(app);
        var requested = await WithdrawalBook.RequestAsync(app, account.Id, card.Id, 300m, "card");
        var sandbox = app.Services.GetRequiredService<SandboxPsp>();

        sandbox.PayoutsDown = true;
        try
        {
            Must.Fail(await app.SendAs("finance2", new ExecutePayout(requested.WithdrawalId)), "provider.unavailable");
        }
        finally
        {
            sandbox.PayoutsDown = false;
        }
        Assert.Equal(WithdrawalStatus.Approved, (await WithdrawalBook.LoadAsync(app, requested.WithdrawalId)).Status);

        sandbox.RefuseNextPayouts = 1;
        var failed = await app.SendAs("finance2", new ExecutePayout(requested.WithdrawalId));
        Must.Succeed(failed);
        Assert.Contains("card closed", failed.Value);
        Assert.Equal(WithdrawalStatus.Failed, (await WithdrawalBook.LoadAsync(app, requested.WithdrawalId)).Status);
        Assert.Equal(60_000, await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(account.Id)));
        Assert.True(await app.Db(db => db.Alerts.AnyAsync(a => a.Kind == AlertKinds.PayoutFailed && a.EntityId == requested.WithdrawalId.ToString())));
    }

    [Fact]
    public async Task Two_approvers_at_once_exactly_one_wins()
    {
        var (_, account, bank) = await WithdrawalBook.FundedAsync(app);
        var requested = await WithdrawalBook.RequestAsync(app, account.Id, bank, 2_000m);
        var results = await Task.WhenAll(
            app.SendAs("finance2", new ApproveWithdrawal(requested.WithdrawalId, ApprovalLevel.L1)),
            app.SendAs("manager", new ApproveWithdrawal(requested.WithdrawalId, ApprovalLevel.L1)));
        Assert.Single(results, r => r.Succeeded);
        Assert.Equal("conflict", Assert.Single(results, r => !r.Succeeded).Error!.Code);
        Assert.Equal(1, await app.Db(db => db.WithdrawalApprovals.CountAsync(a => a.WithdrawalId == requested.WithdrawalId)));
    }

    [Fact]
    public async Task Withdrawals_at_once_beyond_the_balance_only_what_fits_is_reserved()
    {
        var (_, account, bank) = await WithdrawalBook.FundedAsync(app, 5_000m);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            app.SendAs("finance", new RequestWithdrawal(account.Id, "wire", bank, 2_000m, "USD"))));
        Assert.InRange(results.Count(r => r.Succeeded), 1, 2);
        var reserved = await WithdrawalBook.LedgerAsync(app, WithdrawalChecks.ReservedAccount(account.Id));
        Assert.Equal(results.Count(r => r.Succeeded) * 200_000, reserved);
        Assert.True(await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(account.Id)) >= 0);
    }

    [Fact]
    public async Task The_client_may_cancel_before_anyone_approved()
    {
        var (clientId, account, bank) = await WithdrawalBook.FundedAsync(app);
        var requested = await WithdrawalBook.RequestAsync(app, account.Id, bank, 1_500m);
        var portal = BackOffice.Core.Common.Actor.System("api:portal");
        Must.Fail(await app.Scopes.SendAsAsync(new CancelWithdrawalFromApi(clientId + 1, requested.WithdrawalId), portal), "not_found");
        Must.Succeed(await app.Scopes.SendAsAsync(new CancelWithdrawalFromApi(clientId, requested.WithdrawalId), portal));
        Assert.Equal(WithdrawalStatus.Cancelled, (await WithdrawalBook.LoadAsync(app, requested.WithdrawalId)).Status);

        // Deposit then withdrawal soon after raises a round-tripping AML alert, which blocks the client's next one: another client.
        var (_, other, otherBank) = await WithdrawalBook.FundedAsync(app);
        var second = await WithdrawalBook.RequestAsync(app, other.Id, otherBank, 1_500m);
        Must.Succeed(await app.SendAs("finance2", new ApproveWithdrawal(second.WithdrawalId, ApprovalLevel.L1)));
        Must.Fail(await app.SendAs("finance", new CancelWithdrawal(second.WithdrawalId, "client changed mind")), "withdrawal.cannot_cancel");
    }
}
