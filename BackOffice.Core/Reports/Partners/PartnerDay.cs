using BackOffice.Core.Common.Data;
using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Reports.Facts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Partners;

/// <summary>
/// One day of the partner report: the clients attributed that day, by partner and how, and the commission earned on the
/// day's deals (lines of runs computed or posted), by partner, level, plan currency and whether posted.
/// </summary>
public sealed class PartnerDay : IDayTotals<PartnerDay>
{
    public Dictionary<(long Partner, AttributionSource Source), long> Attributed { get; } = [];

    public Dictionary<(long Partner, int Level, string Currency, bool Posted), Earning> Earned { get; } = [];

    public sealed class Earning
    {
        public long Lines { get; set; }
        public decimal Lots { get; set; }
        public long Minor { get; set; }
    }

    public void Add(PartnerDay other)
    {
        foreach (var (key, n) in other.Attributed) Attributed[key] = Attributed.GetValueOrDefault(key) + n;
        foreach (var (key, e) in other.Earned) Add(key, e.Lines, e.Lots, e.Minor);
    }

    private void Add((long, int, string, bool) key, long lines, decimal lots, long minor)
    {
        var mine = Earned.At(key);
        mine.Lines += lines;
        mine.Lots += lots;
        mine.Minor += minor;
    }

    public void Count(PartnerEvents.Attribution a) => Attributed[(a.PartnerId, a.Source)] = Attributed.GetValueOrDefault((a.PartnerId, a.Source)) + 1;

    public void Count(PartnerEvents.Line l) => Add((l.PartnerId, l.Level, l.Currency, l.Posted), 1, l.Lots, l.Minor);

    public void Write(BinaryWriter w)
    {
        w.Write7BitEncodedInt(Attributed.Count);
        foreach (var ((partner, source), n) in Attributed)
        {
            w.Write7BitEncodedInt64(partner);
            w.Write(source.ToString());
            w.Write7BitEncodedInt64(n);
        }
        w.Write7BitEncodedInt(Earned.Count);
        foreach (var ((partner, level, currency, posted), e) in Earned)
        {
            w.Write7BitEncodedInt64(partner);
            w.Write7BitEncodedInt(level);
            w.Write(currency);
            w.Write(posted);
            w.Write7BitEncodedInt64(e.Lines);
            w.Write(e.Lots);
            w.Write(e.Minor);
        }
    }

    public static PartnerDay Read(BinaryReader r)
    {
        var day = new PartnerDay();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            day.Attributed[(r.Read7BitEncodedInt64(), Enum.Parse<AttributionSource>(r.ReadString()))] = r.Read7BitEncodedInt64();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            day.Add((r.Read7BitEncodedInt64(), r.Read7BitEncodedInt(), r.ReadString(), r.ReadBoolean()), r.Read7BitEncodedInt64(), r.ReadDecimal(), r.ReadInt64());
        return day;
    }

    /// <summary>The scope's days between two instants, from the attributions and lines themselves.</summary>
    public static async Task<Dictionary<DateOnly, PartnerDay>> DailyAsync(BackOfficeDb db, ReportScope s, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var filtered = s.AccountTypeId is not null || s.Countries is not null || s.StaffId is not null;
        var days = new Dictionary<DateOnly, PartnerDay>();
        await foreach (var a in PartnerEvents.AttributedBetween(db, fromUtc, toUtc, filtered ? s.Clients(db) : null).WithCancellation(ct))
            days.At(s.LocalDay(a.At)).Count(a);
        await foreach (var l in PartnerEvents.EarnedBetween(db, fromUtc, toUtc, filtered ? s.Clients(db) : null).WithCancellation(ct))
            days.At(s.LocalDay(l.At)).Count(l);
        return days;
    }
}

/// <summary>The partner report's attributions and commission lines between two instants, read one by one.</summary>
public static class PartnerEvents
{
    private static readonly CommissionRunStatus[] Counted = [CommissionRunStatus.Computed, CommissionRunStatus.Posted];

