using BackOffice.Core.Common.Data;
using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Reports.Facts;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Partners;

/// <summary>
/// One day of the partner report: the clients attributed that day, by partner and how, and the commission earned on the
/// day's deals (lines of runs computed or posted), by partner, level, plan currency and whether posted. Lots are kept in
/// ten-thousandths (the precision lines store them at), so a year of days adds up in whole numbers.
/// </summary>
/// <remarks>
/// A day's facts carry its summary (the chart's two figures) ahead of its entries, and a day read from them keeps the
/// entries encoded until they are needed; days added together keep them so too, with their summaries added. A year's chart
/// reads only the summaries (a region group's days included: one fact per country), and the year's total decodes each
/// entry once, straight into the sum, when the report reads it.
/// </remarks>
public sealed class PartnerDay : IDayTotals<PartnerDay>
{
    public const decimal LotUnits = 10_000m;

    private readonly Dictionary<(long Partner, AttributionSource Source), long> _attributed = [];
    private readonly Dictionary<(long Partner, int Level, string Currency, bool Posted), Earning> _earned = [];

    /// <summary>Entries not decoded yet; while there are any, the dictionaries are empty.</summary>
    private readonly Deferred<Entries> _encoded = new();

    private DaySummary? _summary;

    private static readonly DaySummary Nothing = new(0, new Dictionary<string, long>());

    /// <summary>Entries as the facts hold them, and the names their numbers refer to.</summary>
    private sealed record Entries(byte[] Data, string[] Names);

    public sealed record DaySummary(long Attributed, IReadOnlyDictionary<string, long> ByCurrency)
    {
        public DaySummary Plus(DaySummary other)
        {
            var byCurrency = new Dictionary<string, long>(ByCurrency);
            foreach (var (currency, minor) in other.ByCurrency) CollectionsMarshal.GetValueRefOrAddDefault(byCurrency, currency, out _) += minor;
            return new DaySummary(Attributed + other.Attributed, byCurrency);
        }
    }

    public struct Earning
    {
        public long Lines;
        public long LotUnits;
        public long Minor;

        public readonly decimal Lots => LotUnits / PartnerDay.LotUnits;
    }

    public IReadOnlyDictionary<(long Partner, AttributionSource Source), long> Attributed
    {
        get
        {
            Open();
            return _attributed;
        }
    }

    public IReadOnlyDictionary<(long Partner, int Level, string Currency, bool Posted), Earning> Earned
    {
        get
        {
            Open();
            return _earned;
        }
    }

    public void Add(PartnerDay other)
    {
        if (other._encoded.Any)
        {
            var decoded = _attributed.Count > 0 || _earned.Count > 0;
            var mine = _summary ?? (decoded || _encoded.Any ? null : Nothing);
            _summary = mine is not null && other._summary is not null ? mine.Plus(other._summary) : null;
            if (decoded)
                other._encoded.Each(AddEncoded);
            else
                _encoded.AddFrom(other._encoded);
            return;
        }
        Changing();
        foreach (var (key, n) in other._attributed) CollectionsMarshal.GetValueRefOrAddDefault(_attributed, key, out _) += n;
        foreach (var (key, e) in other._earned) AddEarned(key, e.Lines, e.LotUnits, e.Minor);
    }

    public void Count(PartnerEvents.Attribution a)
    {
        Changing();
        CollectionsMarshal.GetValueRefOrAddDefault(_attributed, (a.PartnerId, a.Source), out _)++;
    }

    public void Count(PartnerEvents.Line l)
    {
        Changing();
        AddEarned((l.PartnerId, l.Level, l.Currency, l.Posted), 1, (long)Math.Round(l.Lots * LotUnits), l.Minor);
    }

    /// <summary>The day's attributions, and its commission by plan currency in minor units.</summary>
    public DaySummary Summary()
    {
        if (_summary is { } known) return known;
        Open();
        long attributed = 0;
        foreach (var n in _attributed.Values) attributed += n;
        var byCurrency = new Dictionary<string, long>();
        foreach (var (key, e) in _earned) CollectionsMarshal.GetValueRefOrAddDefault(byCurrency, key.Currency, out _) += e.Minor;
        return _summary = new DaySummary(attributed, byCurrency);
    }

    /// <summary>The names (sources, currencies) once each at the start, then the summary, then every entry in numbers only.</summary>
    public void Write(BinaryWriter w)
    {
        Open();
        var names = new Dictionary<string, int>();
        foreach (var key in _attributed.Keys) names.TryAdd(key.Source.ToString(), names.Count);
        foreach (var key in _earned.Keys) names.TryAdd(key.Currency, names.Count);
        w.Write7BitEncodedInt(names.Count);
        foreach (var name in names.Keys) w.Write(name);
        var summary = Summary();
        w.Write7BitEncodedInt64(summary.Attributed);
        w.Write7BitEncodedInt(summary.ByCurrency.Count);
        foreach (var (currency, minor) in summary.ByCurrency)
        {
            w.Write7BitEncodedInt(names[currency]);
            w.Write7BitEncodedInt64(minor);
        }
        w.Write7BitEncodedInt(_attributed.Count);
        foreach (var ((partner, source), n) in _attributed)
        {
            w.Write7BitEncodedInt64(partner);
            w.Write7BitEncodedInt(names[source.ToString()]);
            w.Write7BitEncodedInt64(n);
        }
        w.Write7BitEncodedInt(_earned.Count);
        foreach (var ((partner, level, currency, posted), e) in _earned)
        {
            w.Write7BitEncodedInt64(partner);
            w.Write7BitEncodedInt(level * 2 + (posted ? 1 : 0));
            w.Write7BitEncodedInt(names[currency]);
            w.Write7BitEncodedInt64(e.Lines);
            w.Write7BitEncodedInt64(e.LotUnits);
            w.Write7BitEncodedInt64(e.Minor);
        }
    }

