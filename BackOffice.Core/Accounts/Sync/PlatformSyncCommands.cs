using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Sync;

public enum SyncOutcome
{
    Applied,

    /// <summary>The platform could not be reached: the change waits and is tried again.</summary>
    Waiting,

    /// <summary>The platform refused: an operator must look (and resync once fixed).</summary>
    Refused,
}

/// <summary>What happened when the dispatcher took an account's waiting changes to the platform.</summary>
/// <param name="Applied">The settings the dispatcher sent: if the account changed since, the newer settings are queued.</param>
[SystemCommand]
public sealed record RecordPlatformSyncOutcome(long TradingAccountId, long[] SyncIds, SyncOutcome Outcome, string? Error, Platform.PlatformSettings? Applied = null)
    : IBackOfficeCommand<Result>;

/// <summary>The reconciliation found the platform holding something other than BackOffice expects.</summary>
[SystemCommand]
/// <param name="Expected">What BackOffice held when the platform was read: a change since then is not drift.</param>
public sealed record RecordPlatformDrift(long TradingAccountId, string Difference, Platform.PlatformSettings Expected) : IBackOfficeCommand<Result>;

/// <summary>Sends the account's settings to the platform again (after drift or a refused change was fixed).</summary>
[RequiresPermission(AccountsPermissions.PlatformSync)]
public sealed record ResyncTradingAccount(long TradingAccountId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Resync trading account {TradingAccountId} with the platform";
}

public sealed class ResyncTradingAccountValidator : AbstractValidator<ResyncTradingAccount>
{
    public ResyncTradingAccountValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.");
}

