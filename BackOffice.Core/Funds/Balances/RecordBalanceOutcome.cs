using BackOffice.Core.Accounts.Sync;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Balances;

public enum BalanceOutcome
{
    /// <summary>The platform answered with its deal ticket (or the deal was found after a lost answer).</summary>
    Applied,

    /// <summary>No answer (down, timed out): it may or may not have been applied; look before sending again.</summary>
    Unknown,

    /// <summary>The platform refused (not enough money, no such account): an operator must look.</summary>
    Refused,
}

/// <summary>What happened when the dispatcher took a balance operation to the platform.</summary>
[SystemCommand]
public sealed record RecordBalanceOutcome(long OperationId, BalanceOutcome Outcome, long? Ticket, string? Error) : IBackOfficeCommand<Result>;

public sealed class RecordBalanceOutcomeHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<RecordBalanceOutcome, Result>
{
    public async ValueTask<Result> Handle(RecordBalanceOutcome command, CancellationToken ct)
    {
        var operation = await db.PlatformBalanceOperations.FirstOrDefaultAsync(o => o.Id == command.OperationId, ct);
        if (operation is null) return Error.NotFound("The balance operation");
        if (operation.Status != BalanceOperationStatus.Pending) return Result.Ok(); // recorded by an earlier round
        var now = clock.GetUtcNow().UtcDateTime;
        var error = DepositText(command.Error);
        operation.Attempts++;
        effects.About(nameof(PlatformBalanceOperation), operation.Id.ToString());
        effects.Touch(FundsCounters.PlatformCreditsWaiting);
        switch (command.Outcome)
        {
            case BalanceOutcome.Applied:
                operation.Status = BalanceOperationStatus.Applied;
                operation.Ticket = command.Ticket;
                operation.AppliedAt = now;
                operation.OutcomeUnknown = false;
                operation.LastError = null;
                break;
            case BalanceOutcome.Unknown:
                operation.OutcomeUnknown = true;
                operation.LastError = error;
                operation.NextAttemptAt = now + PlatformSyncHandlers.Backoff(operation.Attempts);
                if (!await db.Alerts.AnyAsync(a => a.Kind == AlertKinds.PlatformOutage && a.Status != AlertStatus.Resolved, ct))
                    AlertKinds.Raise(db, effects, now, AlertKinds.PlatformOutage, AlertSeverity.Critical,
                        $"The trading platform cannot be reached ({error}). Balance operations are queued and will apply once when it returns.");
                break;
            case BalanceOutcome.Refused:
                operation.Status = BalanceOperationStatus.Failed;
                operation.LastError = error;
                AlertKinds.Raise(db, effects, now, AlertKinds.PlatformBalanceFailed, AlertSeverity.Critical,
                    $"The platform refused {operation.Cause} ({operation.Amount} on account {operation.Login}): {error}. The ledger holds it; the platform does not.",
                    nameof(PlatformBalanceOperation), operation.Id.ToString());
                break;
        }
        return Result.Ok();
    }

    private static string? DepositText(string? error) => error is { Length: > 480 } e ? e[..480] : error;
}
