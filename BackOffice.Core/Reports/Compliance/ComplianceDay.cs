using BackOffice.Core.Common.Data;
using BackOffice.Core.Reports.Facts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Compliance;

/// <summary>
/// One day of the compliance report: the screening hits raised that day by kind (PEP or sanctions) and where each stands now,
/// the AML alerts raised that day by rule and where each stands now, and the due diligence cases opened that day.
/// </summary>
public sealed class ComplianceDay : IDayTotals<ComplianceDay>
{
    /// <summary>(hit, alert or due diligence; its code; its outcome now) → how many.</summary>
    public Dictionary<(ComplianceEntryKind Kind, string Code, string Outcome), long> Counts { get; } = [];

    public void Count(ComplianceEntryKind kind, string code, string outcome, long count = 1) =>
        Counts[(kind, code, outcome)] = Counts.GetValueOrDefault((kind, code, outcome)) + count;

    public long Of(ComplianceEntryKind kind)
    {
        long sum = 0;
        foreach (var (key, count) in Counts)
            if (key.Kind == kind) sum += count;
        return sum;
    }

    public void Add(ComplianceDay other)
    {
        foreach (var (key, count) in other.Counts) Count(key.Kind, key.Code, key.Outcome, count);
    }

    public void Write(BinaryWriter w)
    {
        w.Write7BitEncodedInt(Counts.Count);
        foreach (var ((kind, code, outcome), count) in Counts)
        {
            w.Write((byte)kind);
            w.Write(code);
            w.Write(outcome);
            w.Write7BitEncodedInt64(count);
        }
    }

    public static ComplianceDay Read(BinaryReader r)
    {
        var day = new ComplianceDay();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            day.Count((ComplianceEntryKind)r.ReadByte(), r.ReadString(), r.ReadString(), r.Read7BitEncodedInt64());
        return day;
    }

    /// <summary>The kinds a day counts, each dated by when it was raised or opened.</summary>
    public static readonly ComplianceEntryKind[] Kinds = [ComplianceEntryKind.Hit, ComplianceEntryKind.Alert, ComplianceEntryKind.Edd];

    /// <summary>The filter's days between two instants, from its own segment of the compliance rows.</summary>
    public static async Task<Dictionary<DateOnly, ComplianceDay>> DailyAsync(BackOfficeDb db, ReportScope s, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var days = new Dictionary<DateOnly, ComplianceDay>();
        foreach (var kind in Kinds)
            await foreach (var x in ComplianceEntries.Of(db, s, kind).Where(x => x.At >= fromUtc && x.At < toUtc)
                               .Select(x => new { At = x.At!.Value, x.Code, x.Outcome }).AsAsyncEnumerable().WithCancellation(ct))
                days.At(s.LocalDay(x.At)).Count(kind, x.Code, x.Outcome);
        return days;
    }
}

/// <summary>
/// The compliance report's daily facts, for every segment of the clients: each hit, alert and due diligence case counts in
/// every segment of its client, as <see cref="ComplianceEntries"/> files it.
/// </summary>
public sealed class ComplianceFacts : IFactFamily
{
    public ReportKind Family => ReportKind.Compliance;

    public async Task<DateTime?> FirstAsync(BackOfficeDb db, CancellationToken ct)
    {
        DateTime?[] firsts =
        [
            await db.ScreeningHits.MinAsync(h => (DateTime?)h.RaisedAt, ct), await db.AmlAlerts.MinAsync(a => (DateTime?)a.RaisedAt, ct),
            await db.EddCases.MinAsync(e => (DateTime?)e.OpenedAt, ct),
        ];
        return firsts.Min();
    }

    public async Task<IReadOnlyList<(FactSegment Segment, byte[] Data)>> BuildAsync(BackOfficeDb db, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var rows = new List<(long ClientId, ComplianceEntryKind Kind, string Code, string Outcome)>();
        foreach (var h in await db.ScreeningHits.AsNoTracking().Where(h => h.RaisedAt >= fromUtc && h.RaisedAt < toUtc)
                     .Select(h => new { h.ClientId, h.EntryIsPep, h.Status }).ToListAsync(ct))
            rows.Add((h.ClientId, ComplianceEntryKind.Hit, h.EntryIsPep ? ComplianceEntries.Pep : ComplianceEntries.Sanctions, h.Status.ToString()));
        foreach (var a in await db.AmlAlerts.AsNoTracking().Where(a => a.RaisedAt >= fromUtc && a.RaisedAt < toUtc)
                     .Select(a => new { a.ClientId, a.RuleCode, a.Status }).ToListAsync(ct))
            rows.Add((a.ClientId, ComplianceEntryKind.Alert, a.RuleCode, a.Status.ToString()));
        foreach (var e in await db.EddCases.AsNoTracking().Where(e => e.OpenedAt >= fromUtc && e.OpenedAt < toUtc)
                     .Select(e => new { e.ClientId, e.Status }).ToListAsync(ct))
            rows.Add((e.ClientId, ComplianceEntryKind.Edd, "", e.Status.ToString()));

        var clients = await ClientDimensions.ReadAsync(db, rows.Select(r => r.ClientId), ct);
        var segments = new Dictionary<FactSegment, ComplianceDay>();
        foreach (var (clientId, kind, code, outcome) in rows)
            if (clients.TryGetValue(clientId, out var client))
                foreach (var segment in client.SegmentsOf())
                    segments.At(segment).Count(kind, code, outcome);
        return [.. segments.Select(s => (s.Key, DayTotals.Encode(s.Value)))];
    }
}
