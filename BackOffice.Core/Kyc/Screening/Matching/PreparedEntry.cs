using System.Globalization;

namespace BackOffice.Core.Kyc.Screening.Matching;

/// <summary>A list entry with its names normalised and its dates of birth read, once per list load.</summary>
internal sealed class PreparedEntry
{
    public PreparedEntry(ListEntry entry)
    {
        Entry = entry;
        Names = [PreparedName.Of(entry.Name), .. entry.Aliases.Where(a => !string.IsNullOrWhiteSpace(a)).Select(PreparedName.Of)];
        BirthDates = entry.BirthDates.Select(ReadDate).OfType<PartialDate>().ToArray();
        Countries = entry.Countries.Select(c => c.ToUpperInvariant()).ToArray();
    }

    public ListEntry Entry { get; }

    /// <summary>The primary name first, then the aliases.</summary>
    public PreparedName[] Names { get; }

    public PartialDate[] BirthDates { get; }

    public string[] Countries { get; }

    /// <summary>A year, a year and month, or a full date, as lists give them.</summary>
    public readonly record struct PartialDate(int Year, int? Month, int? Day)
    {
        public bool Covers(DateOnly date) =>
            Year == date.Year && (Month is null || Month == date.Month) && (Day is null || Day == date.Day);
    }

    private static PartialDate? ReadDate(string text)
    {
        var parts = text.Trim().Split('-');
        int? Part(int i) => parts.Length > i && int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var year = Part(0);
        return year is >= 1000 and <= 9999 ? new PartialDate(year.Value, Part(1), Part(2)) : null;
    }
}
