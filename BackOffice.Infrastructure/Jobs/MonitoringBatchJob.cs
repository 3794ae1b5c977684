using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackOffice.Infrastructure.Jobs;

/// <summary>
/// The transaction monitoring batch, at start and then once a day. A run after a restart repeats work but raises
/// nothing twice: an alert for the same rule over the same events is not raised again.
/// </summary>
public sealed class MonitoringBatchJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MonitoringBatchJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var run = await scopes.SendAsAsync(new RunMonitoringBatch(), Actor.System("aml-monitoring"), stoppingToken);
                if (run.Value is { Alerts: > 0 } r)
                    log.LogInformation("Transaction monitoring: {Clients} clients judged, {Alerts} AML alerts raised", r.Clients, r.Alerts);
                await Task.Delay(TimeSpan.FromDays(1), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "The transaction monitoring batch failed");
                await Task.Delay(TimeSpan.FromMinutes(5), clock, stoppingToken);
            }
        }
    }
}
