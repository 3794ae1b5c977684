using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds;
using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure.Payments;

/// <summary>
/// Takes waiting balance operations to the platform, oldest first. An operation whose last attempt ended without an
/// answer is first looked for among the account's deals by its comment: found, it is recorded as applied with that
/// deal and never sent again.
/// </summary>
public sealed class PlatformBalanceDispatcher(
    IServiceScopeFactory scopes, ITradingPlatform platform, TimeProvider clock, IOptions<PlatformOptions> platformOptions,
    IOptions<FundsOptions> options, ILogger<PlatformBalanceDispatcher> log) : BackgroundService
{
    /// <summary>How far either side of an operation's creation its deal is looked for.</summary>
    private static readonly TimeSpan LookupMargin = TimeSpan.FromDays(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.BackgroundDispatch
        ? Jobs.BackgroundLoops.PollAsync(RunDueAsync, clock, log, "Platform balance", stoppingToken)
        : Task.CompletedTask;

    /// <summary>One round over the operations due now. Returns how many were tried.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.PlatformBalanceOperations.AsNoTracking()
            .Where(o => o.Status == BalanceOperationStatus.Pending && o.NextAttemptAt <= now)
            .OrderBy(o => o.Id).Take(200).ToListAsync(ct);
        var tried = 0;
        foreach (var operation in due)
        {
            // A lease: with several web nodes, one takes each operation.
            var lease = now.AddSeconds(platformOptions.Value.TimeoutSeconds * 2 + 5);
            var claimed = await db.PlatformBalanceOperations
                .Where(o => o.Id == operation.Id && o.Status == BalanceOperationStatus.Pending && o.Version == operation.Version)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.NextAttemptAt, lease).SetProperty(o => o.Version, o => o.Version + 1), ct);
            if (claimed == 0) continue;
            tried++;
            var (outcome, ticket, error) = await ApplyAsync(operation, ct);
            var recorded = await scopes.SendAsAsync(new RecordBalanceOutcome(operation.Id, outcome, ticket, error), Actor.System("platform-balance"), ct);
            if (!recorded.Succeeded)
                log.LogWarning("Recording balance operation {Id} refused: {Error}", operation.Id, recorded.Error!.Message);
        }
        return tried;
    }

    private async Task<(BalanceOutcome, long?, string?)> ApplyAsync(PlatformBalanceOperation operation, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(platformOptions.Value.TimeoutSeconds));
        try
        {
            if (operation.OutcomeUnknown)
            {
                var deals = await platform.GetDealsAsync(operation.Login, operation.CreatedAt - LookupMargin, clock.GetUtcNow().UtcDateTime + LookupMargin, timeout.Token);
                if (deals.LastOrDefault(d => d.Comment == operation.Comment && d.Action is not (DealAction.Buy or DealAction.Sell)) is { } found)
                {
                    log.LogInformation("Balance operation {Comment} on {Login} had been applied as deal {Deal}", operation.Comment, operation.Login, found.Deal);
                    return (BalanceOutcome.Applied, found.Deal, null);
                }
            }
            var ticket = await platform.BalanceOperationAsync(operation.Login,
                new BalanceOperation(operation.Type, operation.Amount, operation.Comment, CheckMargin: operation.AmountMinor < 0), timeout.Token);
            return (BalanceOutcome.Applied, ticket, null);
        }
        catch (PlatformException e) when (e.Unreachable)
        {
            return (BalanceOutcome.Unknown, null, e.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (BalanceOutcome.Unknown, null, $"The platform did not answer within {platformOptions.Value.TimeoutSeconds} s.");
        }
        catch (PlatformException e)
        {
            return (BalanceOutcome.Refused, null, e.Message);
        }
    }
}
