using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Facts;

/// <summary>
/// A report's days, each as one family's totals: from the facts for every day built and still fresh, from the data for
/// the others (today, a day a late change made stale, a day not built yet). Both give the same totals; the facts only
/// make a long range fast.
/// </summary>
public sealed class ReportFactsReader(BackOfficeDb db)
{
    /// <param name="fromData">The totals of the scope's filter for [from, to) in UTC, by the operator's day.</param>
    /// <param name="staffByName">The family files staff by user name (who acknowledged an alert) rather than by id.</param>
    public async Task<SortedDictionary<DateOnly, T>> DailyAsync<T>(ReportScope s, Func<DateTime, DateTime, CancellationToken, Task<Dictionary<DateOnly, T>>> fromData,
        CancellationToken ct, bool staffByName = false) where T : IDayTotals<T>, new()
    {
        var family = s.Definition.Kind;
        var zone = s.Zone.Id;
        var facts = s.InSegment(db.ReportFacts.AsNoTracking(), staffByName);
        // One statement, so the days counted as fresh and their facts are read as of the same moment.
        var rows = await (from d in db.ReportFactDays.AsNoTracking()
                          where d.Family == family && d.Zone == zone && d.Day >= s.FromDay && d.Day <= s.ToDay && d.Version == d.BuiltVersion
                          from f in facts.Where(f => f.DayId == d.Id).DefaultIfEmpty()
                          select new { d.Day, Data = f == null ? null : f.Data }).ToListAsync(ct);

        var days = new SortedDictionary<DateOnly, T>();
        foreach (var row in rows)
        {
            if (row.Data is null)
                days.At(row.Day);
            else if (days.TryGetValue(row.Day, out var totals))
                totals.Add(DayTotals.Decode<T>(row.Data)); // a region group: one fact per country
            else
                days[row.Day] = DayTotals.Decode<T>(row.Data);
        }
        foreach (var (first, last) in Runs(s.Days().Where(d => !days.ContainsKey(d))))
            foreach (var (day, totals) in await fromData(s.StartOf(first), s.StartOf(last.AddDays(1)), ct))
                days.At(day).Add(totals);
        foreach (var day in s.Days())
            days.At(day);
        return days;
    }

    /// <summary>The range's totals, all days added up.</summary>
    public async Task<T> TotalAsync<T>(ReportScope s, Func<DateTime, DateTime, CancellationToken, Task<Dictionary<DateOnly, T>>> fromData, CancellationToken ct,
        bool staffByName = false) where T : IDayTotals<T>, new() =>
        DayTotals.Sum((await DailyAsync(s, fromData, ct, staffByName)).Values);

    /// <summary>Consecutive days as (first, last) runs.</summary>
    private static IEnumerable<(DateOnly First, DateOnly Last)> Runs(IEnumerable<DateOnly> days)
    {
        DateOnly? first = null, last = null;
        foreach (var day in days)
        {
            if (last is { } l && day == l.AddDays(1))
            {
                last = day;
                continue;
            }
            if (first is { } f) yield return (f, last!.Value);
            first = last = day;
        }
        if (first is { } start) yield return (start, last!.Value);
    }
}
