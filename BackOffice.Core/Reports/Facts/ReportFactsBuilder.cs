using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackOffice.Core.Reports.Facts;

/// <summary>
/// Builds the daily facts of every family, for every time zone a staff member reads reports in: each day that has ended
/// and is missing or stale, most recent first; then, for a family that keeps them, each month that has ended. The facts
/// are derived from the data and can always be built again, so this is housekeeping, not a change anyone makes: it is
/// neither a command nor audited.
/// </summary>
public sealed class ReportFactsBuilder(BackOfficeDb db, IEnumerable<IFactFamily> families, TimeProvider clock)
{
    /// <summary>Builds at most <paramref name="maxDays"/> days (a month counts as one); returns how many it built (0: everything is up to date).</summary>
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
                    .Select(d => new { d.Day, d.IsMonth, Fresh = d.Version == d.BuiltVersion }).ToDictionaryAsync(d => (d.Day, d.IsMonth), d => d.Fresh, ct);
                var start = ReportScope.LocalDay(first, zone);
                var today = ReportScope.LocalDay(now, zone);
                // Only days that have ended: today keeps changing, and reports read it from the data.
                for (var day = today.AddDays(-1); day >= start && built < maxDays; day = day.AddDays(-1))
                {
                    if (known.GetValueOrDefault((day, false))) continue;
                    if (await BuildDayAsync(family, zone, day, ct)) built++;
                }
                if (!family.KeepsMonths) continue;
                for (var month = FirstOfMonth(today).AddMonths(-1); month >= FirstOfMonth(start) && built < maxDays; month = month.AddMonths(-1))
                {
                    if (known.GetValueOrDefault((month, true))) continue;
                    if (await BuildDayAsync(family, zone, month, ct, wholeMonth: true)) built++;
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

    public static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    /// <summary>
    /// Builds one day (or, with <paramref name="wholeMonth"/>, the month <paramref name="day"/> starts). The day's version
    /// is read before the data and checked when the facts are written: a change that committed in between has bumped it,
    /// and the day is left stale for the next round rather than written wrong.
    /// </summary>
    public async Task<bool> BuildDayAsync(IFactFamily family, TimeZoneInfo zone, DateOnly day, CancellationToken ct, bool wholeMonth = false)
    {
        var row = await db.ReportFactDays.AsNoTracking().FirstOrDefaultAsync(d => d.Family == family.Family && d.Zone == zone.Id && d.IsMonth == wholeMonth && d.Day == day, ct);
        if (row is null)
        {
            row = new ReportFactDay
            {
                Family = family.Family, Zone = zone.Id, Day = day, IsMonth = wholeMonth, StartUtc = ReportScope.StartOf(day, zone),
                EndUtc = ReportScope.StartOf(wholeMonth ? day.AddMonths(1) : day.AddDays(1), zone),
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
        await InsertAsync(row.Id, segments, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var marked = await db.ReportFactDays.Where(d => d.Id == row.Id && d.Version == version)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.BuiltVersion, version).SetProperty(d => d.BuiltAt, now), ct);
        if (marked == 0) return false; // rolled back on dispose
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// A day's facts, a few hundred rows to a statement: a busy day has a thousand segments or more, and one INSERT per row
    /// through the change tracker would make building three years of days take most of an hour.
    /// </summary>
    private async Task InsertAsync(long dayId, IReadOnlyList<(FactSegment Segment, byte[] Data)> rows, CancellationToken ct)
    {
        const int perStatement = 200;
        var entity = db.Model.FindEntityType(typeof(ReportFact))!;
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = new[] { nameof(ReportFact.DayId), nameof(ReportFact.Country), nameof(ReportFact.ManagerId), nameof(ReportFact.AccountTypeId), nameof(ReportFact.Data) }
            .Select(entity.FindProperty).Select(p => (Property: p!, Mapping: (RelationalTypeMapping)p!.GetRelationalTypeMapping())).ToArray();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} (" +
                   string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.Property.GetColumnName(table)!))) + ") VALUES ";
        var connection = db.Database.GetDbConnection();
        foreach (var chunk in rows.Chunk(perStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            var values = new List<string>(chunk.Length);
            for (var r = 0; r < chunk.Length; r++)
            {
                var (segment, data) = chunk[r];
                object[] row = [dayId, segment.Country, segment.ManagerId, segment.AccountTypeId, data];
                var names = new string[properties.Length];
                for (var c = 0; c < properties.Length; c++)
                {
                    names[c] = sql.GenerateParameterName($"p{r}_{c}");
                    command.Parameters.Add(properties[c].Mapping.CreateParameter(command, names[c], row[c], nullable: false));
                }
                values.Add("(" + string.Join(", ", names) + ")");
            }
            command.CommandText = head + string.Join(", ", values);
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