    /// <summary>The names and the summary now; the entries when something needs them.</summary>
    public static PartnerDay Read(BinaryReader r)
    {
        var names = new string[r.Read7BitEncodedInt()];
        for (var i = 0; i < names.Length; i++) names[i] = r.ReadString();
        var attributed = r.Read7BitEncodedInt64();
        var byCurrency = new Dictionary<string, long>();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--) byCurrency[names[r.Read7BitEncodedInt()]] = r.Read7BitEncodedInt64();
        var rest = r.ReadBytes((int)(r.BaseStream.Length - r.BaseStream.Position));
        var day = new PartnerDay { _summary = new DaySummary(attributed, byCurrency) };
        day._encoded.Add(new Entries(rest, names));
        return day;
    }

    /// <summary>Decodes this day's own entries, before anything reads or changes them.</summary>
    private void Open()
    {
        _encoded.Drain(AddEncoded);
    }

    private void Changing()
    {
        Open();
        _summary = null;
    }

    private void AddEncoded(Entries entries)
    {
        using var r = new BinaryReader(new MemoryStream(entries.Data, writable: false));
        var sources = entries.Names.Select(n => Enum.TryParse<AttributionSource>(n, out var source) ? source : default).ToArray();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var key = (r.Read7BitEncodedInt64(), sources[r.Read7BitEncodedInt()]);
            CollectionsMarshal.GetValueRefOrAddDefault(_attributed, key, out _) += r.Read7BitEncodedInt64();
        }
        var earned = r.Read7BitEncodedInt();
        if (_earned.Count == 0) _earned.EnsureCapacity(earned);
        for (var n = earned; n > 0; n--)
        {
            var partner = r.Read7BitEncodedInt64();
            var levelPosted = r.Read7BitEncodedInt();
            AddEarned((partner, levelPosted / 2, entries.Names[r.Read7BitEncodedInt()], levelPosted % 2 == 1), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64());
        }
    }

    private void AddEarned((long, int, string, bool) key, long lines, long lotUnits, long minor)
    {
        ref var mine = ref CollectionsMarshal.GetValueRefOrAddDefault(_earned, key, out _);
        mine.Lines += lines;
        mine.LotUnits += lotUnits;
        mine.Minor += minor;
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
    public static async IAsyncEnumerable<Line> EarnedBetween(BackOfficeDb db, DateTime fromUtc, DateTime toUtc, IQueryable<BackOffice.Core.Accounts.Clients.Client>? clients,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var runs = await db.CommissionRuns.AsNoTracking().Where(r => Counted.Contains(r.Status)).ToDictionaryAsync(r => r.Id, r => r.Status, ct);
        var lines = CommissionLineStore.LinesAsync(db, new LineScope(RunIds: runs.Keys, From: fromUtc, To: toUtc), ct);
        if (clients is null)
        {
            await foreach (var l in lines) yield return Of(l);
            yield break;
        }
        // Lines are read a day's blocks at a time; whether their clients are in the filter is asked a thousand clients at a time.
        var buffer = new List<CommissionLine>(4_096);
        await foreach (var l in lines)
        {
            if (l.ClientId is null) continue;
            buffer.Add(l);
            if (buffer.Count < 4_096) continue;
            foreach (var kept in await InAsync(buffer)) yield return Of(kept);
            buffer.Clear();
        }
        foreach (var kept in await InAsync(buffer)) yield return Of(kept);

        Line Of(CommissionLine l) => new(l.DealTime, l.ClientId, l.PartnerId, l.Level, l.Currency, runs[l.RunId] == CommissionRunStatus.Posted, l.EligibleLots, l.AmountMinor);

        async Task<List<CommissionLine>> InAsync(List<CommissionLine> some)
        {
            var ids = some.Select(l => l.ClientId!.Value).Distinct().ToList();
            var inside = new HashSet<long>();
            foreach (var chunk in ids.Chunk(1_000)) inside.UnionWith(await clients.Where(c => chunk.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct));
            return [.. some.Where(l => inside.Contains(l.ClientId!.Value))];
        }
    }
}

/// <summary>The partner report's daily facts: every attribution and line counted in each segment of its client.</summary>
public sealed class PartnerFacts : IFactFamily
{
    public ReportKind Family => ReportKind.Partners;

    /// <summary>A year's commission has a few hundred entries a day, a thousand or so a month: the report adds up months where it can.</summary>
    public bool KeepsMonths => true;

    public async Task<DateTime?> FirstAsync(BackOfficeDb db, CancellationToken ct)
    {
        var attributed = await db.ClientAttributions.MinAsync(a => (DateTime?)a.From, ct);
        var earned = await CommissionLineStore.FirstAsync(db, null, ct);
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
