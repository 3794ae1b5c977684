using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Kyc.Risk;

namespace BackOffice.Tests.Kyc.Rules;

public sealed class RiskScoringTests
{
    private static readonly RiskProfile PlainIndividual = new()
    {
        Kind = ClientKind.Individual, CountryOfResidence = "DE", Nationality = "DE",
        SourceOfFunds = SourceOfFunds.Salary, ExpectedYearlyVolumeUsd = 20_000,
        Occupation = "Teacher", OccupationCategory = OccupationCategory.Employed,
    };

    [Theory]
    [InlineData(ClientKind.Individual, "DE", "DE", null, false, false, false, false, SourceOfFunds.Salary, 20_000, OccupationCategory.Employed, 0, RiskLevel.Low)]
    [InlineData(ClientKind.Individual, null, "FR", null, false, false, false, false, SourceOfFunds.Salary, 0, OccupationCategory.Employed, 15, RiskLevel.Low)]
    [InlineData(ClientKind.Individual, "DE", "DE", null, false, false, false, false, SourceOfFunds.SaleOfProperty, 0, OccupationCategory.Unemployed, 20, RiskLevel.Low)]
    [InlineData(ClientKind.Individual, "DE", "DE", null, false, true, false, false, SourceOfFunds.Salary, 49_999.99, OccupationCategory.Employed, 25, RiskLevel.Medium)]
    [InlineData(ClientKind.Individual, "KE", "KE", null, false, false, false, false, SourceOfFunds.Salary, 30_000, OccupationCategory.Employed, 30, RiskLevel.Medium)]
    [InlineData(ClientKind.Individual, "DE", "DE", null, false, true, false, false, SourceOfFunds.Savings, 50_000, OccupationCategory.SelfEmployed, 40, RiskLevel.Medium)]
    [InlineData(ClientKind.Individual, "DE", "DE", null, false, true, false, false, SourceOfFunds.Crypto, 0, OccupationCategory.Employed, 50, RiskLevel.High)]
    [InlineData(ClientKind.Individual, "GB", "GB", null, false, false, false, false, SourceOfFunds.Crypto, 1_500_000, OccupationCategory.CryptoAssets, 65, RiskLevel.High)]
    [InlineData(ClientKind.Corporate, null, null, "CY", false, false, false, false, SourceOfFunds.BusinessIncome, 500_000, OccupationCategory.FinancialServices, 35, RiskLevel.Medium)]
    [InlineData(ClientKind.Corporate, null, null, "CY", false, false, false, true, SourceOfFunds.BusinessIncome, 500_000, OccupationCategory.FinancialServices, 55, RiskLevel.High)]
    [InlineData(ClientKind.Corporate, null, null, null, false, false, false, false, SourceOfFunds.BusinessIncome, 0, OccupationCategory.Other, 40, RiskLevel.Medium)]
    [InlineData(ClientKind.Individual, "DE", "DE", null, true, false, false, false, SourceOfFunds.Salary, 10_000, OccupationCategory.Employed, 30, RiskLevel.High)]
    [InlineData(ClientKind.Individual, "DE", "IR", null, false, false, false, false, SourceOfFunds.Salary, 10_000, OccupationCategory.Employed, 40, RiskLevel.High)]
    [InlineData(ClientKind.Individual, "DE", "DE", null, false, true, true, false, SourceOfFunds.Salary, 10_000, OccupationCategory.Employed, 125, RiskLevel.High)]
    public void The_scoring_table(ClientKind kind, string? residence, string? nationality, string? incorporation, bool pep, bool hit,
        bool sanctioned, bool complex, SourceOfFunds funds, double volume, OccupationCategory occupation, int points, RiskLevel level)
    {
        var assessment = RiskScoring.Assess(new RiskProfile
        {
            Kind = kind, CountryOfResidence = residence, Nationality = nationality, CountryOfIncorporation = incorporation,
            IsPep = pep, HasUnresolvedScreeningHit = hit, IsConfirmedSanctionsMatch = sanctioned, HasComplexStructure = complex,
            SourceOfFunds = funds, ExpectedYearlyVolumeUsd = (decimal)volume, OccupationCategory = occupation,
        });

        Assert.Equal(points, assessment.Points);
        Assert.Equal(level, assessment.Level);
        Assert.Equal(points, assessment.Factors.Sum(f => f.Points));
    }

