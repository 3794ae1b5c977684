using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Platform;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners;

/// <summary>
/// A trade executed on the platform (buy or sell; balance operations are the ledger's business), stored once by its deal
/// ticket with what commissions are computed from. Written in bulk by the ingestion; the batch's command is the audit.
/// </summary>
[AuditedAsSummary]
public sealed class TradeDeal
{
    public long Id { get; set; }
    public long Ticket { get; set; }
    public long Login { get; set; }
    public long TradingAccountId { get; set; }
    public long ClientId { get; set; }
    public DateTime TimeUtc { get; set; }
    public string Symbol { get; set; } = "";
    public DealAction Side { get; set; }
    public DealEntry Entry { get; set; }
    public decimal Lots { get; set; }
    public decimal Price { get; set; }
    public decimal Profit { get; set; }
    public decimal Commission { get; set; }
    public decimal Swap { get; set; }
    public DateTime IngestedAt { get; set; }
}

/// <summary>How far the deals of one trading account have been read: the next read starts at <see cref="ReadUpTo"/>.</summary>
public sealed class DealCursor
{
    public long TradingAccountId { get; set; }
    public DateTime ReadUpTo { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One account's deals read from the platform for [cursor, <paramref name="ReadUpTo"/>): the trades not stored yet are
/// stored (a deal ticket seen before is skipped, so overlapping reads and retries add nothing) and the cursor moves on.
/// </summary>
[SystemCommand]
public sealed record RecordDeals(long TradingAccountId, DateTime ReadUpTo, IReadOnlyList<PlatformDeal> Deals) : IBackOfficeCommand<Result<int>>;

public sealed class RecordDealsHandler(BackOfficeDb db, TimeProvider clock) : ICommandHandler<RecordDeals, Result<int>>
{
    public async ValueTask<Result<int>> Handle(RecordDeals command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.TradingAccountId, ct);
        if (account is null) return Error.NotFound("The trading account");
        var now = clock.GetUtcNow().UtcDateTime;
        var trades = command.Deals.Where(d => d.Action is DealAction.Buy or DealAction.Sell && d.Login == account.Login)
            .DistinctBy(d => d.Deal).ToList();
        var tickets = trades.Select(d => d.Deal).ToList();
        var known = new HashSet<long>();
        foreach (var chunk in tickets.Chunk(500))
            known.UnionWith(await db.TradeDeals.Where(d => chunk.Contains(d.Ticket)).Select(d => d.Ticket).ToListAsync(ct));
        var added = 0;
        foreach (var d in trades.Where(d => !known.Contains(d.Deal)))
        {
            db.TradeDeals.Add(new TradeDeal
            {
                Ticket = d.Deal, Login = d.Login, TradingAccountId = account.Id, ClientId = account.ClientId, TimeUtc = d.TimeUtc, Symbol = d.Symbol,
                Side = d.Action, Entry = d.Entry, Lots = d.Lots, Price = d.Price, Profit = d.Profit, Commission = d.Commission, Swap = d.Swap, IngestedAt = now,
            });
            added++;
        }
        var cursor = await db.DealCursors.FirstOrDefaultAsync(c => c.TradingAccountId == account.Id, ct);
        if (cursor is null) db.DealCursors.Add(cursor = new DealCursor { TradingAccountId = account.Id });
        if (command.ReadUpTo > cursor.ReadUpTo) cursor.ReadUpTo = command.ReadUpTo;
        cursor.UpdatedAt = now;
        return added;
    }
}
