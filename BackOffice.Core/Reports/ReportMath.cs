namespace BackOffice.Core.Reports;

/// <summary>The few sums every report needs, written once so every report rounds the same way.</summary>
public static class ReportMath
{
    public static decimal Hours(TimeSpan span) => Math.Round((decimal)span.TotalHours, 1);

    public static decimal? Average(IReadOnlyCollection<decimal> values) => values.Count == 0 ? null : Math.Round(values.Average(), 1);

    public static decimal? Median(IReadOnlyCollection<decimal> values)
    {
        if (values.Count == 0) return null;
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : Math.Round((sorted[mid - 1] + sorted[mid]) / 2, 1);
    }

    /// <summary>The average of hours counted to the tenth (tenths → how many), as <see cref="Average(IReadOnlyCollection{decimal})"/> gives it for the list.</summary>
    public static decimal? Average(Histogram tenths) =>
        tenths.Count == 0 ? null : Math.Round(tenths.InOrder.Sum(t => t.Value * t.Count) / 10m / tenths.Count, 1);

    /// <summary>The average of hours given as their sum in tenths of an hour and how many there are.</summary>
    public static decimal? Average(long tenths, long count) => count == 0 ? null : Math.Round(tenths / 10m / count, 1);

    /// <summary>The median of hours counted to the tenth (tenths in order → how many), as <see cref="Median(IReadOnlyCollection{decimal})"/> gives it for the list.</summary>
    public static decimal? Median(Histogram tenths)
    {
        var count = tenths.Count;
        if (count == 0) return null;
        decimal At(long index)
        {
            foreach (var (value, n) in tenths.InOrder)
            {
                if (index < n) return value / 10m;
                index -= n;
            }
            throw new InvalidOperationException("Past the last value.");
        }
        var mid = count / 2;
        return count % 2 == 1 ? At(mid) : Math.Round((At(mid - 1) + At(mid)) / 2, 1);
    }

    /// <summary>A share as a fraction (shown as a percentage); null when there is nothing to divide by.</summary>
    public static decimal? Rate(long part, long whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);

    public static object?[] Row(params object?[] values) => values;
}
