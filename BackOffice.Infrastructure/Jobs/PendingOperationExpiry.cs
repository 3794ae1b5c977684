using BackOffice.Core.Common;
using BackOffice.Core.Staff.FourEyes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackOffice.Infrastructure.Jobs;

/// <summary>Once a minute, four-eyes operations past their deadline are marked expired.</summary>
public sealed class PendingOperationExpiry(Microsoft.Extensions.DependencyInjection.IServiceScopeFactory scopes, TimeProvider clock, ILogger<PendingOperationExpiry> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await scopes.SendAsAsync(new ExpirePendingOperations(), Actor.System("expiry"), stoppingToken);
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Expiring pending operations failed");
                await Task.Delay(TimeSpan.FromMinutes(1), clock, stoppingToken);
            }
        }
    }
}
