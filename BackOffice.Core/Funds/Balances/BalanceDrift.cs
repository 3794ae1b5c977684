using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Balances;

/// <summary>
/// The balance reconciliation found a trading account whose money on the platform (the sum of its balance operations)
/// differs from what the ledger holds for it, less what is still on its way. One open alert per account.
/// </summary>
/// <param name="LedgerMinor">The ledger's balance for the account when the platform was read.</param>
[SystemCommand]
public sealed record RecordBalanceDrift(long TradingAccountId, long LedgerMinor, long ExpectedOnPlatformMinor, long OnPlatformMinor, string Detail)
    : IBackOfficeCommand<Result>;

public sealed class RecordBalanceDriftHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<RecordBalanceDrift, Result>
{
    public async ValueTask<Result> Handle(RecordBalanceDrift command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.TradingAccountId, ct);
        if (account is null) return Error.NotFound("The trading account");
        // Money moved while the platform was being read: the next round judges it.
        var ledgerNow = await Withdrawals.WithdrawalChecks.BalanceAsync(db, Deposits.DepositMoves.ClientAccount(account.Id), account.Currency, ct);
        if (ledgerNow.Minor != command.LedgerMinor) return Result.Ok();
        var id = account.Id.ToString();
        if (await db.Alerts.AnyAsync(a => a.Kind == AlertKinds.PlatformBalanceDrift && a.EntityId == id && a.Status != AlertStatus.Resolved, ct))
            return Result.Ok();
        var expected = new Money(command.ExpectedOnPlatformMinor, account.Currency);
        var actual = new Money(command.OnPlatformMinor, account.Currency);
        AlertKinds.Raise(db, effects, clock.GetUtcNow().UtcDateTime, AlertKinds.PlatformBalanceDrift, AlertSeverity.Critical,
            $"Account {account.Login}: the platform holds {actual} of deposits, withdrawals and corrections; BackOffice expects {expected} "
            + $"(difference {actual - expected}). {command.Detail}", nameof(TradingAccount), id);
        effects.About(nameof(TradingAccount), id);
        return Result.Ok();
    }
}
