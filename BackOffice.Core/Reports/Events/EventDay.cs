using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using BackOffice.Core.Reports.Facts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Events;

/// <summary>
/// One day of the abnormal events report: the alerts raised that day, by kind, with where each stands now and how long it
/// took to be acknowledged and resolved (to the tenth of an hour, as shown).
/// </summary>
public sealed class EventDay : IDayTotals<EventDay>
{
    public const int Raised = 0, Open = 1, Acknowledged = 2, Resolved = 3, AckTenths = 4, AckCount = 5, ResolveTenths = 6, ResolveCount = 7;

    /// <summary>Kind → raised, open, acknowledged, resolved, tenths to acknowledge and how many, tenths to resolve and how many.</summary>
    public Dictionary<string, long[]> Kinds { get; } = [];

    public long Critical { get; set; }

    public long[] Kind(string kind)
    {
        if (!Kinds.TryGetValue(kind, out var values)) Kinds[kind] = values = new long[8];
        return values;
    }

    public long Sum(int index) => Kinds.Values.Sum(v => v[index]);

    public void Add(EventDay other)
    {
        Critical += other.Critical;
        foreach (var (kind, values) in other.Kinds)
        {
            var mine = Kind(kind);
            for (var i = 0; i < values.Length; i++) mine[i] += values[i];
        }
    }

    public void Write(BinaryWriter w)
    {
        w.Write7BitEncodedInt64(Critical);
        w.Write7BitEncodedInt(Kinds.Count);
        foreach (var (kind, values) in Kinds)
        {
            w.Write(kind);
            foreach (var v in values) w.Write7BitEncodedInt64(v);
        }
    }

    public static EventDay Read(BinaryReader r)
    {
        var day = new EventDay { Critical = r.Read7BitEncodedInt64() };
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var values = day.Kind(r.ReadString());
            for (var i = 0; i < values.Length; i++) values[i] = r.Read7BitEncodedInt64();
        }
        return day;
    }

    /// <summary>An alert answered by its resolution alone was first answered when it was resolved.</summary>
    public void Count(Alert a)
    {
        var values = Kind(a.Kind);
        values[Raised]++;
        values[a.Status switch { AlertStatus.Open => Open, AlertStatus.Acknowledged => Acknowledged, _ => Resolved }]++;
        if ((a.AcknowledgedAt ?? a.ResolvedAt) is { } first)
        {
            values[AckTenths] += Tenths(first - a.RaisedAt);
            values[AckCount]++;
        }
        if (a.ResolvedAt is { } done)
        {
            values[ResolveTenths] += Tenths(done - a.RaisedAt);
            values[ResolveCount]++;
        }
        if (a.Severity == AlertSeverity.Critical) Critical++;
    }

    private static long Tenths(TimeSpan span) => (long)(ReportMath.Hours(span) * 10);

    public sealed record Alert(DateTime RaisedAt, string Kind, AlertSeverity Severity, AlertStatus Status, DateTime? AcknowledgedAt, string? AcknowledgedBy,
        DateTime? ResolvedAt, string? ResolvedBy);

    /// <summary>The alerts raised between two instants, read one by one (a long range of them is never held whole).</summary>
    public static IAsyncEnumerable<Alert> RaisedBetween(IQueryable<OperationalAlert> alerts, DateTime fromUtc, DateTime toUtc) =>
        alerts.AsNoTracking().Where(a => a.RaisedAt >= fromUtc && a.RaisedAt < toUtc)
            .Select(a => new Alert(a.RaisedAt, a.Kind, a.Severity, a.Status, a.AcknowledgedAt, a.AcknowledgedBy, a.ResolvedAt, a.ResolvedBy)).AsAsyncEnumerable();

    /// <summary>The alerts a staff member acknowledged or resolved (all of them without one).</summary>
    public static IQueryable<OperationalAlert> HandledBy(BackOfficeDb db, string? userName) =>
        userName is null ? db.Alerts : db.Alerts.Where(a => a.AcknowledgedBy == userName || a.ResolvedBy == userName);

    public static async Task<Dictionary<DateOnly, EventDay>> DailyAsync(BackOfficeDb db, ReportScope s, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var days = new Dictionary<DateOnly, EventDay>();
        await foreach (var a in RaisedBetween(HandledBy(db, s.StaffUserName), fromUtc, toUtc).WithCancellation(ct))
            days.At(s.LocalDay(a.RaisedAt)).Count(a);
        return days;
    }
}

/// <summary>The abnormal events report's daily facts: all alerts, and those each staff member handled (by user name).</summary>
public sealed class EventFacts : IFactFamily
{
    public ReportKind Family => ReportKind.Events;

    public async Task<DateTime?> FirstAsync(BackOfficeDb db, CancellationToken ct) => await db.Alerts.MinAsync(a => (DateTime?)a.RaisedAt, ct);

    public async Task<IReadOnlyList<(FactSegment Segment, byte[] Data)>> BuildAsync(BackOfficeDb db, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var segments = new Dictionary<FactSegment, EventDay>();
        await foreach (var a in EventDay.RaisedBetween(db.Alerts, fromUtc, toUtc).WithCancellation(ct))
            foreach (var staff in new[] { "", a.AcknowledgedBy, a.ResolvedBy }.OfType<string>().Distinct())
                segments.At(new FactSegment("", staff, 0)).Count(a);
        return [.. segments.Select(s => (s.Key, DayTotals.Encode(s.Value)))];
    }
}
