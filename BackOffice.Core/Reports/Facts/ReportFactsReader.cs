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
        CancellationToken ct, bool staffByName = false) where T : IDayTotals<T>, new() =>
        (await ReadAsync(s, fromData, months: false, staffByName, ct)).Days;

    /// <summary>The range's totals, all days added up.</summary>
    public async Task<T> TotalAsync<T>(ReportScope s, Func<DateTime, DateTime, CancellationToken, Task<Dictionary<DateOnly, T>>> fromData, CancellationToken ct,
        bool staffByName = false) where T : IDayTotals<T>, new() =>
        DayTotals.Sum((await DailyAsync(s, fromData, ct, staffByName)).Values);

    /// <summary>
    /// The range's days and their total, for a family that keeps months: each whole month of the range whose month facts are
    /// fresh is added as one, so its days' facts are read for the chart but never added up. The days and the months are read in
    /// one statement, so both are as of the same moment.
    /// </summary>
    public async Task<(SortedDictionary<DateOnly, T> Days, T Total)> DailyAndTotalAsync<T>(ReportScope s,
        Func<DateTime, DateTime, CancellationToken, Task<Dictionary<DateOnly, T>>> fromData, CancellationToken ct, bool staffByName = false)
        where T : IDayTotals<T>, new()
    {
        var (days, months) = await ReadAsync(s, fromData, months: true, staffByName, ct);
        var total = new T();
        foreach (var month in months.Values) total.Add(month);
        foreach (var (day, totals) in days)
            if (!months.ContainsKey(ReportFactsBuilder.FirstOfMonth(day)))
                total.Add(totals);
        return (days, total);
    }

    private async Task<(SortedDictionary<DateOnly, T> Days, Dictionary<DateOnly, T> Months)> ReadAsync<T>(ReportScope s,
        Func<DateTime, DateTime, CancellationToken, Task<Dictionary<DateOnly, T>>> fromData, bool months, bool staffByName, CancellationToken ct)
        where T : IDayTotals<T>, new()
    {
        var family = s.Definition.Kind;
        var zone = s.Zone.Id;
        var facts = s.InSegment(db.ReportFacts.AsNoTracking(), staffByName);
        // Only months wholly inside the range: from its first day, through a month that ends by its last.
        var (fromDay, toDay) = (s.FromDay, s.ToDay);
        var lastMonth = ReportFactsBuilder.FirstOfMonth(toDay.AddDays(1)).AddMonths(-1);
        var rows = await (from d in db.ReportFactDays.AsNoTracking()
                          where d.Family == family && d.Zone == zone && d.Day >= fromDay && d.Day <= toDay && d.Version == d.BuiltVersion
                                && (!d.IsMonth || (months && d.Day <= lastMonth))
                          from f in facts.Where(f => f.DayId == d.Id).DefaultIfEmpty()
                          select new { d.Day, d.IsMonth, Data = f == null ? null : f.Data }).ToListAsync(ct);

        var days = new SortedDictionary<DateOnly, T>();
        var wholeMonths = new Dictionary<DateOnly, T>();
        foreach (var row in rows)
        {
            IDictionary<DateOnly, T> into = row.IsMonth ? wholeMonths : days;
            if (row.Data is null)
                into.At(row.Day);
            else if (into.TryGetValue(row.Day, out var totals))
                totals.Add(DayTotals.Decode<T>(row.Data)); // a region group: one fact per country
            else
                into[row.Day] = DayTotals.Decode<T>(row.Data);
        }
        foreach (var (first, last) in Runs(s.Days().Where(d => !days.ContainsKey(d))))
            foreach (var (day, totals) in await fromData(s.StartOf(first), s.StartOf(last.AddDays(1)), ct))
                days.At(day).Add(totals);
        foreach (var day in s.Days())
            days.At(day);
        return (days, wholeMonths);
    }

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
