using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Partners;
using BackOffice.Core.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure.Platform;

/// <summary>
/// Reads the trades of every live account from the platform, account by account from where the last read stopped (an hour
/// back, so a deal the platform records late is still seen; its ticket keeps it from being stored twice), outside any
/// database transaction, and stores each account's batch through <see cref="RecordDeals"/>. A platform that is down ends
/// the pass; the next one starts from the same cursors.
/// </summary>
public sealed class DealIngestion(IServiceScopeFactory scopes, ITradingPlatform platform, TimeProvider clock, IOptions<PlatformOptions> options,
    ILogger<DealIngestion> log) : BackgroundService
{
    private static readonly TimeSpan Overlap = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.BackgroundSync && options.Value.DealIngestMinutes > 0
        ? Jobs.BackgroundLoops.EveryAsync(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(options.Value.DealIngestMinutes),
            ct => RunAsync(scopes, platform, clock, log, ct), clock, log, "Deal ingestion", stoppingToken)
        : Task.CompletedTask;

    /// <summary>One pass over every live account on the platform. Returns how many new trades were stored.</summary>
    public static async Task<int> RunAsync(IServiceScopeFactory scopes, ITradingPlatform platform, TimeProvider clock, ILogger log, CancellationToken ct)
    {
        List<(long Id, long Login, DateTime From)> accounts;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
            var cursors = await db.DealCursors.AsNoTracking().ToDictionaryAsync(c => c.TradingAccountId, c => c.ReadUpTo, ct);
            var live = await db.TradingAccounts.AsNoTracking().Where(a => !a.IsDemo && a.OnPlatform).Select(a => new { a.Id, a.Login, a.OpenedAt }).ToListAsync(ct);
            accounts = [.. live.Select(a => (a.Id, a.Login, cursors.TryGetValue(a.Id, out var read) ? read - Overlap : a.OpenedAt.AddDays(-1)))];
        }
        var stored = 0;
        foreach (var (id, login, from) in accounts.OrderBy(a => a.From))
        {
            var upTo = clock.GetUtcNow().UtcDateTime;
            IReadOnlyList<PlatformDeal> deals;
            try
            {
                deals = await platform.GetDealsAsync(login, from, upTo, ct);
            }
            catch (PlatformException e) when (e.Unreachable)
            {
                log.LogWarning("Deal ingestion stopped: the platform is unavailable ({Error})", e.Message);
                return stored;
            }
            catch (PlatformException e)
            {
                log.LogWarning("Deal ingestion could not read account {Login}: {Error}", login, e.Message);
                continue;
            }
            var recorded = await scopes.SendAsAsync(new RecordDeals(id, upTo, deals), Actor.System("deal-ingestion"), ct);
            if (recorded.Succeeded) stored += recorded.Value;
            else log.LogWarning("Deals of account {Login} were not stored: {Error}", login, recorded.Error);
        }
        return stored;
    }
}
