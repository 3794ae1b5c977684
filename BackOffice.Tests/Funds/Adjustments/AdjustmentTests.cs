using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Funds.Adjustments;
using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Platform;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using BackOffice.Tests.Funds.Withdrawals;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Funds.Adjustments;

[Trait("Category", "Database")]
public sealed class AdjustmentTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task A_correction_waits_for_a_second_person_then_posts_to_the_ledger_and_the_platform()
    {
        var (_, account, _) = await WithdrawalBook.FundedAsync(app, 1_000m);
        var simulator = ClientBook.Simulator(app);
        var before = (await simulator.GetStateAsync(account.Login, CancellationToken.None)).Balance;

        Must.Fail(await app.SendAs("finance", new CorrectBalance(account.Id, 0m, "USD", CorrectionCategory.FeeRefund, "x")), "validation");
        Must.Fail(await app.SendAs("finance", new CorrectBalance(account.Id, 25m, "USD", CorrectionCategory.FeeRefund, "")), "validation");
        Must.Fail(await app.SendAs("support", new CorrectBalance(account.Id, 25m, "USD", CorrectionCategory.FeeRefund, "Fee charged twice")), "forbidden");

        var asked = await app.SendAs("finance", new CorrectBalance(account.Id, 25m, "USD", CorrectionCategory.FeeRefund, "Fee charged twice"));
        Assert.True(asked.IsPendingApproval);
        Assert.Equal(100_000, await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(account.Id)));
        Must.Fail(await app.SendAs("finance", new ApprovePendingOperation(asked.PendingOperationId!.Value, "me")));
        Must.Succeed(await app.SendAs("finance2", new ApprovePendingOperation(asked.PendingOperationId!.Value, "checked the fee")));

        Assert.Equal(102_500, await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(account.Id)));
        var correction = await app.Db(db => db.BalanceCorrections.AsNoTracking().SingleAsync(c => c.TradingAccountId == account.Id));
        Assert.Equal(("finance", "finance2", CorrectionCategory.FeeRefund), (correction.MadeBy, correction.ApprovedBy, correction.Category));
        await DepositBook.DispatchAsync(app);
        Assert.Equal(before + 25m, (await simulator.GetStateAsync(account.Login, CancellationToken.None)).Balance);
        var op = await app.Db(db => db.PlatformBalanceOperations.AsNoTracking().SingleAsync(o => o.LedgerTransactionId == correction.LedgerTransactionId));
        Assert.Equal((BalanceOperationType.Correction, BalanceOperationStatus.Applied), (op.Type, op.Status));

        var debit = await app.SendAs("finance", new CorrectBalance(account.Id, -5_000m, "USD", CorrectionCategory.BookingError, "Booked twice"));
        var refused = await app.SendAs("finance2", new ApprovePendingOperation(debit.PendingOperationId!.Value, "ok"));
        Assert.Contains("below zero", Must.Fail(refused).Message);
        Assert.Equal(102_500, await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(account.Id)));
    }

    [Fact]
    public async Task A_transfer_between_own_accounts_moves_both_platform_balances_and_another_currency_needs_its_rate()
    {
        var (clientId, account, _) = await WithdrawalBook.FundedAsync(app, 2_000m);
        var typeId = await app.Db(db => db.AccountTypes.Where(t => t.Name == "Standard").Select(t => t.Id).FirstAsync());
        var usd = await app.SendAs("support", new OpenTradingAccount(clientId, typeId, "USD"));
        var eur = await app.SendAs("support", new OpenTradingAccount(clientId, typeId, "EUR"));
        await ClientBook.SyncAsync(app);
        var second = await ClientBook.AccountAsync(app, usd.Value);
        var euro = await ClientBook.AccountAsync(app, eur.Value);

        Must.Fail(await app.SendAs("finance", new TransferBetweenAccounts(account.Id, second.Id, 3_000m, "USD")), "transfer.balance");
        Must.Fail(await app.SendAs("finance", new TransferBetweenAccounts(account.Id, account.Id, 10m, "USD")), "validation");
        var (_, stranger) = await DepositBook.LowRiskAccountAsync(app);
        Must.Fail(await app.SendAs("finance", new TransferBetweenAccounts(account.Id, stranger.Id, 10m, "USD")), "transfer.other_client");
        Must.Fail(await app.SendAs("finance", new TransferBetweenAccounts(account.Id, euro.Id, 100m, "USD")), "validation");

        var same = await app.SendAs("finance", new TransferBetweenAccounts(account.Id, second.Id, 500m, "USD"));
        Must.Succeed(same);
        var fx = await app.SendAs("finance", new TransferBetweenAccounts(account.Id, euro.Id, 100m, "USD", 0.9259m));
        Must.Succeed(fx);
        Assert.Equal(new BackOffice.Core.Common.Money(9_259, "EUR"), fx.Value!.Received);

        await DepositBook.DispatchAsync(app);
        var simulator = ClientBook.Simulator(app);
        Assert.Equal(500m, (await simulator.GetStateAsync(second.Login, CancellationToken.None)).Balance);
        Assert.Equal(92.59m, (await simulator.GetStateAsync(euro.Login, CancellationToken.None)).Balance);
        Assert.Equal(140_000, await WithdrawalBook.LedgerAsync(app, DepositMoves.ClientAccount(account.Id)));
        Assert.Empty(await app.Db(db => LedgerBook.MismatchesAsync(db, CancellationToken.None)));
        var transfer = await app.Db(db => db.InternalTransfers.AsNoTracking().SingleAsync(t => t.Reference == fx.Value.Reference));
        Assert.Equal((0.9259m, "EUR"), (transfer.Rate, transfer.ToCurrency));
    }
}
