using System.Collections.Concurrent;

namespace BackOffice.Core.Staff.Access;

/// <summary>
/// Remembers each staff member's permission set between commands, so the permission stage does
/// not read the role matrix on every command. Any saved change to roles, role permissions, role
/// assignments, or a member's disabled or two-factor state empties it on this node at once (after
/// its commit); other web nodes notice within <see cref="MaxAge"/> — far tighter than the minute
/// in which a signed-in cookie is re-validated.
/// </summary>
public sealed class AccessCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    // Process-wide: a change saved through any context (pooled, any scope) invalidates every cache.
    private static long _generation;

    private readonly ConcurrentDictionary<string, Entry> _entries = new();

    private sealed record Entry(long Generation, long At, IReadOnlySet<string>? Permissions);

    public static long Generation => Interlocked.Read(ref _generation);

    public static void Invalidate() => Interlocked.Increment(ref _generation);

    public bool TryGet(string staffId, out IReadOnlySet<string>? permissions)
    {
        if (_entries.TryGetValue(staffId, out var e) && e.Generation == Generation && clock.GetElapsedTime(e.At) < MaxAge)
        {
            permissions = e.Permissions;
            return true;
        }
        permissions = null;
        return false;
    }

    /// <param name="generation">The generation read before the matrix was read: a change committed meanwhile makes the entry stale at once.</param>
    public void Set(string staffId, long generation, IReadOnlySet<string>? permissions) =>
        _entries[staffId] = new Entry(generation, clock.GetTimestamp(), permissions);
}
