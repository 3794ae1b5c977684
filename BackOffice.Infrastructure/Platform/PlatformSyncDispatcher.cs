using BackOffice.Core.Accounts.Sync;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure.Platform;

public sealed class PlatformOptions
{
    /// <summary>"Simulator" (default) or "Mt5".</summary>
    public string Adapter { get; set; } = "Simulator";

    /// <summary>Off in tests, which run the dispatcher and the reconciliation themselves.</summary>
    public bool BackgroundSync { get; set; } = true;

    public int ReconcileMinutes { get; set; } = 15;

    /// <summary>How often trades are read from the platform for partner commissions (minutes; 0 = never).</summary>
    public int DealIngestMinutes { get; set; } = 5;

    /// <summary>How long one platform call may take before it counts as an outage.</summary>
    public int TimeoutSeconds { get; set; } = 15;
}

/// <summary>
/// Takes waiting account changes to the platform. Each account's waiting changes go as one call
/// carrying the account's settings as they are now; the outcome is recorded by a command, which
/// queues the account again if it changed while the call was on its way.
/// </summary>
public sealed class PlatformSyncDispatcher(
    IServiceScopeFactory scopes, ITradingPlatform platform, TimeProvider clock, IOptions<PlatformOptions> options,
    ILogger<PlatformSyncDispatcher> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.BackgroundSync
        ? Jobs.BackgroundLoops.PollAsync(RunDueAsync, clock, log, "Platform sync", stoppingToken)
        : Task.CompletedTask;

    /// <summary>One round over every account with changes due now. Returns how many accounts were tried.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var accounts = await db.PlatformSyncs.AsNoTracking()
            .Where(s => s.Status == PlatformSyncStatus.Pending && s.NextAttemptAt <= now)
            .OrderBy(s => s.Id).Select(s => s.TradingAccountId).Take(500).ToListAsync(ct);
        var tried = 0;
        foreach (var accountId in accounts.Distinct().Take(100))
        {
            var claimed = await ClaimAsync(db, accountId, ct);
            if (claimed.Length == 0) continue; // another node has them
            tried++;
            var (outcome, error, applied) = await ApplyAsync(db, accountId, ct);
            var recorded = await scopes.SendAsAsync(new RecordPlatformSyncOutcome(accountId, claimed, outcome, error, applied), Actor.System("platform-sync"), ct);
            if (!recorded.Succeeded)
                log.LogWarning("Recording the sync of account {AccountId} refused: {Error}", accountId, recorded.Error!.Message);
        }
        return tried;
    }

    /// <summary>
    /// A lease on every due change of one account: their next attempt is pushed past the call's
    /// timeout, so with several web nodes one node takes an account's changes at a time.
    /// </summary>
    private async Task<long[]> ClaimAsync(BackOfficeDb db, long accountId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = now.AddSeconds(options.Value.TimeoutSeconds * 2 + 5);
        var claimed = await db.PlatformSyncs
            .Where(s => s.TradingAccountId == accountId && s.Status == PlatformSyncStatus.Pending && s.NextAttemptAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextAttemptAt, lease).SetProperty(s => s.Version, s => s.Version + 1), ct);
        if (claimed == 0) return [];
        return (await db.PlatformSyncs.AsNoTracking()
            .Where(s => s.TradingAccountId == accountId && s.Status == PlatformSyncStatus.Pending && s.NextAttemptAt == lease)
            .Select(s => s.Id).ToListAsync(ct)).ToArray();
    }

    private async Task<(SyncOutcome, string?, PlatformSettings?)> ApplyAsync(BackOfficeDb db, long accountId, CancellationToken ct)
    {
        var account = await db.TradingAccounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        var settings = account.Settings;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        try
        {
            if (!account.OnPlatform)
            {
                var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == account.ClientId, ct);
                var created = await platform.OpenAccountAsync(new PlatformAccountSpec(account.Login, client.DisplayName, client.Email, client.Country,
                    account.Currency, settings), timeout.Token);
                // Opened earlier by an attempt whose answer was lost, or changed since: bring it in line.
                if (!platform.Matches(settings, created.Settings))
                    await platform.UpdateAccountAsync(account.Login, settings, timeout.Token);
            }
            else
                await platform.UpdateAccountAsync(account.Login, settings, timeout.Token);
            return (SyncOutcome.Applied, null, settings);
        }
        catch (PlatformException e) when (e.Unreachable)
        {
            // A refused sign-in (a rotated manager password) is an outage of the connection, not a verdict on this account.
            return (SyncOutcome.Waiting, e.Message, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (SyncOutcome.Waiting, $"The platform did not answer within {options.Value.TimeoutSeconds} s.", null);
        }
        catch (PlatformException e)
        {
            return (SyncOutcome.Refused, e.Message, null);
        }
    }
}

/// <summary>
/// Compares what the platform holds (group, leverage, rights) with what BackOffice says each
/// live account should have, and raises a drift alert for each difference. Runs on its own
/// schedule so a large book never holds up the sync of a restriction.
/// </summary>
public sealed class PlatformReconciliation(
    IServiceScopeFactory scopes, ITradingPlatform platform, TimeProvider clock, IOptions<PlatformOptions> options,
    ILogger<PlatformReconciliation> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.BackgroundSync
        ? Jobs.BackgroundLoops.EveryAsync(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(Math.Max(1, options.Value.ReconcileMinutes)),
            ct => RunAsync(scopes, platform, log, ct), clock, log, "Platform reconciliation", stoppingToken)
        : Task.CompletedTask;

    public static async Task<int> RunAsync(IServiceScopeFactory scopes, ITradingPlatform platform, ILogger log, CancellationToken ct)
    {
        List<(long Id, long Login, PlatformSettings Settings)> accounts;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
            accounts = (await db.TradingAccounts.AsNoTracking()
                    .Where(a => a.OnPlatform && a.Sync == SyncState.InSync)
                    .OrderBy(a => a.Id).ToListAsync(ct))
                .Select(a => (a.Id, a.Login, a.Settings)).ToList();
        }
        var drifted = 0;
        foreach (var (id, login, expected) in accounts)
        {
            string? difference;
            try
            {
                var actual = (await platform.GetAccountAsync(login, ct)).Settings;
                difference = platform.Matches(expected, actual) ? null : Describe(expected, actual);
            }
            catch (PlatformException e) when (e.Unreachable)
            {
                log.LogWarning("Reconciliation stopped: the platform is unavailable ({Error})", e.Message);
                return drifted; // an outage is not drift; the sync dispatcher raises the outage
            }
            catch (PlatformException e) when (e.Kind == PlatformErrorKind.NotFound)
            {
                difference = "the account does not exist on the platform";
            }
            catch (PlatformException e)
            {
                log.LogWarning("Reconciliation could not read account {Login}: {Error}", login, e.Message);
                continue;
            }
            if (difference is null) continue;
            drifted++;
            await scopes.SendAsAsync(new RecordPlatformDrift(id, difference, expected), Actor.System("platform-reconciliation"), ct);
        }
        return drifted;
    }

    private static string Describe(PlatformSettings expected, PlatformSettings actual)
    {
        var parts = new List<string>();
        if (expected.Group != actual.Group) parts.Add($"group {actual.Group} instead of {expected.Group}");
        if (expected.Leverage != actual.Leverage) parts.Add($"leverage 1:{actual.Leverage} instead of 1:{expected.Leverage}");
        if (expected.Rights != actual.Rights) parts.Add($"{actual.Rights} instead of {expected.Rights}");
        return string.Join(", ", parts);
    }
}
