using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Documents;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Review;

/// <summary>One condition approval depends on, with whether it holds and why not.</summary>
public sealed record ApprovalCheck(string Name, bool Passed, string Detail);

/// <summary>What must hold before a client is approved. The case screen lists it; approval is refused with the failing checks named.</summary>
public static class KycApproval
{
    /// <param name="providerVerifiedIdentity">
    /// Automatic approval after the identity provider's GREEN: a submitted identity document the provider verified counts as accepted.
    /// </param>
    public static async Task<IReadOnlyList<ApprovalCheck>> ChecksAsync(BackOfficeDb db, Client client, DateOnly today, CancellationToken ct,
        bool providerVerifiedIdentity = false)
    {
        var required = await db.DocumentRequirements.AsNoTracking()
            .Where(r => r.Kind == client.Kind && r.Active && r.RequiredForApproval).OrderBy(r => r.Order).Select(r => r.DocumentType).ToListAsync(ct);
        var accepted = await db.KycDocuments.AsNoTracking()
            .Where(d => d.ClientId == client.Id && (d.Status == DocumentStatus.Accepted
                        || (providerVerifiedIdentity && d.Status == DocumentStatus.Submitted && d.ProviderVerified && d.ReplacedById == null
                            && d.Type == DocumentType.ProofOfIdentity && d.RelatedPartyId == null)))
            .Select(d => new { d.Type, d.ExpiresOn, d.RelatedPartyId }).ToListAsync(ct);
        var checks = new List<ApprovalCheck>();
        foreach (var type in required)
        {
            var name = DocumentType.NameOf(type);
            var valid = accepted.Any(d => d.RelatedPartyId == null && d.Type == type && (d.ExpiresOn is null || d.ExpiresOn > today));
            var expired = !valid && accepted.Any(d => d.RelatedPartyId == null && d.Type == type);
            checks.Add(new(name, valid, valid ? "accepted" : expired ? "the accepted document has expired" : "not accepted yet"));
        }
        if (client.Kind == ClientKind.Corporate)
            checks.AddRange(await CorporateChecksAsync(db, client, accepted.Where(d => d.RelatedPartyId is not null && (d.ExpiresOn is null || d.ExpiresOn > today))
                .Select(d => d.RelatedPartyId!.Value).ToHashSet(), ct));
        checks.Add(await ScreeningCheckAsync(db, client.Id, ct));
        checks.Add(await RiskCheckAsync(db, client.Id, ct));
        return checks;
    }

    /// <summary>A recorded structure that adds up, and an accepted identity document for every director and beneficial owner.</summary>
    private static async Task<IEnumerable<ApprovalCheck>> CorporateChecksAsync(BackOfficeDb db, Client client, HashSet<long> identified, CancellationToken ct)
    {
        var (parties, analysis) = await Corporate.CorporateStructure.AnalyseAsync(db, client, ct);
        if (parties.Count == 0) return [new("Directors and owners", false, "no directors or shareholders recorded")];
        if (analysis is { Succeeded: false }) return [new("Directors and owners", false, analysis.Error!.Message)];
        var owners = analysis!.Value!.BeneficialOwners.ToDictionary(o => o.Person.Id, o => o.Total);
        var checks = new List<ApprovalCheck> { new("Directors and owners", true, $"{parties.Count} recorded; {owners.Count} beneficial owner(s)") };
        foreach (var p in parties.Where(p => p.Kind == Corporate.PartyKind.Person && (owners.ContainsKey(p.Id) || p.Roles.HasFlag(Corporate.PartyRoles.Director))))
        {
            var role = owners.TryGetValue(p.Id, out var share) ? $"beneficial owner {share:0.##} %" : "director";
            checks.Add(new($"Identity of {p.Name} ({role})", identified.Contains(p.Id), identified.Contains(p.Id) ? "accepted" : "not accepted yet"));
        }
        return checks;
    }

