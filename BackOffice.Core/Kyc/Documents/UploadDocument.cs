using System.Security.Cryptography;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Review;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Kyc.Documents;

/// <summary>What every upload carries, from staff or from the client portal.</summary>
public interface IDocumentUpload
{
    long ClientId { get; }
    string Type { get; }
    string FileName { get; }
    byte[] Content { get; }
    DocumentData? Data { get; }

    /// <summary>The document this one replaces; when empty, the latest of the same type is replaced.</summary>
    long? ReplacesId { get; }

    /// <summary>For a corporate client: the director or owner whose identity document this is.</summary>
    long? RelatedPartyId { get; }
}

/// <summary>Staff upload a document on the client's behalf (received by e-mail, in the branch…).</summary>
[RequiresPermission(KycPermissions.Upload)]
public sealed record UploadDocument(long ClientId, string Type, string FileName, byte[] Content, DocumentData? Data = null, long? ReplacesId = null,
    long? RelatedPartyId = null) : IBackOfficeCommand<Result<long>>, IDocumentUpload;

/// <summary>The client uploads a document in the client portal (through the client API).</summary>
[SystemCommand]
public sealed record UploadDocumentFromApi(long ClientId, string Type, string FileName, byte[] Content, DocumentData? Data = null, long? ReplacesId = null,
    long? RelatedPartyId = null) : IBackOfficeCommand<Result<long>>, IDocumentUpload;

public abstract class DocumentUploadValidator<T> : AbstractValidator<T> where T : IDocumentUpload
{
    protected DocumentUploadValidator(IOptions<KycOptions> options)
    {
        RuleFor(x => x.ClientId).GreaterThan(0).WithMessage("Choose a client.");
        RuleFor(x => x.Type).Must(t => DocumentType.Find(t) is not null)
            .WithMessage(x => $"'{x.Type}' is not a document type; use one of {string.Join(", ", DocumentType.All.Select(t => t.Code))}.");
        RuleFor(x => x.Content).Custom((content, ctx) =>
        {
            var (_, refusal) = DocumentFile.Inspect(ctx.InstanceToValidate.FileName, content ?? [], options.Value.MaxUploadBytes);
            if (refusal is not null) ctx.AddFailure("File", refusal);
        });
        When(x => x.Data is not null, () => RuleFor(x => x.Data!).SetValidator(new DocumentDataValidator()));
    }
}

public sealed class UploadDocumentValidator(IOptions<KycOptions> options) : DocumentUploadValidator<UploadDocument>(options);
public sealed class UploadDocumentFromApiValidator(IOptions<KycOptions> options) : DocumentUploadValidator<UploadDocumentFromApi>(options);

public sealed class DocumentDataValidator : AbstractValidator<DocumentData>
{
    public DocumentDataValidator()
    {
        RuleFor(x => x.ExpiresOn).GreaterThan(x => x.IssuedOn!.Value).When(x => x.IssuedOn is not null && x.ExpiresOn is not null)
            .WithMessage("The expiry date must be after the issue date.");
        RuleFor(x => x.IssuingCountry).Must(c => Accounts.Countries.Find(c!) is not null).When(x => !string.IsNullOrWhiteSpace(x.IssuingCountry))
            .WithMessage("Choose the issuing country from the list (two-letter code).");
        RuleFor(x => x.Number).MaximumLength(60);
        RuleFor(x => x.PrintedName).MaximumLength(200);
        RuleFor(x => x.Address).MaximumLength(300);
    }
}

