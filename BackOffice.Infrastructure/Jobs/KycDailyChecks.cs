using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackOffice.Infrastructure.Jobs;

/// <summary>
/// The document expiry check, at start and then every hour. The check is idempotent (each reminder
/// and each expiry is acted on once), so running it hourly only means a reminder goes out early in the day.
/// </summary>
public sealed class KycDailyChecks(IServiceScopeFactory scopes, TimeProvider clock, ILogger<KycDailyChecks> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var run = await scopes.SendAsAsync(new RunDocumentExpiryCheck(), Actor.System("kyc-expiry"), stoppingToken);
                if (run.Value is { } r && (r.Reminders > 0 || r.Expired > 0))
                    log.LogInformation("Document expiry: {Reminders} reminders, {Expired} expired, {Restricted} clients restricted", r.Reminders, r.Expired, r.Restricted);
                await Task.Delay(TimeSpan.FromHours(1), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "The document expiry check failed");
                await Task.Delay(TimeSpan.FromMinutes(5), clock, stoppingToken);
            }
        }
    }
}
