using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Screening.Matching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Kyc.Screening;

/// <summary>A list held in memory for screening, with the database id of each entry by its key.</summary>
public sealed class LoadedList(ScreeningIndex index, IReadOnlyDictionary<string, long> ids)
{
    public ScreeningIndex Index { get; } = index;
    public IReadOnlyDictionary<string, long> Ids { get; } = ids;

    /// <summary>The ids of every entry in this list (for a re-screen, the changed ones).</summary>
    public IReadOnlySet<long> EntryIds { get; } = ids.Values.ToHashSet();
}

/// <summary>
/// The lists in force, built into a screening index once per import and shared by every command on this
/// node; and the entries one import added or changed, for re-screening the book against those alone.
/// </summary>
public sealed class ScreeningLists(IOptions<ScreeningOptions> options)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    // Replaced whole, never mutated: a reader sees one snapshot or the next.
    private volatile Snapshot inForce = new(-1, null);
    private volatile Snapshot? changed;

    public NameMatcher Matcher => new(options.Value.Threshold);

    /// <summary>Every entry of every source still listed; null while no list has ever been imported.</summary>
    public async Task<LoadedList?> InForceAsync(BackOfficeDb db, CancellationToken ct)
    {
        var stamp = await db.ScreeningImports.MaxAsync(i => (long?)i.Id, ct) ?? 0;
        if (inForce.Stamp == stamp) return inForce.List;
        await gate.WaitAsync(ct);
        try
        {
            if (inForce.Stamp == stamp) return inForce.List;
            var list = stamp == 0 ? null : await LoadAsync(db.ScreeningEntries.Where(e => e.RemovedAt == null), ct);
            inForce = new Snapshot(stamp, list);
            return list;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The entries <paramref name="importId"/> added or changed, and that are still listed.</summary>
    public async Task<LoadedList> ChangedByAsync(BackOfficeDb db, long importId, CancellationToken ct)
    {
        if (changed is { } c && c.Stamp == importId) return c.List!;
        await gate.WaitAsync(ct);
        try
        {
            if (changed is { } again && again.Stamp == importId) return again.List!;
            var list = await LoadAsync(db.ScreeningEntries.Where(e => e.ChangedByImportId == importId && e.RemovedAt == null), ct);
            changed = new Snapshot(importId, list);
            return list;
        }
        finally
        {
            gate.Release();
        }
    }

    private sealed record Snapshot(long Stamp, LoadedList? List);

    private async Task<LoadedList> LoadAsync(IQueryable<ScreeningListEntry> query, CancellationToken ct)
    {
        var rows = await query.AsNoTracking().ToListAsync(ct);
        var entries = rows.Select(r => r.ToEntry()).ToList();
        var ids = new Dictionary<string, long>(rows.Count, StringComparer.Ordinal);
        foreach (var row in rows)
            ids[row.Key] = row.Id;
        return new LoadedList(ScreeningIndex.Build(entries, Matcher), ids);
    }
}
