using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure.Partners;

/// <summary>
/// Computes started commission runs in the background, one batch of clients per command, so that a run over millions of
/// deals shows its progress, never holds one long transaction, and resumes where it stopped after a restart. A batch that
/// collides with another node's is tried again; any other failure stops the run and raises an alert.
/// </summary>
public sealed class CommissionRunner(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PartnersOptions> options, ILogger<CommissionRunner> log)
    : BackgroundService
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.BackgroundRuns
        ? Task.WhenAll(
            BackgroundLoops.PollAsync(ct => RunPendingAsync(scopes, options.Value, log, ct), clock, log, "Commission runs", stoppingToken),
            options.Value.DailyRunHourUtc is null
                ? Task.CompletedTask
                : BackgroundLoops.EveryAsync(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10), ct => StartDailyAsync(scopes, clock, options.Value, log, ct),
                    clock, log, "Daily commission run", stoppingToken))
        : Task.CompletedTask;

    /// <summary>
    /// From the configured hour, starts the run for the previous day (UTC) unless one for exactly that day exists (a discarded or
    /// failed one does not count). Returns the run started, if any.
    /// </summary>
    public static async Task<long?> StartDailyAsync(IServiceScopeFactory scopes, TimeProvider clock, PartnersOptions options, ILogger log, CancellationToken ct)
    {
        if (options.DailyRunHourUtc is not { } hour) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        if (now.Hour < hour) return null;
        var (from, to) = (now.Date.AddDays(-1), now.Date);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
            if (await db.CommissionRuns.AnyAsync(r => r.From == from && r.To == to && r.Status != CommissionRunStatus.Discarded
                                                      && r.Status != CommissionRunStatus.Failed, ct))
                return null;
        }
        var started = await scopes.SendAsAsync(new StartScheduledCommissionRun(from, to), Actor.System("commission-schedule"), ct);
        if (started.Succeeded) return started.Value;
        log.LogWarning("The daily commission run for {Day:yyyy-MM-dd} was not started: {Error}", from, started.Error);
        return null;
    }

    /// <summary>Computes the oldest computing run to its end. Returns 1 when there was one, 0 when none.</summary>
    public static async Task<int> RunPendingAsync(IServiceScopeFactory scopes, PartnersOptions options, ILogger log, CancellationToken ct)
    {
        long runId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
            runId = await db.CommissionRuns.AsNoTracking().Where(r => r.Status == CommissionRunStatus.Computing).OrderBy(r => r.Id).Select(r => r.Id).FirstOrDefaultAsync(ct);
        }
        if (runId == 0) return 0;
        await ComputeAsync(scopes, runId, options.BatchDeals, log, ct);
        return 1;
    }

    /// <summary>Sends the run's batches until it is computed (or failed).</summary>
    public static async Task ComputeAsync(IServiceScopeFactory scopes, long runId, int batchDeals, ILogger log, CancellationToken ct)
    {
        await OneAtATime.WaitAsync(ct);
        try
        {
            var conflicts = 0;
            while (true)
            {
                string failure;
                try
                {
                    var batch = await scopes.SendAsAsync(new ComputeCommissionBatch(runId, batchDeals), Actor.System("commission-runs"), ct);
                    if (batch.Succeeded)
                    {
                        if (batch.Value) return;
                        conflicts = 0;
                        continue;
                    }
                    if (batch.Error!.Code == "conflict" && ++conflicts < 5) continue;
                    failure = batch.Error.Message;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "Commission run {Run} failed", runId);
                    failure = e.Message;
                }
                await scopes.SendAsAsync(new FailCommissionRun(runId, failure), Actor.System("commission-runs"), ct);
                return;
            }
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
