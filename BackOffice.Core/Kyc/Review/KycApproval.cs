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
        return checks;
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
