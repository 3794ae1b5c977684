using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>Which lines a reader wants: of a run or of some runs, of a partner, dated in a period, in a currency.</summary>
public sealed record LineScope(long? RunId = null, IReadOnlyCollection<long>? RunIds = null, long? PartnerId = null, IReadOnlyCollection<long>? PartnerIds = null,
    DateTime? From = null, DateTime? To = null, string? Currency = null);

/// <summary>Lines of a run, partner, level, currency and day, added up.</summary>
public sealed record LineTotal(long RunId, long PartnerId, int Level, string Currency, DateTime Day, int Lines, decimal Lots, long Minor);

/// <summary>
/// Every commission line, wherever it is kept: a deal's lines in blocks (<see cref="CommissionLineBlock"/>), a CPA's and a
/// revenue share's as rows (they are few, and a revenue share's day grows while its run computes), and, in a book that had
/// lines before blocks, those rows too. Readers ask here for totals, pages and lines by id and never see the difference.
/// </summary>
public static class CommissionLineStore
{
    /// <summary>The first id free for new lines, in both kinds of storage (one run computes at a time).</summary>
    public static async Task<long> NextIdAsync(BackOfficeDb db, CancellationToken ct)
    {
        var row = await db.CommissionLines.MaxAsync(l => (long?)l.Id, ct) ?? 0;
        var block = await db.CommissionLineBlocks.OrderByDescending(b => b.FirstLineId).Select(b => (long?)(b.FirstLineId + b.LineCount - 1)).FirstOrDefaultAsync(ct) ?? 0;
        return Math.Max(row, block) + 1;
    }

    /// <summary>
    /// Lines (saved lines, or a run's drafts seen through <paramref name="view"/>) into blocks by partner, level, day and
    /// currency, in deal order, numbered from <paramref name="firstId"/>.
    /// </summary>
    public static List<CommissionLineBlock> Blocks<T>(IEnumerable<T> lines, Func<T, LineView> view, ref long firstId)
    {
        var groups = new Dictionary<(long Run, long Partner, int Level, string Currency, DateTime Day), List<(T Line, DateTime Time, long Ticket, CommissionKind Kind)>>();
        foreach (var line in lines)
        {
            var l = view(line);
            var key = (l.RunId, l.PartnerId, l.Level, l.Currency, l.DealTime.Date);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            list.Add((line, l.DealTime, l.Ticket, l.Kind));
        }
        var blocks = new List<CommissionLineBlock>(groups.Count);
        foreach (var ((run, partner, level, currency, date), keyed) in groups.OrderBy(g => g.Key.Day).ThenBy(g => g.Key.Partner).ThenBy(g => g.Key.Level)
                     .ThenBy(g => g.Key.Currency, StringComparer.Ordinal))
        {
            keyed.Sort(static (a, b) => a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Ticket != b.Ticket ? a.Ticket.CompareTo(b.Ticket) : a.Kind.CompareTo(b.Kind));
            var encoder = new CommissionLineCodec.BlockEncoder(DateTime.SpecifyKind(date, DateTimeKind.Utc), keyed.Count);
            foreach (var k in keyed) encoder.Add(view(k.Line));
            blocks.Add(encoder.ToBlock(run, partner, level, currency, ref firstId));
        }
        return blocks;
    }

    private static IQueryable<CommissionLineBlock> BlocksIn(BackOfficeDb db, LineScope s)
    {
        var q = db.CommissionLineBlocks.AsNoTracking();
        if (s.RunId is { } run) q = q.Where(b => b.RunId == run);
        if (s.RunIds is { } runs) q = q.Where(b => runs.Contains(b.RunId));
        if (s.PartnerId is { } partner) q = q.Where(b => b.PartnerId == partner);
        if (s.PartnerIds is { } partners) q = q.Where(b => partners.Contains(b.PartnerId));
        if (s.Currency is { } currency) q = q.Where(b => b.Currency == currency);
        // A block holds a day: it overlaps the period when its day ends after the period starts.
        if (s.From is { } from)
        {
            var firstDay = from.Date;
            q = q.Where(b => b.Day >= firstDay);
        }
        if (s.To is { } to) q = q.Where(b => b.Day < to);
        return q;
    }

