using System.Globalization;

namespace BackOffice.Web.Features.Reports.Floor;

/// <summary>How the floor writes ages and amounts: short enough to read across a room.</summary>
public static class FloorText
{
    /// <summary>"45 min", "3 h 20 min", "2 d 4 h".</summary>
    public static string Age(DateTime sinceUtc, DateTime asOfUtc)
    {
        var age = asOfUtc - sinceUtc;
        if (age < TimeSpan.Zero) age = TimeSpan.Zero;
        if (age.TotalHours < 1) return $"{(int)age.TotalMinutes} min";
        if (age.TotalDays < 1) return age.Minutes == 0 ? $"{(int)age.TotalHours} h" : $"{(int)age.TotalHours} h {age.Minutes} min";
        return age.Hours == 0 ? $"{(int)age.TotalDays} d" : $"{(int)age.TotalDays} d {age.Hours} h";
    }

    public static string Usd(decimal amount) => amount.ToString("N2", CultureInfo.InvariantCulture);
}
