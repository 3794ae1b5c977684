using BackOffice.Core.Common;
using BackOffice.Core.Funds;
using BackOffice.Core.Funds.Withdrawals;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure.Payments;

/// <summary>Every five minutes: withdrawals waiting past their stage's service level raise an alert (once per stage).</summary>
public sealed class WithdrawalSlaJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<FundsOptions> options, ILogger<WithdrawalSlaJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundDispatch) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var run = await scopes.SendAsAsync(new CheckWithdrawalSlas(), Actor.System("withdrawal-sla"), stoppingToken);
                if (run.Value > 0) log.LogInformation("{Count} withdrawals past their service level", run.Value);
                await Task.Delay(TimeSpan.FromMinutes(5), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "The withdrawal SLA check failed");
                await Task.Delay(TimeSpan.FromMinutes(5), clock, stoppingToken);
            }
        }
    }
}
