using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds;
using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure.Payments;

/// <summary>
/// "The trading platform balance and the back-office balance are synchronised": for every live account, the money the
/// platform holds from balance operations (deposits, withdrawals, transfers, corrections — not trading results) must equal
/// the ledger's balance for it, less the operations still waiting in the platform outbox. A difference raises a drift
/// alert naming any balance operation on the platform that does not carry a BackOffice reference.
/// </summary>
public sealed class BalanceReconciliation(IServiceScopeFactory scopes, ITradingPlatform platform, TimeProvider clock, IOptions<PlatformOptions> platformOptions,
    IOptions<FundsOptions> options, ILogger<BalanceReconciliation> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => options.Value.BackgroundDispatch
        ? Jobs.BackgroundLoops.EveryAsync(TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(Math.Max(1, platformOptions.Value.ReconcileMinutes)),
            ct => RunAsync(scopes, platform, log, ct), clock, log, "Balance reconciliation", stoppingToken)
        : Task.CompletedTask;

    /// <summary>One pass over every live account with a ledger balance. Returns how many drifted.</summary>
    public static async Task<int> RunAsync(IServiceScopeFactory scopes, ITradingPlatform platform, ILogger log, CancellationToken ct)
    {
        List<(long Id, long Login, string Currency, DateTime Opened, long Ledger, long Waiting)> accounts;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
            var ledger = await db.LedgerAccounts.AsNoTracking().Where(a => a.Code.StartsWith("client:"))
                .ToDictionaryAsync(a => (a.Code, a.Currency), a => a.BalanceMinor, ct);
            var waiting = await db.PlatformBalanceOperations.AsNoTracking().Where(o => o.Status != BalanceOperationStatus.Applied)
                .GroupBy(o => o.TradingAccountId).Select(g => new { g.Key, Sum = g.Sum(o => o.AmountMinor) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
            var live = await db.TradingAccounts.AsNoTracking().Where(a => !a.IsDemo && a.OnPlatform)
                .Select(a => new { a.Id, a.Login, a.Currency, a.OpenedAt }).ToListAsync(ct);
            accounts = [.. live.Select(a => (a.Id, a.Login, a.Currency, a.OpenedAt,
                ledger.GetValueOrDefault((DepositMoves.ClientAccount(a.Id), a.Currency)),
                waiting.GetValueOrDefault(a.Id)))];
        }
        var drifted = 0;
        foreach (var (id, login, currency, opened, ledgerMinor, waitingMinor) in accounts)
        {
            IReadOnlyList<PlatformDeal> deals;
            try
            {
                deals = await platform.GetDealsAsync(login, opened.AddDays(-1), DateTime.UtcNow.AddDays(1), ct);
            }
            catch (PlatformException e) when (e.Unreachable)
            {
                log.LogWarning("Balance reconciliation stopped: the platform is unavailable ({Error})", e.Message);
                return drifted;
            }
            catch (PlatformException e)
            {
                log.LogWarning("Balance reconciliation could not read account {Login}: {Error}", login, e.Message);
                continue;
            }
            var units = Currencies.Find(currency)?.UnitsPerWhole ?? 100;
            var funding = deals.Where(d => d.Action == DealAction.Balance).ToList();
            var onPlatform = (long)Math.Round(funding.Sum(d => d.Profit) * units);
            var expected = ledgerMinor - waitingMinor;
            if (onPlatform == expected) continue;
            drifted++;
            var foreign = funding.Where(d => !d.Comment.StartsWith("BO#", StringComparison.Ordinal)).ToList();
            var detail = foreign.Count == 0
                ? "Every balance operation on the platform carries a BackOffice reference; compare them with the ledger."
                : $"Balance operations on the platform without a BackOffice reference: {string.Join(", ", foreign.Take(5).Select(d => $"deal {d.Deal} {d.Profit:0.00} \"{d.Comment}\""))}.";
            await scopes.SendAsAsync(new RecordBalanceDrift(id, ledgerMinor, expected, onPlatform, detail), Actor.System("balance-reconciliation"), ct);
        }
        return drifted;
    }
}
