namespace BackOffice.Core.Kyc.Risk;

/// <summary>One line of the explanation: what was looked at, what it was, what it scored and why.</summary>
public sealed record RiskFactorLine(string Code, string Label, string Input, int Points, string Sentence, bool ForcesHigh = false);

/// <summary>The score, the level, and every factor that made them, in a fixed order.</summary>
public sealed record RiskAssessment(int Points, RiskLevel LevelByPoints, RiskLevel Level, IReadOnlyList<RiskFactorLine> Factors)
{
    public bool IsForced => Level != LevelByPoints;

    /// <summary>"62 points: High." or "20 points would be Low; High because of: PEP."</summary>
    public string Summary => IsForced
        ? $"{Points} points would be {LevelByPoints}; {Level} because of: {string.Join(", ", Factors.Where(f => f.ForcesHigh).Select(f => f.Label))}."
        : $"{Points} points: {Level}.";
}

/// <summary>Stable codes of the factors, for programs and for the case screen's layout.</summary>
public static class RiskFactorCodes
{
    public const string ClientKind = "client_kind";
    public const string Residence = "country_of_residence";
    public const string Nationality = "nationality";
    public const string Incorporation = "country_of_incorporation";
    public const string Pep = "pep";
    public const string ScreeningHit = "screening_hit";
    public const string SanctionsMatch = "sanctions_match";
    public const string ComplexStructure = "complex_structure";
    public const string SourceOfFunds = "source_of_funds";
    public const string YearlyVolume = "yearly_volume";
    public const string Occupation = "occupation";
}
