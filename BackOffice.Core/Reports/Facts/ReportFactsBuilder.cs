using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Facts;

/// <summary>
/// Builds the daily facts of every family, for every time zone a staff member reads reports in: each day that has ended
/// and is missing or stale, most recent first. The facts are derived from the data and can always be built again, so this
/// is housekeeping, not a change anyone makes: it is neither a command nor audited.
/// </summary>
public sealed class ReportFactsBuilder(BackOfficeDb db, IEnumerable<IFactFamily> families, TimeProvider clock)
{
    /// <summary>Builds at most <paramref name="maxDays"/> days; returns how many it built (0: everything is up to date).</summary>
    public async Task<int> RefreshAsync(int maxDays, CancellationToken ct)
    {
        var zones = await ZonesAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var built = 0;
        foreach (var family in families)
        {
            if (await family.FirstAsync(db, ct) is not { } first) continue;
            foreach (var zone in zones)
            {
                var known = await db.ReportFactDays.AsNoTracking().Where(d => d.Family == family.Family && d.Zone == zone.Id)
                    .Select(d => new { d.Day, Fresh = d.Version == d.BuiltVersion }).ToDictionaryAsync(d => d.Day, d => d.Fresh, ct);
                var start = ReportScope.LocalDay(first, zone);
                // Only days that have ended: today keeps changing, and reports read it from the data.
                for (var day = ReportScope.LocalDay(now, zone).AddDays(-1); day >= start && built < maxDays; day = day.AddDays(-1))
                {
                    if (known.GetValueOrDefault(day)) continue;
                    if (await BuildDayAsync(family, zone, day, ct)) built++;
                }
            }
        }
        return built;
    }

    /// <summary>
    /// The time zones reports are read in: every staff member's, and UTC (for whoever has none). A zone a staff member
    /// picks later is built from then on; until it is, its reports read the data.
    /// </summary>
    public async Task<IReadOnlyList<TimeZoneInfo>> ZonesAsync(CancellationToken ct)
    {
        var names = await db.Users.AsNoTracking().Select(u => u.TimeZone).Distinct().ToListAsync(ct);
        return [.. names.Append("UTC").Select(n => TimeZoneInfo.TryFindSystemTimeZoneById(n, out var z) ? z : null).OfType<TimeZoneInfo>().DistinctBy(z => z.Id)];
    }

    /// <summary>
    /// Builds one day. The day's version is read before the data and checked when the facts are written: a change that
    /// committed in between has bumped it, and the day is left stale for the next round rather than written wrong.
    /// </summary>
    public async Task<bool> BuildDayAsync(IFactFamily family, TimeZoneInfo zone, DateOnly day, CancellationToken ct)
    {
        var row = await db.ReportFactDays.AsNoTracking().FirstOrDefaultAsync(d => d.Family == family.Family && d.Zone == zone.Id && d.Day == day, ct);
        if (row is null)
        {
            row = new ReportFactDay
            {
                Family = family.Family, Zone = zone.Id, Day = day, StartUtc = ReportScope.StartOf(day, zone), EndUtc = ReportScope.StartOf(day.AddDays(1), zone),
            };
            db.ReportFactDays.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return false; // built at the same moment by another node: its round will do
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        var version = row.Version;
        var segments = await family.BuildAsync(db, row.StartUtc, row.EndUtc, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ReportFacts.Where(f => f.DayId == row.Id).ExecuteDeleteAsync(ct);
        db.ReportFacts.AddRange(segments.Select(s => new ReportFact
        {
            DayId = row.Id, Country = s.Segment.Country, ManagerId = s.Segment.ManagerId, AccountTypeId = s.Segment.AccountTypeId, Data = s.Data,
        }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        var now = clock.GetUtcNow().UtcDateTime;
        var marked = await db.ReportFactDays.Where(d => d.Id == row.Id && d.Version == version)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.BuiltVersion, version).SetProperty(d => d.BuiltAt, now), ct);
        if (marked == 0) return false; // rolled back on dispose
        await transaction.CommitAsync(ct);
        return true;
    }
}
