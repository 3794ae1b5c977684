using BackOffice.Core.Common;
using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Partners;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Partners;

/// <summary>Plans, partners, trades and runs made through the real commands, for the commission tests.</summary>
public static class CommissionBook
{
    private static int _next;
    private static long _ticket = 5_000_000;

    public static string Code(string stem) => $"{stem}-{Interlocked.Increment(ref _next)}";

    public static TermsInput PerLot(DateTime from, string note, params (int Level, decimal Rate)[] rates) =>
        new(from, 0, false, CommissionRounding.HalfEven, note, [.. rates.Select(r => new RuleInput("*", "*", r.Level, CommissionKind.PerLot, r.Rate))]);

    public static async Task<(long Id, string Code)> PlanAsync(TestApp app, TermsInput terms)
    {
        var code = Code("PLAN");
        var created = await app.SendAs("ib", new CreateCommissionPlan(code, "Partners " + code, "USD", terms));
        Must.Succeed(created);
        return (created.Value, code);
    }

    /// <summary>A new partner (of a new client) earning under <paramref name="plan"/> from now.</summary>
    public static async Task<long> PartnerAsync(TestApp app, string code, string? parent, string plan)
    {
        var client = await ClientBook.RegisterAsync(app);
        var created = await app.SendAs("ib", new CreatePartner(client, code, parent));
        Must.Succeed(created);
        Must.Succeed(await app.SendAs("ib", new AssignCommissionPlan(created.Value, plan, app.Clock.GetUtcNow().UtcDateTime)));
        return created.Value;
    }

    /// <summary>Trades stored as the deal ingestion stores them.</summary>
    public static async Task RecordAsync(TestApp app, Core.Accounts.TradingAccounts.TradingAccount account,
        params (DateTime At, DealAction Side, DealEntry Entry, decimal Lots)[] deals) =>
        Must.Succeed(await app.Scopes.SendAsAsync(new RecordDeals(account.Id, deals.Max(d => d.At),
            [.. deals.Select(d => new PlatformDeal(Interlocked.Increment(ref _ticket), account.Login, d.At, d.Side, d.Entry, "EURUSD", d.Lots, 1.1m, 0, 0, 0, ""))]),
            Actor.System("test")));

    /// <summary>Trades with the client's profit, the commission and the swap as the platform reports them (a charge is negative).</summary>
    public static async Task RecordAsync(TestApp app, Core.Accounts.TradingAccounts.TradingAccount account,
        params (DateTime At, DealAction Side, DealEntry Entry, decimal Lots, decimal Profit, decimal Commission, decimal Swap)[] deals) =>
        Must.Succeed(await app.Scopes.SendAsAsync(new RecordDeals(account.Id, deals.Max(d => d.At),
            [.. deals.Select(d => new PlatformDeal(Interlocked.Increment(ref _ticket), account.Login, d.At, d.Side, d.Entry, "EURUSD", d.Lots, 1.1m, d.Profit,
                d.Commission, d.Swap, ""))]),
            Actor.System("test")));

    /// <summary>A run started by the IB manager and computed to its end, <paramref name="batchDeals"/> deals a batch.</summary>
    public static async Task<CommissionRun> RunAsync(TestApp app, DateTime from, DateTime to, int batchDeals = 2)
    {
        var started = await app.SendAs("ib", new StartCommissionRun(from, to));
        Must.Succeed(started);
        await CommissionRunner.ComputeAsync(app.Scopes, started.Value, batchDeals, NullLogger.Instance, CancellationToken.None);
        return await app.Db(db => db.CommissionRuns.AsNoTracking().FirstAsync(r => r.Id == started.Value));
    }

    /// <summary>Every line (of a run, or all), in blocks or rows, in deal order then level.</summary>
    public static Task<List<CommissionLine>> LinesAsync(TestApp app, long? runId = null) =>
        app.Db(async db => (await CommissionLineStore.LinesAsync(db, new LineScope(RunId: runId), CancellationToken.None).ToListAsync())
            .OrderBy(l => l.DealTime).ThenBy(l => l.Level).ThenBy(l => l.Id).ToList());
}
