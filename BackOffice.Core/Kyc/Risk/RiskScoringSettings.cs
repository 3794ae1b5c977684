namespace BackOffice.Core.Kyc.Risk;

/// <summary>Conditions that make a client High whatever the points add up to.</summary>
[Flags]
public enum ForcedHigh
{
    None = 0,
    ConfirmedSanctionsMatch = 1,
    HighRiskCountry = 2,
    Pep = 4,
}

/// <summary>Points from this yearly volume upward (the highest band reached applies).</summary>
public sealed record VolumeBand(decimal FromUsd, int Points);

/// <summary>Points each factor adds. Countries score once per link (residence, nationality, incorporation).</summary>
public sealed record RiskPoints
{
    public int CorporateClient { get; init; } = 10;
    public int IncreasedMonitoringCountry { get; init; } = 15;
    public int HighRiskCountry { get; init; } = 40;

    /// <summary>A required country left blank scores as a monitored one until it is given.</summary>
    public int CountryNotGiven { get; init; } = 15;

    public int Pep { get; init; } = 30;
    public int UnresolvedScreeningHit { get; init; } = 25;
    public int ConfirmedSanctionsMatch { get; init; } = 100;
    public int ComplexStructure { get; init; } = 20;

    public IReadOnlyDictionary<SourceOfFunds, int> SourceOfFunds { get; init; } = new Dictionary<SourceOfFunds, int>
    {
        [Risk.SourceOfFunds.Salary] = 0, [Risk.SourceOfFunds.Savings] = 5, [Risk.SourceOfFunds.Investments] = 5,
        [Risk.SourceOfFunds.BusinessIncome] = 10, [Risk.SourceOfFunds.Inheritance] = 10, [Risk.SourceOfFunds.SaleOfProperty] = 10,
        [Risk.SourceOfFunds.Crypto] = 25, [Risk.SourceOfFunds.OtherOrUndeclared] = 30,
    };

    public IReadOnlyList<VolumeBand> YearlyVolume { get; init; } = [new(0, 0), new(50_000, 5), new(250_000, 10), new(1_000_000, 20)];

    public IReadOnlyDictionary<OccupationCategory, int> Occupation { get; init; } = new Dictionary<OccupationCategory, int>
    {
        [OccupationCategory.Employed] = 0, [OccupationCategory.Retired] = 0, [OccupationCategory.Student] = 5,
        [OccupationCategory.SelfEmployed] = 5, [OccupationCategory.FinancialServices] = 5, [OccupationCategory.Other] = 5,
        [OccupationCategory.Unemployed] = 10, [OccupationCategory.RealEstate] = 10,
        [OccupationCategory.CashIntensiveBusiness] = 20, [OccupationCategory.Gambling] = 20,
        [OccupationCategory.PreciousMetalsOrJewellery] = 20, [OccupationCategory.CryptoAssets] = 20,
        [OccupationCategory.ArmsOrDefence] = 20,
    };
}

/// <summary>Below <see cref="MediumFrom"/> points a client is Low; from <see cref="HighFrom"/>, High.</summary>
public sealed record RiskThresholds(int MediumFrom, int HighFrom)
{
    public RiskLevel LevelOf(int points) =>
        points >= HighFrom ? RiskLevel.High : points >= MediumFrom ? RiskLevel.Medium : RiskLevel.Low;
}

/// <summary>
/// The scoring model as data. By default High is forced by a confirmed sanctions match (the relationship must not
/// go on), by a link to a FATF call-for-action country (FATF asks for enhanced due diligence on all of them) and by
/// a PEP (EU AMLD article 20 asks for enhanced due diligence on every politically exposed person).
/// </summary>
public sealed record RiskScoringSettings(CountryRiskList Countries, RiskPoints Points, RiskThresholds Thresholds, ForcedHigh ForcedHigh)
{
    public static RiskScoringSettings Defaults { get; } = new(CountryRiskList.Fatf, new RiskPoints(), new RiskThresholds(25, 50),
        ForcedHigh.ConfirmedSanctionsMatch | ForcedHigh.HighRiskCountry | ForcedHigh.Pep);
}