    /// <summary>
    /// Screened against the lists in force with nothing undecided and no confirmed sanctions match. A list update whose
    /// re-screen has not reached the client yet holds approval until it has.
    /// </summary>
    public static async Task<ApprovalCheck> ScreeningCheckAsync(BackOfficeDb db, long clientId, CancellationToken ct)
    {
        const string name = "Sanctions and PEP screening";
        var hits = await db.ScreeningHits.AsNoTracking()
            .Where(h => h.ClientId == clientId && (h.Status == Screening.ScreeningHitStatus.Open || h.Status == Screening.ScreeningHitStatus.TrueMatch))
            .Select(h => new { h.Status, h.EntryIsPep }).ToListAsync(ct);
        if (hits.Any(h => h.Status == Screening.ScreeningHitStatus.TrueMatch && !h.EntryIsPep))
            return new(name, false, "confirmed sanctions match");
        var open = hits.Count(h => h.Status == Screening.ScreeningHitStatus.Open);
        if (open > 0) return new(name, false, open == 1 ? "1 possible match to decide" : $"{open} possible matches to decide");
        var imports = await db.ScreeningImports.AsNoTracking().GroupBy(i => i.Source)
            .Select(g => g.OrderByDescending(i => i.Id).Select(i => new { i.Source, i.Status, i.ScreenedThroughClientId }).First()).ToListAsync(ct);
        if (imports.Count == 0) return new(name, false, "no sanctions or PEP list has been imported");
        if (imports.FirstOrDefault(i => i.Status == Screening.ScreeningImportStatus.Screening && i.ScreenedThroughClientId < clientId) is { } running)
            return new(name, false, $"the {Screening.ScreeningHitHandlers.ListName(running.Source)} update is still being screened");
        var confirmedPep = hits.Any(h => h.Status == Screening.ScreeningHitStatus.TrueMatch);
        return new(name, true, confirmedPep ? "clear of sanctions; confirmed PEP" : $"clear against {string.Join(" and ", imports.Select(i => Screening.ScreeningHitHandlers.ListName(i.Source)))}");
    }

    /// <summary>Risk not high, or enhanced due diligence signed off; any open EDD (a PEP, a complex company) must be signed off too.</summary>
    public static async Task<ApprovalCheck> RiskCheckAsync(BackOfficeDb db, long clientId, CancellationToken ct)
    {
        var risk = await db.KycCases.AsNoTracking().Where(k => k.ClientId == clientId).Select(k => new { k.RiskLevel, k.RiskPoints }).FirstOrDefaultAsync(ct);
        var edd = await db.EddCases.AsNoTracking().Where(e => e.ClientId == clientId).OrderByDescending(e => e.Id).Select(e => (Edd.EddStatus?)e.Status)
            .FirstOrDefaultAsync(ct);
        var level = risk?.RiskLevel;
        var label = level is null ? "not scored yet" : $"{level} ({risk!.RiskPoints} points)";
        if (edd == Edd.EddStatus.Open) return new("Risk and due diligence", false, $"{label}; enhanced due diligence not signed off");
        if (level == Risk.RiskLevel.High && edd != Edd.EddStatus.SignedOff)
            return new("Risk and due diligence", false, $"{label}; enhanced due diligence not signed off");
        if (level is null) return new("Risk and due diligence", false, "the client has not been risk-scored yet");
        return new("Risk and due diligence", true, edd == Edd.EddStatus.SignedOff ? $"{label}; enhanced due diligence signed off" : label);
    }

    /// <summary>Null when the client may be approved; otherwise a refusal naming every failing check.</summary>
    public static async Task<Error?> RefusalAsync(BackOfficeDb db, Client client, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var failing = (await ChecksAsync(db, client, today, ct)).Where(c => !c.Passed).ToList();
        return failing.Count == 0
            ? null
            : Error.Rule("client.kyc_incomplete",
                "The client cannot be approved yet: " + string.Join("; ", failing.Select(c => $"{c.Name.ToLowerInvariant()} — {c.Detail}")) + ".");
    }
}
