using System.Text.Json;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Edd;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Kyc.Risk;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// The demo book's declarations and risk scores, computed by the same scoring the commands use; high-risk
/// clients get their enhanced due diligence (signed off for those already approved, open for the rest).
/// </summary>
internal static class DemoRisk
{
    private static readonly (string Occupation, OccupationCategory Category)[] Occupations =
    [
        ("Software engineer", OccupationCategory.Employed), ("Teacher", OccupationCategory.Employed), ("Retired", OccupationCategory.Retired),
        ("Shop owner", OccupationCategory.SelfEmployed), ("Student", OccupationCategory.Student), ("Fund analyst", OccupationCategory.FinancialServices),
        ("Estate agent", OccupationCategory.RealEstate), ("Jeweller", OccupationCategory.PreciousMetalsOrJewellery), ("Restaurant owner", OccupationCategory.CashIntensiveBusiness),
    ];

    public static async Task AddAsync(BackOfficeDb db, IReadOnlyList<Client> clients, (string Id, string Name) officer, Random random, DateTime now, CancellationToken ct)
    {
        var cases = await db.KycCases.ToDictionaryAsync(k => k.ClientId, ct);
        foreach (var client in clients)
        {
            var (occupation, category) = Occupations[random.Next(Occupations.Length)];
            var declaration = new ClientDeclaration
            {
                ClientId = client.Id,
                SourceOfFunds = random.NextDouble() switch { < 0.5 => SourceOfFunds.Salary, < 0.7 => SourceOfFunds.Savings, < 0.8 => SourceOfFunds.BusinessIncome,
                    < 0.88 => SourceOfFunds.Investments, < 0.93 => SourceOfFunds.Crypto, _ => SourceOfFunds.Inheritance },
                ExpectedYearlyVolumeUsd = random.Next(1, 60) * 5_000,
                Occupation = occupation,
                OccupationCategory = client.Kind == ClientKind.Corporate ? OccupationCategory.FinancialServices : category,
                IsPep = random.NextDouble() < 0.01,
                UpdatedAt = client.RegisteredAt,
            };
            db.ClientDeclarations.Add(declaration);
            var assessment = RiskScoring.Assess(new RiskProfile
            {
                Kind = client.Kind,
                CountryOfResidence = client.Kind == ClientKind.Individual ? client.Country : null,
                Nationality = client.Kind == ClientKind.Individual ? client.Nationality : null,
                CountryOfIncorporation = client.Kind == ClientKind.Corporate ? client.CountryOfIncorporation ?? client.Country : null,
                IsPep = declaration.IsPep,
                SourceOfFunds = declaration.SourceOfFunds,
                ExpectedYearlyVolumeUsd = declaration.ExpectedYearlyVolumeUsd,
                Occupation = declaration.Occupation,
                OccupationCategory = declaration.OccupationCategory,
            });
            if (!cases.TryGetValue(client.Id, out var kycCase)) db.KycCases.Add(kycCase = new KycCase { ClientId = client.Id });
            KycQueue.Follow(kycCase, client);
            kycCase.RiskLevel = kycCase.ScoredLevel = assessment.Level;
            kycCase.RiskPoints = assessment.Points;
            kycCase.RiskAssessedAt = client.RegisteredAt;
            db.RiskRecords.Add(new RiskRecord
            {
                ClientId = client.Id, At = client.RegisteredAt, Points = assessment.Points, ScoredLevel = assessment.Level, Level = assessment.Level,
                Trigger = "registered", Factors = JsonSerializer.Serialize(assessment.Factors),
            });
            if (assessment.Level != RiskLevel.High && !declaration.IsPep) continue;
            var decided = client.Status is ClientStatus.Approved or ClientStatus.Restricted or ClientStatus.Closed;
            db.EddCases.Add(new EddCase
            {
                ClientId = client.Id,
                OpenedAt = client.RegisteredAt.AddHours(1),
                Reasons = string.Join("; ", KycRisk.EddReasons(assessment.Level, new RiskProfile { IsPep = declaration.IsPep }, assessment)),
                Status = decided ? EddStatus.SignedOff : EddStatus.Open,
                SourceOfWealthEvidence = decided, SourceOfFundsEvidence = decided, SeniorManagementApproval = decided, EnhancedMonitoring = decided,
                SignedOffBy = decided ? officer.Name : null,
                SignedOffAt = decided ? client.StatusChangedAt.AddHours(-2) : null,
                SignOffNote = decided ? "Source of wealth and funds evidenced; senior management approved" : null,
            });
        }
        await db.SaveChangesAsync(ct);
    }
}
