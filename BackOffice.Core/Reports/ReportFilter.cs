using System.Globalization;

namespace BackOffice.Core.Reports;

/// <summary>
/// What a report is asked for, as the address bar carries it (so a report can be bookmarked and shared):
/// days in the operator's time zone, an account type by name, a country (ISO-2) or a region group by name,
/// a staff member by user name. Nothing here is trusted: <see cref="ReportScopes"/> checks every value.
/// </summary>
public sealed record ReportFilter(
    DateOnly? From = null, DateOnly? To = null, string? AccountType = null, string? Country = null, string? RegionGroup = null, string? Staff = null)
{
    public const string FromKey = "from", ToKey = "to", TypeKey = "type", CountryKey = "country", GroupKey = "group", StaffKey = "staff";

    private static readonly string[] Keys = [FromKey, ToKey, TypeKey, CountryKey, GroupKey, StaffKey];

    public bool IsEmpty => this == new ReportFilter();

    /// <summary>"from=2026-11-01&amp;to=2026-11-26&amp;country=GB" — only the values set, escaped.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) parts.Add(key + "=" + Uri.EscapeDataString(value.Trim()));
        }
        Add(FromKey, From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(ToKey, To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add(TypeKey, AccountType);
        Add(CountryKey, Country);
        Add(GroupKey, RegionGroup);
        Add(StaffKey, Staff);
        return string.Join("&", parts);
    }

    /// <summary>
    /// Reads the filter from an address's query values. A date that is not yyyy-mm-dd, or a key that is not a filter,
    /// is an error with a sentence: a mistyped bookmark must not quietly show something else.
    /// </summary>
    public static (ReportFilter Filter, IReadOnlyList<string> Errors) Parse(IEnumerable<KeyValuePair<string, string?>> query)
    {
        var errors = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in query)
        {
            if (!Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"'{key}' is not a report filter (use {string.Join(", ", Keys)}).");
                continue;
            }
            if (!string.IsNullOrWhiteSpace(value)) values[key] = value.Trim();
        }
        DateOnly? Day(string key)
        {
            if (!values.TryGetValue(key, out var text)) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            errors.Add($"'{text}' is not a date: write {key} as yyyy-mm-dd.");
            return null;
        }
        var filter = new ReportFilter(Day(FromKey), Day(ToKey), values.GetValueOrDefault(TypeKey), values.GetValueOrDefault(CountryKey),
            values.GetValueOrDefault(GroupKey), values.GetValueOrDefault(StaffKey));
        return (filter, errors);
    }
}