    [Fact]
    public void Each_factor_is_a_line_with_its_input_points_and_a_sentence()
    {
        var assessment = RiskScoring.Assess(PlainIndividual with { CountryOfResidence = "KE", ExpectedYearlyVolumeUsd = 300_000 });

        Assert.Equal(
            [RiskFactorCodes.ClientKind, RiskFactorCodes.Residence, RiskFactorCodes.Nationality, RiskFactorCodes.Pep, RiskFactorCodes.ScreeningHit,
             RiskFactorCodes.SanctionsMatch, RiskFactorCodes.SourceOfFunds, RiskFactorCodes.YearlyVolume, RiskFactorCodes.Occupation],
            assessment.Factors.Select(f => f.Code));
        var residence = assessment.Factors.Single(f => f.Code == RiskFactorCodes.Residence);
        Assert.Equal(("Country of residence", "KE Kenya", 15), (residence.Label, residence.Input, residence.Points));
        Assert.StartsWith("KE Kenya is under FATF increased monitoring", residence.Sentence, StringComparison.Ordinal);
        var volume = assessment.Factors.Single(f => f.Code == RiskFactorCodes.YearlyVolume);
        Assert.Equal(("USD 300,000.00", 10, "From USD 250,000.00 a year: 10 points."), (volume.Input, volume.Points, volume.Sentence));
        Assert.Equal("Teacher (employed)", assessment.Factors.Single(f => f.Code == RiskFactorCodes.Occupation).Input);
        Assert.All(assessment.Factors, f => Assert.False(string.IsNullOrWhiteSpace(f.Sentence)));
        Assert.Equal("25 points: Medium.", assessment.Summary);
    }

    [Fact]
    public void A_company_is_scored_on_incorporation_and_structure_rather_than_nationality()
    {
        var codes = RiskScoring.Assess(new RiskProfile { Kind = ClientKind.Corporate, CountryOfIncorporation = "VG" }).Factors.Select(f => f.Code).ToList();

        Assert.Contains(RiskFactorCodes.Incorporation, codes);
        Assert.Contains(RiskFactorCodes.ComplexStructure, codes);
        Assert.DoesNotContain(RiskFactorCodes.Nationality, codes);
        Assert.DoesNotContain(RiskFactorCodes.Residence, codes);
    }

    [Fact]
    public void A_pep_is_high_whatever_the_points_and_the_summary_says_why()
    {
        var assessment = RiskScoring.Assess(PlainIndividual with { IsPep = true });

        Assert.Equal(RiskLevel.Medium, assessment.LevelByPoints);
        Assert.Equal(RiskLevel.High, assessment.Level);
        Assert.True(assessment.IsForced);
        Assert.True(assessment.Factors.Single(f => f.Code == RiskFactorCodes.Pep).ForcesHigh);
        Assert.Equal("30 points would be Medium; High because of: Politically exposed person.", assessment.Summary);
    }

    [Fact]
    public void A_confirmed_sanctions_match_forces_high()
    {
        var line = RiskScoring.Assess(PlainIndividual with { IsConfirmedSanctionsMatch = true }).Factors.Single(f => f.Code == RiskFactorCodes.SanctionsMatch);

        Assert.True(line.ForcesHigh);
        Assert.Contains("must not go on", line.Sentence);
    }

    [Fact]
    public void A_call_for_action_country_forces_high_on_any_link_but_a_monitored_one_only_adds_points()
    {
        var company = new RiskProfile { Kind = ClientKind.Corporate, CountryOfIncorporation = "KP", SourceOfFunds = SourceOfFunds.BusinessIncome };

        var blacklisted = RiskScoring.Assess(company);
        var greylisted = RiskScoring.Assess(company with { CountryOfIncorporation = "MC" });

        Assert.Equal(RiskLevel.High, blacklisted.Level);
        Assert.True(blacklisted.Factors.Single(f => f.Code == RiskFactorCodes.Incorporation).ForcesHigh);
        Assert.Equal(RiskLevel.Medium, greylisted.Level);
        Assert.DoesNotContain(greylisted.Factors, f => f.ForcesHigh);
    }

    [Fact]
    public void Forcing_is_a_setting()
    {
        var settings = RiskScoringSettings.Defaults with { ForcedHigh = ForcedHigh.ConfirmedSanctionsMatch };

        var assessment = RiskScoring.Assess(PlainIndividual with { IsPep = true }, settings);

        Assert.Equal(RiskLevel.Medium, assessment.Level);
        Assert.False(assessment.Factors.Single(f => f.Code == RiskFactorCodes.Pep).ForcesHigh);
    }

    [Fact]
    public void Points_thresholds_and_the_country_list_are_settings()
    {
        var settings = RiskScoringSettings.Defaults with
        {
            Countries = new CountryRiskList("internal list", [new("DE", "Germany", CountryRisk.IncreasedMonitoring)]),
            Points = new RiskPoints { IncreasedMonitoringCountry = 3 },
            Thresholds = new RiskThresholds(5, 10),
        };

        var assessment = RiskScoring.Assess(PlainIndividual, settings);

        Assert.Equal(6, assessment.Points);
        Assert.Equal(RiskLevel.Medium, assessment.Level);
        Assert.Contains("(internal list)", assessment.Factors.Single(f => f.Code == RiskFactorCodes.Nationality).Sentence);
    }

    [Fact]
    public void The_same_profile_always_gives_the_same_explanation()
    {
        var profile = PlainIndividual with { IsPep = true, Nationality = "VN", SourceOfFunds = SourceOfFunds.Inheritance };

        Assert.Equal(RiskScoring.Assess(profile).Factors, RiskScoring.Assess(profile).Factors);
    }
}
