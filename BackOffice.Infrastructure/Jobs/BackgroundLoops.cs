using Microsoft.Extensions.Logging;

namespace BackOffice.Infrastructure.Jobs;

/// <summary>The two shapes the console's background workers run in, with the same handling of failures and shutdown.</summary>
public static class BackgroundLoops
{
    /// <summary>
    /// Runs <paramref name="round"/> again at once while it finds work, waits a second when it found none, and five seconds
    /// after a failure (logged); ends quietly on shutdown.
    /// </summary>
    public static async Task PollAsync(Func<CancellationToken, Task<int>> round, TimeProvider clock, ILogger log, string what, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await round(stoppingToken) == 0)
                    await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                log.LogError(ex, "{What} round failed", what);
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="round"/> after <paramref name="firstDelay"/>, then every <paramref name="interval"/> whatever
    /// happened in the previous round (a failure is logged); ends quietly on shutdown.
    /// </summary>
    public static async Task EveryAsync(TimeSpan firstDelay, TimeSpan interval, Func<CancellationToken, Task> round, TimeProvider clock, ILogger log, string what,
        CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(firstDelay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await round(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "{What} failed", what);
                }
                await Task.Delay(interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
