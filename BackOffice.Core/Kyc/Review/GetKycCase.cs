using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Documents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Review;

/// <summary>A document type the client must provide, with the latest document of that type (if any).</summary>
public sealed record RequirementState(string Type, string Name, bool RequiredForApproval, KycDocument? Latest);

/// <summary>Another client who shares something that should be unique to one person.</summary>
public sealed record DuplicateMatch(long ClientId, long Number, string Name, string Status, string Matched);

public sealed record KycCaseView(
    Client Client,
    KycCase? Case,
    IReadOnlyList<RequirementState> Requirements,
    IReadOnlyList<KycDocument> Documents,
    IReadOnlyList<ApprovalCheck> ApprovalChecks,
    IReadOnlyList<DuplicateMatch> Duplicates,
    IReadOnlyList<Risk.RiskRecord> RiskHistory,
    Edd.EddCase? Edd,
    Risk.ClientDeclaration? Declaration,
    IReadOnlyList<Corporate.CorporateParty> Parties,
    Corporate.OwnershipAnalysis? Ownership,
    string? OwnershipProblem)
{
    /// <summary>The factor lines of the latest scoring, as they were explained then.</summary>
    public IReadOnlyList<Risk.RiskFactorLine> RiskFactors =>
        RiskHistory.Count == 0 ? [] : System.Text.Json.JsonSerializer.Deserialize<List<Risk.RiskFactorLine>>(RiskHistory[0].Factors) ?? [];

    /// <summary>The chain a document belongs to, oldest first (each resubmission links to the one it replaced).</summary>
    public IReadOnlyList<KycDocument> ChainOf(KycDocument document)
    {
        var byId = Documents.ToDictionary(d => d.Id);
        var first = document;
        while (first.ReplacesId is { } previous && byId.TryGetValue(previous, out var earlier)) first = earlier;
        var chain = new List<KycDocument> { first };
        while (chain[^1].ReplacedById is { } next && byId.TryGetValue(next, out var later)) chain.Add(later);
        return chain;
    }
}

/// <summary>Everything a compliance officer needs to decide a case, side by side.</summary>
[RequiresPermission(KycPermissions.View)]
public sealed record GetKycCase(long ClientId) : IBackOfficeQuery<KycCaseView?>;

public sealed class GetKycCaseHandler(BackOfficeDb db, TimeProvider clock) : IQueryHandler<GetKycCase, KycCaseView?>
{
    public async ValueTask<KycCaseView?> Handle(GetKycCase query, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.ClientId, ct);
        if (client is null) return null;
        var kycCase = await db.KycCases.AsNoTracking().FirstOrDefaultAsync(k => k.ClientId == client.Id, ct);
        var documents = await db.KycDocuments.AsNoTracking().Where(d => d.ClientId == client.Id).OrderBy(d => d.Id).ToListAsync(ct);
        var requirements = await db.DocumentRequirements.AsNoTracking().Where(r => r.Kind == client.Kind && r.Active).OrderBy(r => r.Order).ToListAsync(ct);
        var states = requirements.Select(r => new RequirementState(r.DocumentType, DocumentType.NameOf(r.DocumentType), r.RequiredForApproval,
            documents.Where(d => d.RelatedPartyId == null && d.Type == r.DocumentType && d.ReplacedById == null).MaxBy(d => d.Id))).ToList();
        var (parties, structure) = await Corporate.CorporateStructure.AnalyseAsync(db, client, ct);
        var checks = await KycApproval.ChecksAsync(db, client, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        var history = await db.RiskRecords.AsNoTracking().Where(r => r.ClientId == client.Id).OrderByDescending(r => r.Id).Take(20).ToListAsync(ct);
        var edd = await db.EddCases.AsNoTracking().Where(e => e.ClientId == client.Id).OrderByDescending(e => e.Id).FirstOrDefaultAsync(ct);
        var declaration = await db.ClientDeclarations.AsNoTracking().FirstOrDefaultAsync(d => d.ClientId == client.Id, ct);
        return new KycCaseView(client, kycCase, states, documents, checks, await DuplicatesAsync(client, documents, ct), history, edd, declaration,
            parties, structure?.Value, structure is { Succeeded: false } ? structure.Error!.Message : null);
    }

