using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// The monitoring rules and the country risk list, which judge every deposit, withdrawal and login, kept between
/// commands instead of read for each event: compliance changes them a few times a year. A saved change to a rule, a
/// listed country or the list's edition empties it (<see cref="SharedCache{T}"/>).
/// </summary>
internal static class MonitoringSettingsCache
{
    private static readonly SharedCache<ActivityMonitor> Cache = new(SharedCaches.Monitoring);

    public static void Invalidate() => Cache.Invalidate();

    public static Task<ActivityMonitor> GetAsync(BackOfficeDb db, Func<BackOfficeDb, CancellationToken, Task<ActivityMonitor>> read, CancellationToken ct) =>
        Cache.GetAsync(db, read, ct);
}
