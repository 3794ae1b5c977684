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
    public static async Task<IReadOnlyList<ApprovalCheck>> ChecksAsync(BackOfficeDb db, Client client, DateOnly today, CancellationToken ct)
    {
        var required = await db.DocumentRequirements.AsNoTracking()
            .Where(r => r.Kind == client.Kind && r.Active && r.RequiredForApproval).OrderBy(r => r.Order).Select(r => r.DocumentType).ToListAsync(ct);
        var accepted = await db.KycDocuments.AsNoTracking()
            .Where(d => d.ClientId == client.Id && d.Status == DocumentStatus.Accepted)
            .Select(d => new { d.Type, d.ExpiresOn }).ToListAsync(ct);
        var checks = new List<ApprovalCheck>();
        foreach (var type in required)
        {
            var name = DocumentType.NameOf(type);
            var valid = accepted.Any(d => d.Type == type && (d.ExpiresOn is null || d.ExpiresOn > today));
            var expired = !valid && accepted.Any(d => d.Type == type);
            checks.Add(new(name, valid, valid ? "accepted" : expired ? "the accepted document has expired" : "not accepted yet"));
        }
        checks.Add(await RiskCheckAsync(db, client.Id, ct));
        return checks;
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