    /// <summary>The same identity document number and country, e-mail, phone, or name with date of birth on another client.</summary>
    private async Task<IReadOnlyList<DuplicateMatch>> DuplicatesAsync(Client client, List<KycDocument> documents, CancellationToken ct)
    {
        var matches = new List<(long Id, string Matched)>();
        foreach (var doc in documents.Where(d => d.Number is not null && d.IssuingCountry is not null && d.Status != DocumentStatus.Rejected))
        {
            var others = await db.KycDocuments.Where(d => d.Number == doc.Number && d.IssuingCountry == doc.IssuingCountry && d.ClientId != client.Id)
                .Select(d => d.ClientId).Distinct().Take(20).ToListAsync(ct);
            matches.AddRange(others.Select(o => (o, $"{DocumentType.NameOf(doc.Type).ToLowerInvariant()} number {doc.IssuingCountry} {Mask(doc.Number!)}")));
        }
        if (client.PhoneKey.Length >= 6)
            matches.AddRange((await db.Clients.Where(c => c.PhoneKey == client.PhoneKey && c.Id != client.Id).Select(c => c.Id).Take(20).ToListAsync(ct))
                .Select(o => (o, "phone number")));
        if (client.Kind == ClientKind.Individual && client.DateOfBirth is { } dob)
        {
            // Born the same day and named alike: the screening matcher forgives typos, transliterations and swapped order.
            var name = $"{client.FirstName} {client.LastName}";
            var bornSameDay = await db.Clients.Where(c => c.DateOfBirth == dob && c.Id != client.Id && c.Kind == ClientKind.Individual)
                .Select(c => new { c.Id, c.FirstName, c.LastName }).Take(500).ToListAsync(ct);
            foreach (var other in bornSameDay)
            {
                var score = Matcher.CompareNames(name, $"{other.FirstName} {other.LastName}");
                if (score >= DuplicateNameScore)
                    matches.Add((other.Id, score >= 0.999 ? "name and date of birth" : $"similar name ({other.FirstName} {other.LastName}) and date of birth"));
            }
        }
        if (matches.Count == 0) return [];
        var ids = matches.Select(m => m.Id).Distinct().ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Number, c.DisplayName, c.Status }).ToDictionaryAsync(c => c.Id, ct);
        return matches.GroupBy(m => m.Id).Select(g =>
        {
            var c = clients[g.Key];
            return new DuplicateMatch(c.Id, c.Number, c.DisplayName, c.Status.ToString(), string.Join(", ", g.Select(m => m.Matched).Distinct()));
        }).ToList();
    }

    private const double DuplicateNameScore = 0.9;
    private static readonly Screening.Matching.NameMatcher Matcher = new();

    private static string Mask(string number) => number.Length <= 4 ? "••••" : new string('•', number.Length - 4) + number[^4..];
}

/// <summary>The file of a document, for the preview on the case screen. Only staff who may see KYC files get it.</summary>
[RequiresPermission(KycPermissions.View)]
public sealed record GetDocumentFile(long DocumentId) : IBackOfficeQuery<DocumentFileContent?>;

public sealed record DocumentFileContent(string FileName, string ContentType, byte[] Content);

public sealed class GetDocumentFileHandler(BackOfficeDb db, IDocumentFiles files) : IQueryHandler<GetDocumentFile, DocumentFileContent?>
{
    public async ValueTask<DocumentFileContent?> Handle(GetDocumentFile query, CancellationToken ct)
    {
        var doc = await db.KycDocuments.AsNoTracking().Where(d => d.Id == query.DocumentId)
            .Select(d => new { d.FileName, d.ContentType, d.StorageKey }).FirstOrDefaultAsync(ct);
        return doc is null ? null : new DocumentFileContent(doc.FileName, doc.ContentType, await files.ReadAsync(doc.StorageKey, ct));
    }
}

/// <summary>The configured document list per kind of client.</summary>
[RequiresPermission(KycPermissions.View)]
public sealed record GetDocumentRequirements : IBackOfficeQuery<IReadOnlyList<DocumentRequirement>>;

public sealed class GetDocumentRequirementsHandler(BackOfficeDb db) : IQueryHandler<GetDocumentRequirements, IReadOnlyList<DocumentRequirement>>
{
    public async ValueTask<IReadOnlyList<DocumentRequirement>> Handle(GetDocumentRequirements query, CancellationToken ct) =>
        await db.DocumentRequirements.AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Order).ToListAsync(ct);
}
