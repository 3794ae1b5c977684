using System.Diagnostics;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Facts;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// Builds the reports' daily facts as the background refresh would on a book that has none yet (every day of every
/// family, in every staff member's time zone), timed, and says how much they take in the database.
/// </summary>
public static class ReportFactsWarmup
{
    /// <param name="lastDays">
    /// Only the last this many days, in the one time zone the benchmark reads reports in (the refresh builds every day of
    /// every zone, most recent first, and would get to these first too): a whole book's three years take hours on a busy machine.
    /// </param>
    public static async Task BuildAsync(BenchApp app, int? lastDays = null, TimeZoneInfo? zone = null)
    {
        var started = Stopwatch.StartNew();
        var load = LoadAverage();
        var days = 0;
        if (lastDays is { } count && zone is not null)
        {
            var today = ReportScope.LocalDay(DateTime.UtcNow, zone);
            foreach (var family in app.App.Services.GetServices<IFactFamily>())
            {
                // A kept book keeps the days built before: only the days missing or stale are built (a new family's, a day changed since).
                HashSet<(DateOnly, bool)> fresh;
                await using (var scope = app.Scopes.CreateAsyncScope())
                    fresh = [.. scope.ServiceProvider.GetRequiredService<Core.Common.Data.BackOfficeDb>().ReportFactDays
                        .Where(d => d.Family == family.Family && d.Zone == zone.Id && d.Version == d.BuiltVersion).Select(d => new { d.Day, d.IsMonth })
                        .AsEnumerable().Select(d => (d.Day, d.IsMonth))];
                // The days, then (for a family that keeps them) the whole months that have ended among them.
                var months = family.KeepsMonths
                    ? Enumerable.Range(0, count / 28 + 2).Select(i => ReportFactsBuilder.FirstOfMonth(today).AddMonths(-1 - i)).Where(m => m >= today.AddDays(-count))
                    : [];
                foreach (var (day, whole) in Enumerable.Range(1, count).Select(i => (today.AddDays(-i), false)).Concat(months.Select(m => (m, true))))
                {
                    if (fresh.Contains((day, whole))) continue;
                    await using var scope = app.Scopes.CreateAsyncScope();
                    if (await scope.ServiceProvider.GetRequiredService<ReportFactsBuilder>().BuildDayAsync(family, zone, day, CancellationToken.None, whole)) days++;
                    if (days % 100 == 0)
                        Console.WriteLine($"  facts: {days:N0} days built ({F(started.Elapsed.TotalSeconds, "0")} s)");
                }
            }
        }
        else
        {
            int built;
            do
            {
                await using var scope = app.Scopes.CreateAsyncScope();
                built = await scope.ServiceProvider.GetRequiredService<ReportFactsBuilder>().RefreshAsync(100, CancellationToken.None);
                days += built;
                if (built > 0)
                    Console.WriteLine($"  facts: {days:N0} days built ({F(started.Elapsed.TotalSeconds, "0")} s)");
            } while (built > 0);
        }
        await SampleAsync(app);
        using var connection = ClientBookSeed.Open(app.DatabaseFile);
        Console.WriteLine($"facts: {days:N0} days built in {F(started.Elapsed.TotalSeconds, "0.0")} s (load {F(load, "0.0")}→{F(LoadAverage(), "0.0")}); " +
            $"{ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM ReportFactDays"):N0} days and {ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM ReportFacts"):N0} " +
            $"fact rows ({ClientBookSeed.Scalar(connection, "SELECT COALESCE(SUM(LENGTH(Data)), 0) FROM ReportFacts") / 1024.0 / 1024:0} MB of totals) in the database");
    }

    /// <summary>Where a day's build goes: reading and adding up the day's data, against the whole build (with writing its facts), on the last ten days.</summary>
    private static async Task SampleAsync(BenchApp app)
    {
        Console.WriteLine("facts, one day at a time (the last ten days): | family | read and add up (ms) | whole build (ms) | fact rows a day |");
        foreach (var family in app.App.Services.GetServices<IFactFamily>())
        {
            var read = new List<double>();
            var whole = new List<double>();
            long rows = 0;
            for (var back = 1; back <= 10; back++)
            {
                var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-back);
                await using var scope = app.Scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<Core.Common.Data.BackOfficeDb>();
                var started = Stopwatch.GetTimestamp();
                var segments = await family.BuildAsync(db, ReportScope.StartOf(day, TimeZoneInfo.Utc), ReportScope.StartOf(day.AddDays(1), TimeZoneInfo.Utc), CancellationToken.None);
                read.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                rows += segments.Count;
                started = Stopwatch.GetTimestamp();
                await scope.ServiceProvider.GetRequiredService<ReportFactsBuilder>().BuildDayAsync(family, TimeZoneInfo.Utc, day, CancellationToken.None);
                whole.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            Console.WriteLine($"  | {family.Family} | {F(Median(read), "0")} | {F(Median(whole), "0")} | {rows / 10:N0} |");
        }
    }
}
