namespace BackOffice.Core.Kyc.Screening.Matching;

/// <summary>Who is screened: a client's name as registered, and what else identifies them.</summary>
/// <param name="Country">ISO 3166 alpha-2 (nationality or residence).</param>
public sealed record ScreeningSubject(string Name, DateOnly? BirthDate = null, string? Country = null);

/// <summary>Which fields of a list entry agreed (or disagreed) with the client's.</summary>
[Flags]
public enum MatchedFields
{
    None = 0,
    /// <summary>The entry's primary name.</summary>
    Name = 1,
    /// <summary>One of the entry's aliases (the hit's <see cref="ScreeningHit.MatchedName"/> says which).</summary>
    Alias = 2,
    BirthDate = 4,
    Country = 8,
}

/// <summary>A list entry that may be the client: what goes to the review queue.</summary>
/// <param name="Score">0..1: the name score raised for a matching date of birth or country, lowered for a contradicting one.</param>
/// <param name="NameScore">0..1: the name (or alias) alone.</param>
/// <param name="MatchedName">The entry's name or alias that scored best, as the list writes it.</param>
/// <param name="Matched">The fields that agree.</param>
/// <param name="Contradicted">The fields both sides have and that disagree (a different year of birth, other countries).</param>
public sealed record ScreeningHit(
    ListEntry Entry,
    double Score,
    double NameScore,
    string MatchedName,
    MatchedFields Matched,
    MatchedFields Contradicted);