    private static IQueryable<CommissionLine> RowsIn(BackOfficeDb db, LineScope s)
    {
        var q = db.CommissionLines.AsNoTracking();
        if (s.RunId is { } run) q = q.Where(l => l.RunId == run);
        if (s.RunIds is { } runs) q = q.Where(l => runs.Contains(l.RunId));
        if (s.PartnerId is { } partner) q = q.Where(l => l.PartnerId == partner);
        if (s.PartnerIds is { } partners) q = q.Where(l => partners.Contains(l.PartnerId));
        if (s.Currency is { } currency) q = q.Where(l => l.Currency == currency);
        if (s.From is { } from) q = q.Where(l => l.DealTime >= from);
        if (s.To is { } to) q = q.Where(l => l.DealTime < to);
        return q;
    }

    private static bool Whole(DateTime day, LineScope s) => (s.From is not { } from || day >= from) && (s.To is not { } to || day.AddDays(1) <= to);

    private static bool Inside(CommissionLine l, LineScope s) => (s.From is not { } from || l.DealTime >= from) && (s.To is not { } to || l.DealTime < to);

    /// <summary>The lines in scope added up by run, partner, level, currency and day: a block inside the period by its header, one across its edge line by line.</summary>
    public static async Task<List<LineTotal>> TotalsAsync(BackOfficeDb db, LineScope s, CancellationToken ct)
    {
        var totals = await (from l in RowsIn(db, s)
                            group l by new { l.RunId, l.PartnerId, l.Level, l.Currency, l.DealTime.Date } into g
                            select new LineTotal(g.Key.RunId, g.Key.PartnerId, g.Key.Level, g.Key.Currency, g.Key.Date, g.Count(), g.Sum(l => l.EligibleLots),
                                g.Sum(l => l.AmountMinor))).ToListAsync(ct);
        var edges = new List<long>();
        foreach (var b in await BlocksIn(db, s).Select(b => new { b.Id, b.RunId, b.PartnerId, b.Level, b.Currency, b.Day, b.LineCount, b.EligibleLots, b.AmountMinor })
                     .ToListAsync(ct))
        {
            if (Whole(b.Day, s)) totals.Add(new LineTotal(b.RunId, b.PartnerId, b.Level, b.Currency, b.Day, b.LineCount, b.EligibleLots, b.AmountMinor));
            else edges.Add(b.Id);
        }
        foreach (var chunk in edges.Chunk(200))
            foreach (var block in await db.CommissionLineBlocks.AsNoTracking().Where(b => chunk.Contains(b.Id)).ToListAsync(ct))
                if (block.Lines().Where(l => Inside(l, s)).ToList() is { Count: > 0 } inside)
                    totals.Add(new LineTotal(block.RunId, block.PartnerId, block.Level, block.Currency, block.Day, inside.Count, inside.Sum(l => l.EligibleLots),
                        inside.Sum(l => l.AmountMinor)));
        return totals;
    }

