using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Common.Data;

/// <summary>
/// Settings read by nearly every command of a kind and changed a few times a year, kept between commands instead of read
/// each time. A saved change to their rows empties the cache on this node at once (and again after its commit, see
/// <see cref="BackOfficeDb"/>); other web nodes notice within <see cref="MaxAge"/>, as they notice a change of permissions.
/// </summary>
/// <remarks>
/// Kept per database, since one process may serve several (the tests do). A context that saved such a change in its open
/// transaction reads its own rows and caches nothing: they are not committed yet, and may never be. What is kept is shared
/// between commands and threads, so it is never changed after it was read.
/// </remarks>
internal sealed class SharedCache<T>(SharedCaches rows) where T : class
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    // Process-wide: a change saved through any context invalidates every database's entry.
    private long _generation;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(long Generation, long At, T Value);

    public void Invalidate() => Interlocked.Increment(ref _generation);

    public async Task<T> GetAsync(BackOfficeDb db, Func<BackOfficeDb, CancellationToken, Task<T>> read, CancellationToken ct)
    {
        if (db.ChangedCaches.HasFlag(rows))
            return await read(db, ct);
        var key = db.Database.GetConnectionString() ?? "";
        var generation = Interlocked.Read(ref _generation);
        if (_entries.TryGetValue(key, out var e) && e.Generation == generation && Stopwatch.GetElapsedTime(e.At) < MaxAge)
            return e.Value;
        // The generation read before the rows: a change saved meanwhile makes this entry stale at once.
        var value = await read(db, ct);
        _entries[key] = new Entry(generation, Stopwatch.GetTimestamp(), value);
        return value;
    }
}
