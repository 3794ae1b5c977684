using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Facts;

/// <summary>
/// One day of a report family as an operator in one time zone counts it: the UTC instants it spans, and whether its facts
/// are up to date. A change to the data a day was built from bumps <see cref="Version"/> in the same transaction; the day's
/// facts count only while <see cref="BuiltVersion"/> equals it, so a report never reads a stale day: it reads that day
/// from the data instead, until the refresher builds it again.
/// </summary>
public sealed class ReportFactDay
{
    public long Id { get; set; }
    public ReportKind Family { get; set; }

    /// <summary>The time zone the day is in (an IANA or Windows id, as staff profiles hold it).</summary>
    public string Zone { get; set; } = "";

    /// <summary>The day, or the first day of the month kept.</summary>
    public DateOnly Day { get; set; }

    /// <summary>
    /// A whole local month's totals, kept beside its days by a family whose report adds up long ranges
    /// (<see cref="IFactFamily.KeepsMonths"/>): a year is then twelve months to add instead of 365 days.
    /// </summary>
    public bool IsMonth { get; set; }

    public DateTime StartUtc { get; set; }

    /// <summary>The start of the next day (of the next month): the span is half-open.</summary>
    public DateTime EndUtc { get; set; }

    public long Version { get; set; }

    /// <summary>The <see cref="Version"/> the facts were built at; -1 before the first build.</summary>
    public long BuiltVersion { get; set; } = -1;

    public DateTime? BuiltAt { get; set; }

    public bool Fresh => BuiltVersion == Version;
}

/// <summary>
/// A family's totals of one day for one segment of the clients: a country or all (""), an account manager, no manager
/// ("-") or all (""), an account type or all (0). Every combination of the three filters has its own rows, so a report
/// reads one row per day (one per country of a region group) whatever it is filtered by. <see cref="Data"/> is the
/// family's own compact encoding of its totals.
/// </summary>
public sealed class ReportFact : ISegmentRow
{
    public long Id { get; set; }
    public long DayId { get; set; }
    public string Country { get; set; } = "";
    public string ManagerId { get; set; } = "";
    public int AccountTypeId { get; set; }
    public byte[] Data { get; set; } = [];
}

/// <summary>
/// A kept row filed under one segment of the clients (<see cref="FactSegment"/>): a fact, a kept count, a kept list row. A report
/// reads its filter's rows with <see cref="ReportScope.InSegment"/>.
/// </summary>
public interface ISegmentRow
{
    string Country { get; }
    string ManagerId { get; }
    int AccountTypeId { get; }
}

/// <summary>Where a fact belongs: the values of the filters it answers ("" and 0 for "any").</summary>
public readonly record struct FactSegment(string Country, string ManagerId, int AccountTypeId)
{
    public const string NoManager = "-";

    /// <summary>
    /// Every segment a client (or a payment of theirs) counts in: each combination of its country, its manager and each
    /// of its account types, with every dimension either kept or left as "any".
    /// </summary>
    public static IEnumerable<FactSegment> Of(string country, string? managerId, IReadOnlyCollection<int> accountTypes)
    {
        var manager = managerId ?? NoManager;
        foreach (var c in new[] { "", country })
            foreach (var m in new[] { "", manager })
            {
                yield return new FactSegment(c, m, 0);
                foreach (var t in accountTypes)
                    yield return new FactSegment(c, m, t);
            }
    }
}

internal static class ReportFactsModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ReportFactDay>(e =>
        {
            e.Property(x => x.Family).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Zone).HasMaxLength(64);
            e.HasIndex(x => new { x.Family, x.Zone, x.Day, x.IsMonth }).IsUnique();
            // A change finds the days it falls in by its instant.
            e.HasIndex(x => new { x.Family, x.StartUtc });
        });
        b.Entity<ReportFact>(e =>
        {
            e.Property(x => x.Country).HasMaxLength(2);
            e.Property(x => x.ManagerId).HasMaxLength(64);
            e.HasIndex(x => new { x.DayId, x.ManagerId, x.AccountTypeId, x.Country }).IsUnique();
            e.HasOne<ReportFactDay>().WithMany().HasForeignKey(x => x.DayId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>A family's totals of one day, as kept in a fact: they add up, and write themselves compactly.</summary>
public interface IDayTotals<TSelf> where TSelf : IDayTotals<TSelf>, new()
{
    void Add(TSelf other);

    void Write(BinaryWriter writer);

    static abstract TSelf Read(BinaryReader reader);
}

/// <summary>
/// Parts of a day's facts kept as they were read, undecoded, until something reads what they hold: a long range's chart
/// needs only each day's few figures kept ahead of them, and its total decodes each part once, straight into the sum.
/// Days added together pass their parts along undecoded.
/// </summary>
public sealed class Deferred<T>
{
    private List<T>? _parts;

    public bool Any => _parts is not null;

    public void Add(T part) => (_parts ??= []).Add(part);

    public void AddFrom(Deferred<T> other)
    {
        if (other._parts is { } parts) (_parts ??= []).AddRange(parts);
    }

    /// <summary>Hands every part to <paramref name="decode"/> and keeps it deferred here: another day decodes it into itself.</summary>
    public void Each(Action<T> decode)
    {
        if (_parts is { } parts)
            foreach (var part in parts) decode(part);
    }

    /// <summary>Hands every part to <paramref name="decode"/>, once: they are no longer deferred.</summary>
    public void Drain(Action<T> decode)
    {
        if (_parts is not { } parts) return;
        _parts = null;
        foreach (var part in parts) decode(part);
    }
}

public static class DayTotals
{
    public static byte[] Encode<T>(T totals) where T : IDayTotals<T>, new()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
            totals.Write(writer);
        return stream.ToArray();
    }

    public static T Decode<T>(byte[] data) where T : IDayTotals<T>, new()
    {
        using var reader = new BinaryReader(new MemoryStream(data, writable: false));
        return T.Read(reader);
    }

    /// <summary>Days added up into one total.</summary>
    public static T Sum<T>(IEnumerable<T> days) where T : IDayTotals<T>, new()
    {
        var total = new T();
        foreach (var day in days) total.Add(day);
        return total;
    }

    /// <summary>The totals of a key, created empty on first use.</summary>
    public static T At<TKey, T>(this IDictionary<TKey, T> totals, TKey key) where T : new()
    {
        if (!totals.TryGetValue(key, out var value)) totals[key] = value = new T();
        return value;
    }
}

/// <summary>
/// A report family kept as daily facts: how to build one day's facts for every segment from the data (the refresher), and
/// where its data starts. The report itself reads its days through <see cref="ReportFactsReader"/>.
/// </summary>
public interface IFactFamily
{
    ReportKind Family { get; }

    /// <summary>The first instant anything of the family happened, or null when nothing has.</summary>
    Task<DateTime?> FirstAsync(BackOfficeDb db, CancellationToken ct);

    /// <summary>Whether whole months are kept too, for a report that adds up the totals of long ranges; each day is still kept for its chart.</summary>
    bool KeepsMonths => false;

    /// <summary>The totals of [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) (a day, or a month) for every segment, encoded.</summary>
    Task<IReadOnlyList<(FactSegment Segment, byte[] Data)>> BuildAsync(BackOfficeDb db, DateTime fromUtc, DateTime toUtc, CancellationToken ct);
}
