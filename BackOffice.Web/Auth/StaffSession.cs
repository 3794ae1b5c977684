using BackOffice.Core.Common;
using BackOffice.Core.Staff;

namespace BackOffice.Web.Auth;

/// <summary>The signed-in staff member as a page sees them: who, what they may do, their time zone.</summary>
public sealed class StaffSession(CommandSender sender)
{
    private MyAccessInfo? _me;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public MyAccessInfo? Me => _me;

    public event Action? Changed;

    public async Task<MyAccessInfo> LoadAsync(bool refresh = false)
    {
        if (_me is null || refresh)
        {
            _me = await sender.QueryAsync(new MyAccess());
            _zone = TimeZoneInfo.TryFindSystemTimeZoneById(_me.TimeZone, out var tz) ? tz : TimeZoneInfo.Utc;
            Changed?.Invoke();
        }
        return _me;
    }

    public bool Can(string permission) => _me?.Permissions.Contains(permission) == true;

    /// <summary>A stored UTC time, shown in the operator's zone.</summary>
    public string Show(DateTime? utc) => utc is null
        ? "—"
        : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc.Value, DateTimeKind.Utc), _zone).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);

    public string ZoneName => _zone.Id;

    /// <summary>The start of a day picked in the operator's time zone, in UTC (what filters on stored times need).</summary>
    public DateTime? DayStartUtc(DateTime? day) =>
        day is { } d ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(d.Date, DateTimeKind.Unspecified), _zone) : null;
}
