using BackOffice.Core.Reports.Facts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackOffice.Infrastructure.Jobs;

/// <summary>
/// Keeps the reports' daily facts up to date: shortly after start, then every half minute, builds every day that has
/// ended and is missing or was made stale by a late change, a batch of days per scope so no context grows large. Reports
/// are right without it (they read an unbuilt day from the data); it only keeps long ranges fast.
/// </summary>
public sealed class ReportFactsRefresh(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ReportFactsRefresh> log) : BackgroundService
{
    private const int DaysPerBatch = 20;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundLoops.EveryAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), async ct =>
        {
            var total = 0;
            int built;
            do
            {
                await using var scope = scopes.CreateAsyncScope();
                built = await scope.ServiceProvider.GetRequiredService<ReportFactsBuilder>().RefreshAsync(DaysPerBatch, ct);
                total += built;
            } while (built > 0 && !ct.IsCancellationRequested);
            if (total > 0)
                log.LogInformation("Report facts: {Days} days built", total);
        }, clock, log, "Report facts refresh", stoppingToken);
}
