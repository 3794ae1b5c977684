using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Documents;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Review;

/// <summary>
/// A client's compliance case: who is working it and since when it has been waiting. One per
/// client, made the first time the client needs a compliance officer.
/// </summary>
public sealed class KycCase : IVersioned
{
    public long ClientId { get; set; }

    /// <summary>Set while the case waits for compliance: the client is in review or has documents to review.</summary>
    public DateTime? QueuedSince { get; set; }

    public string? AssigneeId { get; set; }
    public string? AssigneeName { get; set; }
    public DateTime? AssignedAt { get; set; }

    /// <summary>The client's kind and country of residence, copied here so the queue filters on its own indexes.</summary>
    public ClientKind ClientKind { get; set; }

    public string ClientCountry { get; set; } = "";

    /// <summary>The level in force: a manual override when one is set, otherwise the scored level.</summary>
    public Risk.RiskLevel? RiskLevel { get; set; }

    public Risk.RiskLevel? ScoredLevel { get; set; }
    public int RiskPoints { get; set; }
    public Risk.RiskLevel? RiskOverride { get; set; }
    public string? RiskOverrideReason { get; set; }
    public DateTime? RiskAssessedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>Keeps a case's place in the review queue in step with the client and their documents.</summary>
public static class KycQueue
{
    /// <summary>The client's case, created when missing, with the client's kind and country brought up to date.</summary>
    public static async Task<KycCase> CaseAsync(BackOfficeDb db, Client client, CancellationToken ct)
    {
        var kycCase = await CaseAsync(db, client.Id, ct);
        Follow(kycCase, client);
        return kycCase;
    }

    public static void Follow(KycCase kycCase, Client client)
    {
        if (kycCase.ClientKind != client.Kind) kycCase.ClientKind = client.Kind;
        if (kycCase.ClientCountry != client.Country) kycCase.ClientCountry = client.Country;
    }

    public static async Task<KycCase> CaseAsync(BackOfficeDb db, long clientId, CancellationToken ct)
    {
        var found = db.KycCases.Local.FirstOrDefault(c => c.ClientId == clientId)
                    ?? await db.KycCases.FirstOrDefaultAsync(c => c.ClientId == clientId, ct);
        if (found is not null) return found;
        var created = new KycCase { ClientId = clientId };
        db.KycCases.Add(created);
        return created;
    }

    /// <summary>
    /// In the queue while the client waits in review or any document waits for a decision; the age
    /// counts from when it entered, and a case already waiting keeps its place.
    /// </summary>
    public static async Task RefreshAsync(BackOfficeDb db, Client client, DateTime now, CancellationToken ct)
    {
        // Pending changes (a document just uploaded or decided) must count.
        await db.SaveChangesAsync(ct);
        var waiting = client.Status == ClientStatus.PendingReview
                      || await db.KycDocuments.AnyAsync(d => d.ClientId == client.Id && d.Status == DocumentStatus.Submitted, ct);
        var existing = db.KycCases.Local.FirstOrDefault(c => c.ClientId == client.Id)
                       ?? await db.KycCases.FirstOrDefaultAsync(c => c.ClientId == client.Id, ct);
        if (existing is null && !waiting) return;
        var kycCase = existing ?? await CaseAsync(db, client.Id, ct);
        Follow(kycCase, client);
        if (waiting) kycCase.QueuedSince ??= now;
        else kycCase.QueuedSince = null;
    }

    /// <summary>
    /// Puts the case in the queue even when no document waits: something only compliance can decide has
    /// come up. It leaves the queue with the next decision that leaves nothing waiting.
    /// </summary>
    public static async Task HoldAsync(BackOfficeDb db, long clientId, DateTime now, CancellationToken ct) =>
        (await CaseAsync(db, clientId, ct)).QueuedSince ??= now;
}