public sealed class UploadDocumentHandler(BackOfficeDb db, Effects effects, TimeProvider clock, IDocumentFiles files, CommandContext context,
    IOptions<KycOptions> options)
    : ICommandHandler<UploadDocument, Result<long>>, ICommandHandler<UploadDocumentFromApi, Result<long>>
{
    public ValueTask<Result<long>> Handle(UploadDocument command, CancellationToken ct) => Upload(command, "staff", ct);

    public ValueTask<Result<long>> Handle(UploadDocumentFromApi command, CancellationToken ct) => Upload(command, "portal", ct);

    private async ValueTask<Result<long>> Upload(IDocumentUpload command, string source, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null) return Error.NotFound("The client");
        if (client.Status == ClientStatus.Closed) return Error.Rule("client.closed", "The client is closed; no documents can be added.");
        var type = DocumentType.Find(command.Type)!;
        if (command.RelatedPartyId is { } partyId)
        {
            var party = await db.CorporateParties.FirstOrDefaultAsync(p => p.Id == partyId && p.ClientId == client.Id, ct);
            if (party is null) return Error.NotFound("The related party");
            if (party.Kind != Corporate.PartyKind.Person || !type.NeedsIdentityData)
                return Error.Validation(new Dictionary<string, string[]> { ["Type"] = ["A related person provides a proof of identity."] });
        }
        else if (type.Kind != client.Kind)
            return Error.Validation(new Dictionary<string, string[]>
            {
                ["Type"] = [$"{type.Name} is asked of {type.Kind.ToString().ToLowerInvariant()} clients; this client is {client.Kind.ToString().ToLowerInvariant()}."],
            });
        var (contentType, refusal) = DocumentFile.Inspect(command.FileName, command.Content, options.Value.MaxUploadBytes);
        if (refusal is not null) return Error.Validation(new Dictionary<string, string[]> { ["File"] = [refusal] });

        // The chain: a new document replaces the latest one of its type (a rejected one, or an accepted one being renewed).
        var head = await db.KycDocuments.Where(d => d.ClientId == client.Id && d.RelatedPartyId == command.RelatedPartyId && d.Type == type.Code && d.ReplacedById == null)
            .OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        if (command.ReplacesId is { } replaces && replaces != head?.Id)
            return Error.Rule("document.not_latest", head is null
                ? $"There is no earlier {type.Name.ToLowerInvariant()} to replace."
                : $"Document {replaces} is not the latest {type.Name.ToLowerInvariant()}; the latest is document {head.Id}.");

        var now = clock.GetUtcNow().UtcDateTime;
        var document = new KycDocument
        {
            ClientId = client.Id,
            RelatedPartyId = command.RelatedPartyId,
            Type = type.Code,
            Status = DocumentStatus.Submitted,
            Source = source,
            UploadedBy = context.Actor.IsSystem ? source : context.Actor.Name,
            UploadedAt = now,
            FileName = command.FileName.Trim(),
            ContentType = contentType!,
            Size = command.Content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(command.Content)),
            ReplacesId = head?.Id,
        };
        if (command.Data is { } data) document.Record(data);
        document.StorageKey = await files.SaveAsync(command.Content, ct);
        db.KycDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        if (head is not null)
        {
            head.ReplacedById = document.Id;
            if (head.Status == DocumentStatus.Submitted) head.Status = DocumentStatus.Superseded;
        }

        effects.About(nameof(KycDocument), document.Id.ToString());
        effects.Touch(KycCounters.Queue, KycCounters.DocumentsToReview);
        effects.Publish("kyc.document_uploaded", new { clientId = client.Id, clientNumber = client.Number, documentId = document.Id, type = type.Code, source });
        await KycQueue.RefreshAsync(db, client, now, ct);
        await ReturnToReviewWhenCompleteAsync(client, now, ct);
        return document.Id;
    }

    /// <summary>A registered client, or one asked for documents, goes to review once nothing required is missing or rejected.</summary>
    private async Task ReturnToReviewWhenCompleteAsync(Client client, DateTime now, CancellationToken ct)
    {
        if (client.Status is not (ClientStatus.Registered or ClientStatus.PendingDocuments)) return;
        var required = await db.DocumentRequirements.Where(r => r.Kind == client.Kind && r.Active && r.RequiredForApproval)
            .Select(r => r.DocumentType).ToListAsync(ct);
        var heads = await db.KycDocuments.Where(d => d.ClientId == client.Id && d.RelatedPartyId == null && d.ReplacedById == null)
            .Select(d => new { d.Type, d.Status }).ToListAsync(ct);
        var complete = required.All(t => heads.Any(h => h.Type == t && h.Status is DocumentStatus.Submitted or DocumentStatus.Accepted))
                       && !heads.Any(h => h.Status == DocumentStatus.Rejected);
        if (!complete) return;
        var reason = client.Status == ClientStatus.Registered ? "All required documents received" : "Requested documents resubmitted";
        await ClientMoves.ApplyAsync(db, effects, client, ClientStatus.PendingReview, reason, now, ct);
    }
}
