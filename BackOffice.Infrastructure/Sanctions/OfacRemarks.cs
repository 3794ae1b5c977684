using System.Globalization;
using System.Text.RegularExpressions;

namespace BackOffice.Infrastructure.Sanctions;

/// <summary>
/// What the SDN <c>Remarks</c> column says about identity: <c>DOB 12 Mar 1965</c>,
/// <c>alt. DOB 1966</c>, <c>DOB circa 1965</c>, <c>DOB 1960 to 1962</c>; <c>nationality Iran</c>,
/// <c>citizen Russia</c>. Segments are separated by <c>;</c>; other segments (POB, passports,
/// gender…) are not used by screening.
/// </summary>
internal static partial class OfacRemarks
{
    /// <summary>A range wider than this is kept as its two ends rather than every year in between.</summary>
    private const int MaxExpandedYears = 10;

    public static IEnumerable<string> BirthDates(string remarks)
    {
        foreach (var value in Values(remarks, DobPattern()))
        {
            var dates = value.Split(" to ", StringSplitOptions.TrimEntries).Select(ReadDate).OfType<string>().ToArray();
            if (dates is [{ Length: 4 } first, { Length: 4 } last] && Year(last) - Year(first) is >= 0 and <= MaxExpandedYears)
                for (var year = Year(first); year <= Year(last); year++)
                    yield return year.ToString(CultureInfo.InvariantCulture);
            else
                foreach (var date in dates)
                    yield return date;
        }
    }

    private static int Year(string year) => int.Parse(year, CultureInfo.InvariantCulture);

    public static IEnumerable<string> Countries(string remarks) =>
        Values(remarks, NationalityPattern()).Select(CountryNames.Iso);

    private static IEnumerable<string> Values(string remarks, Regex pattern) =>
        remarks.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(segment => pattern.Match(segment))
            .Where(m => m.Success)
            .Select(m => m.Groups["value"].Value.Trim().TrimEnd('.'));

    /// <summary><c>12 Mar 1965</c> → <c>1965-03-12</c>, <c>Mar 1965</c> → <c>1965-03</c>, <c>circa 1965</c> → <c>1965</c>.</summary>
    private static string? ReadDate(string text)
    {
        var m = DatePattern().Match(text);
        if (!m.Success)
            return null;
        var year = m.Groups["year"].Value;
        if (!m.Groups["month"].Success)
            return year;
        if (!DateTime.TryParseExact(m.Groups["month"].Value[..3], "MMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return year;
        var yearMonth = $"{year}-{month.Month:00}";
        return m.Groups["day"].Success ? $"{yearMonth}-{int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture):00}" : yearMonth;
    }

    [GeneratedRegex(@"^(?:alt\.\s*)?DOB\s+(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DobPattern();

    [GeneratedRegex(@"^(?:alt\.\s*)?(?:nationality|citizen)\s+(?<value>.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NationalityPattern();

    [GeneratedRegex(@"^(?:(?:circa|c\.|approximately)\s*)?(?:(?<day>\d{1,2})\s+)?(?:(?<month>[A-Za-z]{3,9})\s+)?(?<year>\d{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();
}