public sealed class PlatformSyncHandlers(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context) :
    ICommandHandler<RecordPlatformSyncOutcome, Result>,
    ICommandHandler<RecordPlatformDrift, Result>,
    ICommandHandler<ResyncTradingAccount, Result>
{
    public async ValueTask<Result> Handle(RecordPlatformSyncOutcome command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.FirstOrDefaultAsync(a => a.Id == command.TradingAccountId, ct);
        if (account is null) return Error.NotFound("The trading account");
        var syncs = await db.PlatformSyncs.Where(s => command.SyncIds.Contains(s.Id) && s.Status == PlatformSyncStatus.Pending).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        effects.About(nameof(TradingAccount), account.Id.ToString());
        effects.Touch(AccountsCounters.SyncFailures);
        var error = command.Error is { Length: > 480 } e ? e[..480] : command.Error;
        switch (command.Outcome)
        {
            case SyncOutcome.Applied:
                foreach (var s in syncs)
                {
                    s.Status = PlatformSyncStatus.Applied;
                    s.AppliedAt = now;
                    s.Attempts++;
                }
                account.OnPlatform = true;
                account.SyncedAt = now;
                foreach (var superseded in await db.PlatformSyncs.Where(s => s.TradingAccountId == account.Id && s.Status == PlatformSyncStatus.Failed).ToListAsync(ct))
                    superseded.Status = PlatformSyncStatus.Superseded;
                // The account changed while this update was on its way: the platform must get the newer settings too.
                if (command.Applied is { } sent && sent != account.Settings)
                    AccountSync.Queue(db, account, PlatformSyncKind.Apply, "changed while the previous update was on its way", now);
                var more = await db.PlatformSyncs.AnyAsync(s => s.TradingAccountId == account.Id && s.Status == PlatformSyncStatus.Pending
                    && !command.SyncIds.Contains(s.Id), ct) || db.ChangeTracker.Entries<PlatformSync>().Any(e => e.State == EntityState.Added);
                account.Sync = more ? SyncState.Pending : SyncState.InSync;
                account.SyncError = null;
                // The platform answers again: an outage alert still open is over.
                foreach (var outage in await db.Alerts.Where(a => a.Kind == AlertKinds.PlatformOutage && a.Status != AlertStatus.Resolved).ToListAsync(ct))
                {
                    outage.Resolve(context.Actor.Name, now, $"The platform applied a change again at {now:u}.");
                    effects.Touch(SpineCounters.OpenAlerts);
                }
                break;
            case SyncOutcome.Waiting:
                foreach (var s in syncs)
                {
                    s.Attempts++;
                    s.LastError = error;
                    s.NextAttemptAt = now + Backoff(s.Attempts);
                }
                account.Sync = SyncState.Pending;
                account.SyncError = $"Waiting for the platform: {error}";
                if (!await db.Alerts.AnyAsync(a => a.Kind == AlertKinds.PlatformOutage && a.Status != AlertStatus.Resolved, ct))
                    AlertKinds.Raise(db, effects, now, AlertKinds.PlatformOutage, AlertSeverity.Critical,
                        $"The trading platform cannot be reached ({error}). Account changes are queued and will apply when it returns.");
                break;
            case SyncOutcome.Refused:
                foreach (var s in syncs)
                {
                    s.Attempts++;
                    s.Status = PlatformSyncStatus.Failed;
                    s.LastError = error;
                }
                account.Sync = SyncState.Failed;
                account.SyncError = error;
                AlertKinds.Raise(db, effects, now, AlertKinds.PlatformSyncFailed, AlertSeverity.Warning,
                    $"The platform refused a change to account {account.Login}: {error}", nameof(TradingAccount), account.Id.ToString());
                break;
        }
        return Result.Ok();
    }

    /// <summary>10 s, 20 s, 40 s … capped at 10 minutes: a long outage is retried steadily without hammering the platform.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(600, 10 * Math.Pow(2, Math.Min(attempts - 1, 10))));

    public async ValueTask<Result> Handle(RecordPlatformDrift command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.FirstOrDefaultAsync(a => a.Id == command.TradingAccountId, ct);
        if (account is null) return Error.NotFound("The trading account");
        if (account.Sync != SyncState.InSync || account.Settings != command.Expected)
            return Result.Ok(); // changed while the platform was being read; the sync takes it from here
        var id = account.Id.ToString();
        if (await db.Alerts.AnyAsync(a => a.Kind == AlertKinds.PlatformDrift && a.EntityId == id && a.Status != AlertStatus.Resolved, ct))
            return Result.Ok(); // already raised and not yet dealt with
        AlertKinds.Raise(db, effects, clock.GetUtcNow().UtcDateTime, AlertKinds.PlatformDrift, AlertSeverity.Warning,
            $"Account {account.Login} differs on the platform: {command.Difference}. Resync to restore what BackOffice holds.",
            nameof(TradingAccount), id);
        effects.About(nameof(TradingAccount), id);
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(ResyncTradingAccount command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.FirstOrDefaultAsync(a => a.Id == command.TradingAccountId, ct);
        if (account is null) return Error.NotFound("The trading account");
        var now = clock.GetUtcNow().UtcDateTime;
        AccountSync.Queue(db, account, account.OnPlatform ? PlatformSyncKind.Apply : PlatformSyncKind.Open, "resync: " + command.Reason, now);
        // The drift or refusal this resync answers is dealt with; if the platform disagrees again, a new alert says so.
        var id = account.Id.ToString();
        foreach (var alert in await db.Alerts.Where(a => a.EntityType == nameof(TradingAccount) && a.EntityId == id && a.Status != AlertStatus.Resolved
                     && (a.Kind == AlertKinds.PlatformDrift || a.Kind == AlertKinds.PlatformSyncFailed)).ToListAsync(ct))
        {
            alert.Resolve(context.Actor.Name, now, "Resynced: " + command.Reason);
            effects.Touch(SpineCounters.OpenAlerts);
        }
        effects.About(nameof(TradingAccount), account.Id.ToString());
        effects.Touch(AccountsCounters.SyncFailures);
        return Result.Ok();
    }
}
