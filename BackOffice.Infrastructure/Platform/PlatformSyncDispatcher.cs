using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Sync;
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

    /// <summary>How long one platform call may take before it counts as an outage.</summary>
    public int TimeoutSeconds { get; set; } = 15;
}

/// <summary>
/// Takes waiting account changes to the platform. Each account's waiting changes go as one call
/// carrying the account's settings as they are now; the outcome is recorded by a command.
/// </summary>
public sealed class PlatformSyncDispatcher(
    IServiceScopeFactory scopes, ITradingPlatform platform, TimeProvider clock, IOptions<PlatformOptions> options,
    ILogger<PlatformSyncDispatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundSync) return;
        var nextReconcile = clock.GetUtcNow().AddMinutes(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await RunDueAsync(stoppingToken);
                if (clock.GetUtcNow() >= nextReconcile)
                {
                    await PlatformReconciliation.RunAsync(scopes, platform, log, stoppingToken);
                    nextReconcile = clock.GetUtcNow().AddMinutes(Math.Max(1, options.Value.ReconcileMinutes));
                }
                if (applied == 0)
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Platform sync round failed");
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    /// <summary>One round over every account with changes due now. Returns how many accounts were tried.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.PlatformSyncs.AsNoTracking()
            .Where(s => s.Status == PlatformSyncStatus.Pending && s.NextAttemptAt <= now)
            .OrderBy(s => s.Id).Take(200).ToListAsync(ct);
        var tried = 0;
        foreach (var group in due.GroupBy(s => s.TradingAccountId))
        {
            var ids = group.Select(s => s.Id).ToArray();
            if (!await ClaimAsync(db, ids, now, ct)) continue; // another node has them
            tried++;
            var (outcome, error) = await ApplyAsync(db, group.Key, group.Any(s => s.Kind == PlatformSyncKind.Open), ct);
            var recorded = await scopes.SendAsAsync(new RecordPlatformSyncOutcome(group.Key, ids, outcome, error), Actor.System("platform-sync"), ct);
            if (!recorded.Succeeded)
                log.LogWarning("Recording the sync of account {AccountId} refused: {Error}", group.Key, recorded.Error!.Message);
        }
        return tried;
    }

    /// <summary>A lease: pushes the next attempt past the call's timeout, for rows nobody else moved.</summary>
    private async Task<bool> ClaimAsync(BackOfficeDb db, long[] ids, DateTime now, CancellationToken ct)
    {
        var lease = now.AddSeconds(options.Value.TimeoutSeconds * 2 + 5);
        var claimed = await db.PlatformSyncs
            .Where(s => ids.Contains(s.Id) && s.Status == PlatformSyncStatus.Pending && s.NextAttemptAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextAttemptAt, lease).SetProperty(s => s.Version, s => s.Version + 1), ct);
        return claimed == ids.Length;
    }

    private async Task<(SyncOutcome, string?)> ApplyAsync(BackOfficeDb db, long accountId, bool open, CancellationToken ct)
    {
        var account = await db.TradingAccounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
        try
        {
            if (open || !account.OnPlatform)
            {
                var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == account.ClientId, ct);
                var created = await platform.OpenAccountAsync(new PlatformAccountSpec(account.Login, client.DisplayName, client.Email, client.Country,
                    account.Currency, account.Settings), timeout.Token);
                // Opened earlier by an attempt whose answer was lost, or changed since: bring it in line.
                if (!platform.Matches(account.Settings, created.Settings))
                    await platform.UpdateAccountAsync(account.Login, account.Settings, timeout.Token);
            }
            else
                await platform.UpdateAccountAsync(account.Login, account.Settings, timeout.Token);
            return (SyncOutcome.Applied, null);
        }
        catch (PlatformException e) when (e.Transient)
        {
            return (SyncOutcome.Waiting, e.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (SyncOutcome.Waiting, $"The platform did not answer within {options.Value.TimeoutSeconds} s.");
        }
        catch (PlatformException e)
        {
            return (SyncOutcome.Refused, e.Message);
        }
    }
}

/// <summary>
/// Compares what the platform holds (group, leverage, rights) with what BackOffice says each
/// live account should have, and raises a drift alert for each difference.
/// </summary>
public static class PlatformReconciliation
{
    public static async Task<int> RunAsync(IServiceScopeFactory scopes, ITradingPlatform platform, ILogger log, CancellationToken ct)
    {
        List<(long Id, long Login, Core.Platform.PlatformSettings Settings)> accounts;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
            accounts = (await db.TradingAccounts.AsNoTracking()
                    .Where(a => a.OnPlatform && a.Sync == Core.Accounts.TradingAccounts.SyncState.InSync)
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
            catch (PlatformException e) when (e.Transient)
            {
                log.LogWarning("Reconciliation stopped: the platform is unavailable ({Error})", e.Message);
                return drifted; // an outage is not drift; the sync dispatcher raises the outage
            }
            catch (PlatformException e) when (e.Kind == PlatformErrorKind.NotFound)
            {
                difference = "the account does not exist on the platform";
            }
            if (difference is null) continue;
            drifted++;
            await scopes.SendAsAsync(new RecordPlatformDrift(id, difference), Actor.System("platform-reconciliation"), ct);
        }
        return drifted;
    }

    private static string Describe(Core.Platform.PlatformSettings expected, Core.Platform.PlatformSettings actual)
    {
        var parts = new List<string>();
        if (expected.Group != actual.Group) parts.Add($"group {actual.Group} instead of {expected.Group}");
        if (expected.Leverage != actual.Leverage) parts.Add($"leverage 1:{actual.Leverage} instead of 1:{expected.Leverage}");
        if (expected.Rights != actual.Rights) parts.Add($"{actual.Rights} instead of {expected.Rights}");
        return string.Join(", ", parts);
    }
}
