using System.Collections.Concurrent;
using System.Diagnostics;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// The monitoring rules and the country risk list, which judge every deposit, withdrawal and login, kept between
/// commands instead of read for each event: compliance changes them a few times a year. A saved change to a rule, a
/// listed country or the list's edition empties the cache on this node at once (and again after its commit); other web
/// nodes notice within <see cref="MaxAge"/>, as they notice a change of permissions (<see cref="Staff.Access.AccessCache"/>).
/// </summary>
/// <remarks>
/// Kept per database, since one process may serve several (the tests do). A context that saved such a change in its
/// open transaction reads its own rows and caches nothing: they are not committed yet, and may never be.
/// </remarks>
internal static class MonitoringSettingsCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    // Process-wide: a change saved through any context invalidates every database's entry.
    private static long _generation;

    private static readonly ConcurrentDictionary<string, Entry> Entries = new(StringComparer.Ordinal);

    private sealed record Entry(long Generation, long At, ActivityMonitor Monitor);

    public static void Invalidate() => Interlocked.Increment(ref _generation);

    public static async Task<ActivityMonitor> GetAsync(BackOfficeDb db, Func<BackOfficeDb, CancellationToken, Task<ActivityMonitor>> read, CancellationToken ct)
    {
        if (db.ChangedCaches.HasFlag(SharedCaches.Monitoring))
            return await read(db, ct);
        var key = db.Database.GetConnectionString() ?? "";
        var generation = Interlocked.Read(ref _generation);
        if (Entries.TryGetValue(key, out var e) && e.Generation == generation && Stopwatch.GetElapsedTime(e.At) < MaxAge)
            return e.Monitor;
        // The generation read before the rows: a change saved meanwhile makes this entry stale at once.
        var monitor = await read(db, ct);
        Entries[key] = new Entry(generation, Stopwatch.GetTimestamp(), monitor);
        return monitor;
    }
}
