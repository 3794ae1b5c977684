using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// The demo network's commission business: two plans (one with a second version three weeks ago, the other paying a CPA and a
/// revenue share too), each partner under one of them, one top partner's own rate for FX majors, five weeks of trades by the
/// partners' clients, and last month's commission run computed and waiting for its approval. Plans, assignments, the own rate
/// and the run go through the real commands as the demo IB manager.
/// </summary>
public static class DemoCommissions
{
    public static async Task<int> SeedAsync(IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(long Id, DateTime CreatedAt, int Depth)> partners;
        List<(long AccountId, long Login, long ClientId, DateTime From)> accounts;
        string ibId;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
            if (await db.CommissionPlans.AnyAsync(ct) || !await db.Partners.AnyAsync(ct)) return 0;
            ibId = await db.Users.Where(u => u.UserName == "ib").Select(u => u.Id).FirstAsync(ct);
            var all = await db.Partners.AsNoTracking().Select(p => new { p.Id, p.ParentId, p.CreatedAt }).ToListAsync(ct);
            var parents = all.ToDictionary(p => p.Id, p => p.ParentId);
            int Depth(long id) => parents[id] is { } parent ? 1 + Depth(parent) : 0;
            partners = [.. all.Select(p => (p.Id, p.CreatedAt, Depth(p.Id)))];
            accounts = [.. (await (from a in db.ClientAttributions.AsNoTracking()
                                   where a.To == null
                                   join t in db.TradingAccounts.AsNoTracking() on a.ClientId equals t.ClientId
                                   where !t.IsDemo && t.OnPlatform
                                   orderby t.Id
                                   select new { t.Id, t.Login, t.ClientId, a.From }).Take(240).ToListAsync(ct))
                .Select(a => (a.Id, a.Login, a.ClientId, a.From))];
        }
        var ib = new Actor(ibId, "ib", "127.0.0.1", "demo", Actor.NewCorrelationId());
        var since = partners.Min(p => p.CreatedAt).Date;

        async Task<T> Must<T>(Task<T> sent) where T : Result
        {
            var result = await sent;
            return result.Succeeded ? result : throw new InvalidOperationException($"Demo commissions: {result.Error}");
        }

        await Must(scopes.SendAsAsync(new CreateCommissionPlan("ECN-PARTNERS", "ECN partners", "USD", new TermsInput(since, 60, true, CommissionRounding.HalfEven,
            "Launch terms",
            [
                new RuleInput("*", "*", 1, CommissionKind.PerLot, 5m), new RuleInput(SymbolGroups.FxMajors, "*", 1, CommissionKind.PerLot, 7m),
                new RuleInput(SymbolGroups.Metals, "*", 1, CommissionKind.SpreadPips, 0.8m, 10m),
                new RuleInput("*", "*", 2, CommissionKind.PerLot, 1.5m), new RuleInput("*", "*", 3, CommissionKind.PerLot, 0.5m),
            ])), ib, ct));
        var ecn = await PlanIdAsync(scopes, "ECN-PARTNERS", ct);
        await Must(scopes.SendAsAsync(new AddPlanVersion(ecn, new TermsInput(now.Date.AddDays(-20), 60, true, CommissionRounding.HalfEven,
            "FX majors raised to 8.00 per lot",
            [
                new RuleInput("*", "*", 1, CommissionKind.PerLot, 5m), new RuleInput(SymbolGroups.FxMajors, "*", 1, CommissionKind.PerLot, 8m),
                new RuleInput(SymbolGroups.Metals, "*", 1, CommissionKind.SpreadPips, 0.8m, 10m),
                new RuleInput("*", "*", 2, CommissionKind.PerLot, 1.5m), new RuleInput("*", "*", 3, CommissionKind.PerLot, 0.5m),
            ])), ib, ct));
        await Must(scopes.SendAsAsync(new CreateCommissionPlan("STANDARD-IB", "Standard introducers", "USD", new TermsInput(since, 120, false,
            CommissionRounding.HalfEven, "Launch terms",
            [
                new RuleInput("*", "*", 1, CommissionKind.PerLot, 4m), new RuleInput("*", "*", 2, CommissionKind.PerLot, 1m),
                new RuleInput("*", "*", 1, CommissionKind.Cpa, 150m, MinimumDeposit: 200m),
                new RuleInput("*", "*", 1, CommissionKind.RevenueShare, 10m),
            ])), ib, ct));
        foreach (var (id, createdAt, depth) in partners)
            await Must(scopes.SendAsAsync(new AssignCommissionPlan(id, depth == 0 || id % 2 == 0 ? "ECN-PARTNERS" : "STANDARD-IB", createdAt), ib, ct));
        var (top, joined, _) = partners.Where(p => p.Depth == 0).MinBy(p => p.Id);
        await Must(scopes.SendAsAsync(new SetPartnerRate(top, 1, CommissionKind.PerLot, SymbolGroups.FxMajors, "*", 9m, joined,
            "Volume agreement: 9.00 on FX majors"), ib, ct));

