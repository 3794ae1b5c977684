using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Platform;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>What a CPA reads from the database: clients' first credited deposits and the lots they closed.</summary>
public static class CpaFacts
{
    /// <summary>
    /// Follows <paramref name="clients"/> for a CPA: their first deposit before <paramref name="to"/> and the lots they closed
    /// before <paramref name="since"/> (where the deals fed start); a first deposit from <paramref name="depositMomentsFrom"/> on
    /// is looked at as a moment whatever the deals.
    /// </summary>
    public static async Task FollowAsync(BackOfficeDb db, CommissionCalculator calculator, IReadOnlyCollection<long> clients, DateTime since, DateTime to,
        Func<Money, string, decimal?> valueIn, CancellationToken ct, DateTime? depositMomentsFrom = null)
    {
        var deposits = await FirstDepositsAsync(db, clients, to, ct);
        var closed = await ClosedLotsBeforeAsync(db, clients, since, ct);
        var cpa = calculator.FollowCpa(valueIn);
        foreach (var client in clients)
        {
            var deposit = deposits.GetValueOrDefault(client);
            cpa.Follow(client, deposit, closed.GetValueOrDefault(client), depositMoment: deposit is not null && deposit.At >= depositMomentsFrom);
        }
    }

    /// <summary>Each client's first credited deposit before <paramref name="before"/> (what was paid, in the currency paid), with the type of the account it went to.</summary>
    public static async Task<Dictionary<long, FirstDeposit>> FirstDepositsAsync(BackOfficeDb db, IReadOnlyCollection<long> clients, DateTime before, CancellationToken ct)
    {
        var first = new Dictionary<long, (FirstDeposit Deposit, long Id)>();
        foreach (var chunk in clients.Chunk(500))
            foreach (var d in await (from d in db.Deposits.AsNoTracking()
                                     where chunk.Contains(d.ClientId) && d.CreditedAt != null && d.CreditedAt < before
                                     join a in db.TradingAccounts.AsNoTracking() on d.TradingAccountId equals a.Id
                                     join t in db.AccountTypes.AsNoTracking() on a.AccountTypeId equals t.Id
                                     select new { d.Id, d.ClientId, At = d.CreditedAt!.Value, Minor = d.PaidMinor ?? d.AmountMinor, Currency = d.PaidCurrency ?? d.Currency, t.Name })
                         .ToListAsync(ct))
                if (!first.TryGetValue(d.ClientId, out var known) || (d.At, d.Id).CompareTo((known.Deposit.At, known.Id)) < 0)
                    first[d.ClientId] = (new FirstDeposit(d.ClientId, d.At, new Money(d.Minor, d.Currency), d.Name), d.Id);
        return first.ToDictionary(x => x.Key, x => x.Value.Deposit);
    }

    /// <summary>The lots each client closed (closing deals: entry out or out-by) before <paramref name="before"/>.</summary>
    public static async Task<Dictionary<long, decimal>> ClosedLotsBeforeAsync(BackOfficeDb db, IReadOnlyCollection<long> clients, DateTime before, CancellationToken ct)
    {
        var lots = new Dictionary<long, decimal>();
        foreach (var chunk in clients.Chunk(500))
            foreach (var x in await Closing(db).Where(d => chunk.Contains(d.ClientId) && d.TimeUtc < before)
                         .GroupBy(d => d.ClientId).Select(g => new { g.Key, Lots = g.Sum(d => d.Lots) }).ToListAsync(ct))
                lots[x.Key] = x.Lots;
        return lots;
    }

    /// <summary>The lots a client closed up to <paramref name="at"/>, included.</summary>
    public static async Task<decimal> ClosedLotsByAsync(BackOfficeDb db, long clientId, DateTime at, CancellationToken ct) =>
        await Closing(db).Where(d => d.ClientId == clientId && d.TimeUtc <= at).SumAsync(d => d.Lots, ct);

    /// <summary>The clients with a deposit credited in [<paramref name="from"/>, <paramref name="to"/>): those whose first deposit may be in it.</summary>
    public static Task<List<long>> DepositorsAsync(BackOfficeDb db, DateTime from, DateTime to, CancellationToken ct) =>
        db.Deposits.AsNoTracking().Where(d => d.CreditedAt >= from && d.CreditedAt < to).Select(d => d.ClientId).Distinct().OrderBy(c => c).ToListAsync(ct);

    private static IQueryable<TradeDeal> Closing(BackOfficeDb db) =>
        db.TradeDeals.AsNoTracking().Where(d => (d.Entry == DealEntry.Out || d.Entry == DealEntry.OutBy) && (d.Side == DealAction.Buy || d.Side == DealAction.Sell) && d.Lots > 0);
}
