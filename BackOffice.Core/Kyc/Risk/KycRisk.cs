using System.Text.Json;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Edd;
using BackOffice.Core.Kyc.Review;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Risk;

/// <summary>
/// Scores a client again whenever a factor changes, keeps the history, and applies the consequences:
/// enhanced due diligence for high risk, PEPs and complex companies; an approved client who becomes
/// high risk is restricted until that due diligence is signed off.
/// </summary>
public static class KycRisk
{
    public static async Task<RiskProfile> ProfileAsync(BackOfficeDb db, Client client, CancellationToken ct)
    {
        var (_, structure) = await Corporate.CorporateStructure.AnalyseAsync(db, client, ct);
        var hits = await db.ScreeningHits.AsNoTracking()
            .Where(h => h.ClientId == client.Id && (h.Status == Screening.ScreeningHitStatus.Open || h.Status == Screening.ScreeningHitStatus.TrueMatch))
            .Select(h => new { h.Status, h.EntryIsPep }).ToListAsync(ct);
        var declaration = db.ClientDeclarations.Local.FirstOrDefault(d => d.ClientId == client.Id)
                          ?? await db.ClientDeclarations.AsNoTracking().FirstOrDefaultAsync(d => d.ClientId == client.Id, ct);
        return new RiskProfile
        {
            Kind = client.Kind,
            CountryOfResidence = client.Kind == ClientKind.Individual ? client.Country : null,
            Nationality = client.Kind == ClientKind.Individual ? client.Nationality : null,
            CountryOfIncorporation = client.Kind == ClientKind.Corporate ? client.CountryOfIncorporation ?? client.Country : null,
            // Declared, or confirmed by screening against a PEP list.
            IsPep = declaration?.IsPep == true || hits.Any(h => h.Status == Screening.ScreeningHitStatus.TrueMatch && h.EntryIsPep),
            HasUnresolvedScreeningHit = hits.Any(h => h.Status == Screening.ScreeningHitStatus.Open),
            IsConfirmedSanctionsMatch = hits.Any(h => h.Status == Screening.ScreeningHitStatus.TrueMatch && !h.EntryIsPep),
            SourceOfFunds = declaration?.SourceOfFunds ?? SourceOfFunds.OtherOrUndeclared,
            ExpectedYearlyVolumeUsd = declaration?.ExpectedYearlyVolumeUsd ?? 0,
            Occupation = declaration?.Occupation,
            OccupationCategory = declaration?.OccupationCategory ?? OccupationCategory.Other,
            HasComplexStructure = structure?.Value?.Complexity.IsComplex == true,
        };
    }

    /// <param name="countries">The country risk list when the caller already holds it (re-scoring many clients); otherwise it is read.</param>
    public static async Task<Error?> RecomputeAsync(BackOfficeDb db, Effects effects, Client client, string trigger, DateTime now, CancellationToken ct,
        CountryRiskList? countries = null)
    {
        var profile = await ProfileAsync(db, client, ct);
        countries ??= await CountryRisks.LoadAsync(db, ct);
        var assessment = RiskScoring.Assess(profile, RiskScoringSettings.Defaults with { Countries = countries });
        var kycCase = await KycQueue.CaseAsync(db, client, ct);
        var level = kycCase.RiskOverride ?? assessment.Level;
        var changed = kycCase.RiskAssessedAt is null || kycCase.RiskPoints != assessment.Points || kycCase.ScoredLevel != assessment.Level
                      || kycCase.RiskLevel != level;
        if (changed)
        {
            kycCase.ScoredLevel = assessment.Level;
            kycCase.RiskPoints = assessment.Points;
            kycCase.RiskLevel = level;
            kycCase.RiskAssessedAt = now;
            db.RiskRecords.Add(new RiskRecord
            {
                ClientId = client.Id,
                At = now,
                Points = assessment.Points,
                ScoredLevel = assessment.Level,
                Level = level,
                Trigger = trigger,
                Factors = JsonSerializer.Serialize(assessment.Factors),
            });
            effects.Touch(KycCounters.HighRisk);
        }
        return await ApplyConsequencesAsync(db, effects, client, level, profile, assessment, now, ct);
    }

    /// <summary>Why this client needs enhanced due diligence, or nothing when they do not.</summary>
    public static IReadOnlyList<string> EddReasons(RiskLevel level, RiskProfile profile, RiskAssessment assessment)
    {
        var reasons = new List<string>();
        if (level == RiskLevel.High) reasons.Add($"High risk ({assessment.Points} points)");
        if (profile.IsPep) reasons.Add("Politically exposed person");
        if (profile.HasComplexStructure) reasons.Add("Complex ownership structure");
        return reasons;
    }

    private static async Task<Error?> ApplyConsequencesAsync(BackOfficeDb db, Effects effects, Client client, RiskLevel level, RiskProfile profile,
        RiskAssessment assessment, DateTime now, CancellationToken ct)
    {
        var reasons = EddReasons(level, profile, assessment);
        if (reasons.Count == 0) return null;
        var edd = await db.EddCases.Where(e => e.ClientId == client.Id).OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        if (edd is null)
        {
            db.EddCases.Add(new EddCase { ClientId = client.Id, OpenedAt = now, Reasons = string.Join("; ", reasons), Status = EddStatus.Open });
            effects.Touch(KycCounters.EddOpen);
            effects.Publish("kyc.edd_opened", new { clientId = client.Id, clientNumber = client.Number, reasons });
        }
        if (level != RiskLevel.High || edd?.Status == EddStatus.SignedOff || client.Status != ClientStatus.Approved) return null;
        return await ClientMoves.RestrictAsync(db, effects, client, RestrictionCategory.EnhancedDueDiligence,
            $"High risk ({assessment.Points} points): restricted until enhanced due diligence is signed off", now, ct);
    }
}
