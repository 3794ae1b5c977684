namespace BackOffice.Core.Kyc.Screening.Matching;

/// <summary>
/// Decides whether a client may be a list entry: the best of the entry's name and aliases
/// against the client's name (<see cref="CompareNames"/>), then raised for a matching date of
/// birth or country and lowered for a contradicting one. A score at or above
/// <see cref="Threshold"/> is a hit for review.
/// </summary>
public sealed class NameMatcher
{
    /// <summary>Chosen on the labelled name pairs (see the screening section of docs/benchmarks.md).</summary>
    public const double DefaultThreshold = 0.85;

    public const double BirthDateBoost = 0.08;
    public const double BirthDatePenalty = 0.15;
    public const double CountryBoost = 0.03;
    /// <summary>Small: a client's country is often residence, a list's often nationality.</summary>
    public const double CountryPenalty = 0.03;

    /// <summary>The most the other fields can add: a name this far below the threshold can still be a hit.</summary>
    public const double MaxBoost = BirthDateBoost + CountryBoost;

    /// <summary>Sums of the constants above land a rounding error either side of the threshold (0.9 − 0.05).</summary>
    private const double Tolerance = 1e-9;

    /// <summary>Years of birth this close are neither a match nor a contradiction: lists often give "circa".</summary>
    private const int BirthYearTolerance = 1;

    public NameMatcher(double threshold = DefaultThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1.0);
        Threshold = threshold;
    }

    public double Threshold { get; }

    /// <summary>A name scoring below this cannot become a hit, whatever the other fields say.</summary>
    internal double NameCutoff => Threshold - MaxBoost - Tolerance;

    /// <summary>How alike two names are, 0..1, ignoring order, case, diacritics, punctuation and titles.</summary>
    public double CompareNames(string a, string b) => NameSimilarity.Compare(PreparedName.Of(a), PreparedName.Of(b));

    /// <summary>The hit, when <paramref name="entry"/> scores at or above the threshold for <paramref name="subject"/>; otherwise null.</summary>
    public ScreeningHit? Match(ScreeningSubject subject, ListEntry entry) =>
        Match(subject, PreparedName.Of(subject.Name), new PreparedEntry(entry));

    internal ScreeningHit? Match(ScreeningSubject subject, PreparedName name, PreparedEntry entry)
    {
        var (best, score) = (0, -1.0);
        for (var i = 0; i < entry.Names.Length; i++)
        {
            var s = NameSimilarity.Compare(name, entry.Names[i]);
            if (s > score)
                (best, score) = (i, s);
        }
        return Judge(subject, entry, best, score);
    }

    /// <summary>Adds the other fields' evidence to the best name score of an entry, and keeps it if it reaches the threshold.</summary>
    internal ScreeningHit? Judge(ScreeningSubject subject, PreparedEntry entry, int nameIndex, double nameScore)
    {
        if (nameScore < NameCutoff)
            return null;
        var matched = nameIndex == 0 ? MatchedFields.Name : MatchedFields.Alias;
        var contradicted = MatchedFields.None;
        var score = nameScore;

        if (subject.BirthDate is { } born && entry.BirthDates.Length > 0)
        {
            if (entry.BirthDates.Any(d => d.Covers(born)))
                (score, matched) = (score + BirthDateBoost, matched | MatchedFields.BirthDate);
            else if (!entry.BirthDates.Any(d => Math.Abs(d.Year - born.Year) <= BirthYearTolerance))
                (score, contradicted) = (score - BirthDatePenalty, contradicted | MatchedFields.BirthDate);
        }
        if (!string.IsNullOrEmpty(subject.Country) && entry.Countries.Length > 0)
        {
            if (entry.Countries.Contains(subject.Country.ToUpperInvariant()))
                (score, matched) = (score + CountryBoost, matched | MatchedFields.Country);
            else
                (score, contradicted) = (score - CountryPenalty, contradicted | MatchedFields.Country);
        }

        score = Math.Clamp(score, 0, 1);
        return score >= Threshold - Tolerance
            ? new ScreeningHit(entry.Entry, score, nameScore, entry.Names[nameIndex].Written, matched, contradicted)
            : null;
    }
}