    /// <summary>Every line in scope, rows first, then blocks by day (for a reader that needs each line: the partner report's days).</summary>
    public static async IAsyncEnumerable<CommissionLine> LinesAsync(BackOfficeDb db, LineScope s, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var line in RowsIn(db, s).AsAsyncEnumerable().WithCancellation(ct)) yield return line;
        var ids = await BlocksIn(db, s).OrderBy(b => b.Day).ThenBy(b => b.Id).Select(b => b.Id).ToListAsync(ct);
        foreach (var chunk in ids.Chunk(200))
            foreach (var block in await db.CommissionLineBlocks.AsNoTracking().Where(b => chunk.Contains(b.Id)).OrderBy(b => b.Day).ThenBy(b => b.Id).ToListAsync(ct))
                foreach (var line in block.Lines())
                    if (Inside(line, s)) yield return line;
    }

    /// <summary>
    /// A page of a run's lines (of one partner, or all): rows first in deal order, then the blocks by day, partner and level,
    /// each in deal order. Only the blocks the page reaches are read.
    /// </summary>
    public static async Task<Page<CommissionLine>> PageAsync(BackOfficeDb db, long runId, long? partnerId, int skip, int take, CancellationToken ct)
    {
        var scope = new LineScope(RunId: runId, PartnerId: partnerId);
        var rows = RowsIn(db, scope);
        var rowCount = await rows.CountAsync(ct);
        var heads = await BlocksIn(db, scope).OrderBy(b => b.Day).ThenBy(b => b.PartnerId).ThenBy(b => b.Level).ThenBy(b => b.Id)
            .Select(b => new { b.Id, b.LineCount }).ToListAsync(ct);
        var total = rowCount + heads.Sum(h => h.LineCount);
        var page = new List<CommissionLine>(take);
        if (skip < rowCount)
            page.AddRange(await rows.OrderBy(l => l.DealTime).ThenBy(l => l.Ticket).ThenBy(l => l.Level).ThenBy(l => l.Id).Skip(skip).Take(take).ToListAsync(ct));
        var (at, end) = (rowCount, skip + take);
        var wanted = new List<(long Id, int From)>();
        foreach (var h in heads)
        {
            if (at >= end) break;
            if (at + h.LineCount > skip) wanted.Add((h.Id, Math.Max(0, skip - at)));
            at += h.LineCount;
        }
        foreach (var (id, from) in wanted)
        {
            if (page.Count >= take) break;
            var block = await db.CommissionLineBlocks.AsNoTracking().FirstAsync(b => b.Id == id, ct);
            page.AddRange(block.Lines().Skip(from).Take(take - page.Count));
        }
        return new Page<CommissionLine>(page, total);
    }

    /// <summary>The lines with these ids that exist (a dispute names them).</summary>
    public static async Task<List<CommissionLine>> FindAsync(BackOfficeDb db, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var found = await db.CommissionLines.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(ct);
        var left = ids.Except(found.Select(l => l.Id)).ToHashSet();
        var blocks = new Dictionary<long, CommissionLineBlock>();
        foreach (var id in left)
        {
            if (blocks.Values.FirstOrDefault(b => b.Holds(id)) is not { } block)
            {
                block = await db.CommissionLineBlocks.AsNoTracking().Where(b => b.FirstLineId <= id).OrderByDescending(b => b.FirstLineId).FirstOrDefaultAsync(ct);
                if (block is null || !block.Holds(id)) continue;
                blocks[block.Id] = block;
            }
        }
        foreach (var block in blocks.Values) found.AddRange(block.Lines().Where(l => left.Contains(l.Id)));
        return found;
    }

    /// <summary>The earliest deal day of the lines (of a run, or all).</summary>
    public static async Task<DateTime?> FirstAsync(BackOfficeDb db, long? runId, CancellationToken ct)
    {
        var rows = runId is { } r ? db.CommissionLines.Where(l => l.RunId == r) : db.CommissionLines;
        var blocks = runId is { } b ? db.CommissionLineBlocks.Where(x => x.RunId == b) : db.CommissionLineBlocks;
        var row = await rows.MinAsync(l => (DateTime?)l.DealTime, ct);
        var day = await blocks.MinAsync(x => (DateTime?)x.Day, ct);
        return row is null ? day : day is null ? row : row < day ? row : day;
    }

    /// <summary>A discarded run's lines, both kinds.</summary>
    public static async Task DeleteRunAsync(BackOfficeDb db, long runId, CancellationToken ct)
    {
        await db.CommissionLines.Where(l => l.RunId == runId).ExecuteDeleteAsync(ct);
        await db.CommissionLineBlocks.Where(b => b.RunId == runId).ExecuteDeleteAsync(ct);
    }
}