    public sealed record Attribution(DateTime At, long ClientId, long PartnerId, AttributionSource Source);

    /// <summary>A line; <see cref="ClientId"/> is null for a revenue share, which counts only when no client filter is set.</summary>
    public sealed record Line(DateTime At, long? ClientId, long PartnerId, int Level, string Currency, bool Posted, decimal Lots, long Minor);

    /// <summary>Attributions that started in the range (of the clients given, or all).</summary>
    public static IQueryable<ClientAttribution> Started(BackOfficeDb db, DateTime fromUtc, DateTime toUtc, IQueryable<BackOffice.Core.Accounts.Clients.Client>? clients)
    {
        var rows = db.ClientAttributions.AsNoTracking().Where(a => a.From >= fromUtc && a.From < toUtc);
        return clients is null ? rows : rows.Where(a => clients.Any(c => c.Id == a.ClientId));
    }

    public static IAsyncEnumerable<Attribution> AttributedBetween(BackOfficeDb db, DateTime fromUtc, DateTime toUtc, IQueryable<BackOffice.Core.Accounts.Clients.Client>? clients) =>
        Started(db, fromUtc, toUtc, clients).Select(a => new Attribution(a.From, a.ClientId, a.PartnerId, a.Source)).AsAsyncEnumerable();

    /// <summary>Lines of runs computed or posted, dated by their deal (of the clients given, or all).</summary>
    public static IAsyncEnumerable<Line> EarnedBetween(BackOfficeDb db, DateTime fromUtc, DateTime toUtc, IQueryable<BackOffice.Core.Accounts.Clients.Client>? clients)
    {
        var lines = db.CommissionLines.AsNoTracking().Where(l => l.DealTime >= fromUtc && l.DealTime < toUtc);
        if (clients is not null) lines = lines.Where(l => clients.Any(c => c.Id == l.ClientId));
        return (from l in lines
                join r in db.CommissionRuns on l.RunId equals r.Id
                where Counted.Contains(r.Status)
                select new Line(l.DealTime, l.ClientId, l.PartnerId, l.Level, l.Currency, r.Status == CommissionRunStatus.Posted, l.EligibleLots, l.AmountMinor))
            .AsAsyncEnumerable();
    }
}

/// <summary>The partner report's daily facts: every attribution and line counted in each segment of its client.</summary>
public sealed class PartnerFacts : IFactFamily
{
    public ReportKind Family => ReportKind.Partners;

    public async Task<DateTime?> FirstAsync(BackOfficeDb db, CancellationToken ct)
    {
        var attributed = await db.ClientAttributions.MinAsync(a => (DateTime?)a.From, ct);
        var earned = await db.CommissionLines.MinAsync(l => (DateTime?)l.DealTime, ct);
        return attributed is null ? earned : earned is null ? attributed : attributed < earned ? attributed : earned;
    }

    public async Task<IReadOnlyList<(FactSegment Segment, byte[] Data)>> BuildAsync(BackOfficeDb db, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var attributions = await PartnerEvents.AttributedBetween(db, fromUtc, toUtc, null).ToListAsync(ct);
        var lines = await PartnerEvents.EarnedBetween(db, fromUtc, toUtc, null).ToListAsync(ct);
        var clients = await ClientDimensions.ReadAsync(db, attributions.Select(a => a.ClientId).Concat(lines.Where(l => l.ClientId is not null).Select(l => l.ClientId!.Value)), ct);
        var segments = new Dictionary<FactSegment, PartnerDay>();
        var all = segments.At(new FactSegment("", "", 0));
        IEnumerable<PartnerDay> Of(long? client) =>
            client is { } id && clients.TryGetValue(id, out var c) ? c.SegmentsOf().Select(segments.At) : [all];
        foreach (var a in attributions)
            foreach (var day in Of(a.ClientId)) day.Count(a);
        foreach (var l in lines)
            foreach (var day in Of(l.ClientId)) day.Count(l);
        return [.. segments.Select(s => (s.Key, DayTotals.Encode(s.Value)))];
    }
}
