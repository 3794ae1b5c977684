using BackOffice.Core.Accounts.Clients;

namespace BackOffice.Core.Kyc.Risk;

/// <summary>
/// Scores a client's risk from the profile: each factor adds points, the total sets the level through the
/// thresholds, and the conditions in <see cref="RiskScoringSettings.ForcedHigh"/> make it High whatever the total.
/// Pure and deterministic: the same profile and settings always give the same lines in the same order.
/// </summary>
public static class RiskScoring
{
    public static RiskAssessment Assess(RiskProfile profile, RiskScoringSettings? settings = null)
    {
        settings ??= RiskScoringSettings.Defaults;
        var lines = Factors(profile, settings).ToList();
        var points = lines.Sum(l => l.Points);
        var byPoints = settings.Thresholds.LevelOf(points);
        return new RiskAssessment(points, byPoints, lines.Any(l => l.ForcesHigh) ? RiskLevel.High : byPoints, lines);
    }

    private static IEnumerable<RiskFactorLine> Factors(RiskProfile p, RiskScoringSettings s)
    {
        var pts = s.Points;
        var corporate = p.Kind == ClientKind.Corporate;
        yield return new(RiskFactorCodes.ClientKind, "Client kind", corporate ? "company" : "individual", corporate ? pts.CorporateClient : 0,
            corporate ? "A company puts people between the broker and the money." : "An individual client.");

        if (!corporate || p.CountryOfResidence is not null)
            yield return Country(RiskFactorCodes.Residence, "Country of residence", p.CountryOfResidence, s);
        if (!corporate || p.Nationality is not null)
            yield return Country(RiskFactorCodes.Nationality, "Nationality", p.Nationality, s);
        if (corporate || p.CountryOfIncorporation is not null)
            yield return Country(RiskFactorCodes.Incorporation, "Country of incorporation", p.CountryOfIncorporation, s);

        yield return YesNo(RiskFactorCodes.Pep, "Politically exposed person", p.IsPep, pts.Pep,
            "The client is a politically exposed person (or a family member or close associate of one).", "Not a politically exposed person.",
            s.ForcedHigh.HasFlag(ForcedHigh.Pep));
        yield return YesNo(RiskFactorCodes.ScreeningHit, "Unresolved screening hit", p.HasUnresolvedScreeningHit, pts.UnresolvedScreeningHit,
            "A sanctions or PEP screening hit is still waiting for a reviewer's decision.", "No screening hit is waiting for review.");
        yield return YesNo(RiskFactorCodes.SanctionsMatch, "Confirmed sanctions match", p.IsConfirmedSanctionsMatch, pts.ConfirmedSanctionsMatch,
            "A reviewer confirmed the client is on a sanctions list: the relationship must not go on; escalate to the MLRO.",
            "No confirmed sanctions match.", s.ForcedHigh.HasFlag(ForcedHigh.ConfirmedSanctionsMatch));
        if (corporate || p.HasComplexStructure)
            yield return YesNo(RiskFactorCodes.ComplexStructure, "Complex ownership structure", p.HasComplexStructure, pts.ComplexStructure,
                "Layers, nominees or trusts stand between the client and the people who own it.", "Ownership is plain to see.");

        var funds = pts.SourceOfFunds.GetValueOrDefault(p.SourceOfFunds);
        yield return new(RiskFactorCodes.SourceOfFunds, "Source of funds", p.SourceOfFunds.Describe(), funds,
            p.SourceOfFunds == SourceOfFunds.OtherOrUndeclared
                ? $"Where the money comes from is not declared, or fits no category: {Points(funds)}."
                : $"Funds from {p.SourceOfFunds.Describe()}: {Points(funds)}.");

        var band = pts.YearlyVolume.Where(b => p.ExpectedYearlyVolumeUsd >= b.FromUsd).MaxBy(b => b.FromUsd);
        yield return new(RiskFactorCodes.YearlyVolume, "Expected yearly volume", KycText.Usd(p.ExpectedYearlyVolumeUsd), band?.Points ?? 0,
            band is null ? "Below every volume band." : $"From {KycText.Usd(band.FromUsd)} a year: {Points(band.Points)}.");

        var occupation = pts.Occupation.GetValueOrDefault(p.OccupationCategory);
        var described = p.Occupation is { Length: > 0 } own ? $"{own.Trim()} ({p.OccupationCategory.Describe()})" : p.OccupationCategory.Describe();
        yield return new(RiskFactorCodes.Occupation, corporate ? "Industry" : "Occupation", described, occupation,
            $"Scored as {p.OccupationCategory.Describe()}: {Points(occupation)}.");
    }

    private static RiskFactorLine Country(string code, string label, string? country, RiskScoringSettings s)
    {
        if (country is not { Length: > 0 })
            return new(code, label, "not given", s.Points.CountryNotGiven, $"{label} is not given; it scores as a monitored country until it is.");
        var described = s.Countries.Describe(country);
        return s.Countries.RiskOf(country) switch
        {
            CountryRisk.HighRisk => new(code, label, described, s.Points.HighRiskCountry,
                $"{described} is a high-risk jurisdiction subject to an FATF call for action ({s.Countries.Source}).",
                s.ForcedHigh.HasFlag(ForcedHigh.HighRiskCountry)),
            CountryRisk.IncreasedMonitoring => new(code, label, described, s.Points.IncreasedMonitoringCountry,
                $"{described} is under FATF increased monitoring ({s.Countries.Source})."),
            _ => new(code, label, described, 0, $"{described} is not on the country risk list."),
        };
    }

    private static RiskFactorLine YesNo(string code, string label, bool yes, int points, string whenYes, string whenNo, bool forces = false) =>
        yes ? new(code, label, "yes", points, forces ? whenYes + " This alone makes the client High." : whenYes, forces)
            : new(code, label, "no", 0, whenNo);

    private static string Points(int n) => n == 1 ? "1 point" : $"{n} points";
}