        var deals = await TradesAsync(scopes, accounts, now, ct);
        var lastMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-1);
        var run = await Must(scopes.SendAsAsync(new StartCommissionRun(lastMonth, lastMonth.AddMonths(1)), ib, ct));
        await CommissionRunner.ComputeAsync(scopes, run.Value, 500, NullLogger.Instance, ct);
        return deals;
    }

    private static async Task<long> PlanIdAsync(IServiceScopeFactory scopes, string code, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BackOfficeDb>().CommissionPlans.Where(p => p.Code == code).Select(p => p.Id).FirstAsync(ct);
    }

    /// <summary>Five weeks of round turns on the accounts, a few of them scalps (held seconds) and hedges, written as the deal ingestion stores them.</summary>
    private static async Task<int> TradesAsync(IServiceScopeFactory scopes, List<(long AccountId, long Login, long ClientId, DateTime From)> accounts, DateTime now,
        CancellationToken ct)
    {
        string[] symbols = ["EURUSD", "EURUSD", "GBPUSD", "USDJPY", "EURGBP", "XAUUSD", "US500", "BTCUSD"];
        var random = new Random(61);
        var start = now.Date.AddDays(-35);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        var ticket = 90_000_000L;
        var count = 0;
        foreach (var (accountId, login, clientId, from) in accounts)
        {
            var first = from > start ? from : start;
            if (first >= now.AddDays(-1)) continue;
            var turns = random.Next(3, 16);
            for (var i = 0; i < turns; i++)
            {
                var open = first.AddMinutes(random.Next((int)Math.Max(1, (now.AddHours(-2) - first).TotalMinutes)));
                var held = random.NextDouble() < 0.08 ? TimeSpan.FromSeconds(random.Next(5, 50)) : TimeSpan.FromMinutes(random.Next(3, 600));
                if (open + held >= now) continue;
                var symbol = symbols[random.Next(symbols.Length)];
                var lots = Math.Round((decimal)(random.NextDouble() * 2.9 + 0.1), 2);
                var buy = random.Next(2) == 0;
                var profit = Math.Round((decimal)(random.NextDouble() * 400 - 180), 2);
                TradeDeal Deal(DateTime at, bool isBuy, DealEntry entry, decimal p) => new()
                {
                    Ticket = ++ticket, Login = login, TradingAccountId = accountId, ClientId = clientId, TimeUtc = at, Symbol = symbol,
                    Side = isBuy ? DealAction.Buy : DealAction.Sell, Entry = entry, Lots = lots, Price = 1m, Profit = p, IngestedAt = at,
                };
                db.TradeDeals.Add(Deal(open, buy, DealEntry.In, 0));
                db.TradeDeals.Add(Deal(open + held, !buy, DealEntry.Out, profit));
                count += 2;
            }
        }
        await db.SaveChangesAsync(ct);
        return count;
    }
}
