using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Staff;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Kyc.Documents;

/// <summary>The reviewer types in what the document says, before deciding.</summary>
[RequiresPermission(KycPermissions.Review)]
public sealed record RecordDocumentData(long DocumentId, DocumentData Data, long ExpectedVersion) : IBackOfficeCommand<Result>;

/// <summary>Accepts a document, recording what it says at the same time.</summary>
[RequiresPermission(KycPermissions.Review)]
public sealed record AcceptDocument(long DocumentId, DocumentData? Data, long ExpectedVersion, string? Note = null) : IBackOfficeCommand<Result>;

/// <summary>Rejects a document with a preset reason; the client is asked for a new one.</summary>
[RequiresPermission(KycPermissions.Review)]
public sealed record RejectDocument(long DocumentId, RejectionReason Reason, string? Note, long ExpectedVersion) : IBackOfficeCommand<Result>;

public sealed class RecordDocumentDataValidator : AbstractValidator<RecordDocumentData>
{
    public RecordDocumentDataValidator() => RuleFor(x => x.Data).NotNull().SetValidator(new DocumentDataValidator());
}

public sealed class AcceptDocumentValidator : AbstractValidator<AcceptDocument>
{
    public AcceptDocumentValidator()
    {
        When(x => x.Data is not null, () => RuleFor(x => x.Data!).SetValidator(new DocumentDataValidator()));
        RuleFor(x => x.Note).MaximumLength(1000);
    }
}

public sealed class RejectDocumentValidator : AbstractValidator<RejectDocument>
{
    public RejectDocumentValidator()
    {
        RuleFor(x => x.Reason).IsInEnum().WithMessage("Choose a reason.");
        RuleFor(x => x.Note).NotEmpty().When(x => x.Reason == RejectionReason.Other).WithMessage("Say what is wrong when the reason is 'other'.");
        RuleFor(x => x.Note).MaximumLength(1000);
    }
}

public sealed class ReviewDocumentHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, IOptions<KycOptions> options) :
    ICommandHandler<RecordDocumentData, Result>,
    ICommandHandler<AcceptDocument, Result>,
    ICommandHandler<RejectDocument, Result>
{
    public async ValueTask<Result> Handle(RecordDocumentData command, CancellationToken ct)
    {
        var (document, error) = await LoadAsync(command.DocumentId, command.ExpectedVersion, ct);
        if (error is not null) return error;
        if (document!.Status != DocumentStatus.Submitted)
            return Error.Rule("document.not_waiting", "The data of a decided document cannot be changed; ask the client for a new document.");
        document.Record(command.Data);
        effects.About(nameof(KycDocument), document.Id.ToString());
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(AcceptDocument command, CancellationToken ct)
    {
        var (document, error) = await LoadAsync(command.DocumentId, command.ExpectedVersion, ct);
        if (error is not null) return error;
        if (command.Data is { } data) document!.Record(data);
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = context.Actor;
        if (document!.Accept(DateOnly.FromDateTime(now), options.Value.AddressProofMaxAgeDays, actor.StaffId!, await StaffNames.DisplayNameAsync(db, actor, ct), now) is { } refused) return refused;
        document.ReviewNote = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();

        // The accepted document it renews stays valid until now; from here this one counts.
        if (document.ReplacesId is { } previousId && await db.KycDocuments.FirstOrDefaultAsync(d => d.Id == previousId, ct) is { Status: DocumentStatus.Accepted } previous)
            previous.Status = DocumentStatus.Superseded;

        var client = await db.Clients.FirstAsync(c => c.Id == document.ClientId, ct);
        await DocumentDecisions.AnnounceAsync(db, effects, client, document, now, ct);
        return await ExpiryRestriction.LiftIfResolvedAsync(db, effects, client, now, ct) is { } notLifted ? notLifted : Result.Ok();
    }

    public async ValueTask<Result> Handle(RejectDocument command, CancellationToken ct)
    {
        var (document, error) = await LoadAsync(command.DocumentId, command.ExpectedVersion, ct);
        if (error is not null) return error;
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = context.Actor;
        if (document!.Reject(command.Reason, command.Note, actor.StaffId!, await StaffNames.DisplayNameAsync(db, actor, ct), now) is { } refused) return refused;
        var client = await db.Clients.FirstAsync(c => c.Id == document.ClientId, ct);
        return await DocumentDecisions.RejectedAsync(db, effects, client, document, now, ct) is { } moveRefused ? moveRefused : Result.Ok();
    }

    private async Task<(KycDocument?, Error?)> LoadAsync(long documentId, long expectedVersion, CancellationToken ct)
    {
        var document = await db.KycDocuments.FirstOrDefaultAsync(d => d.Id == documentId, ct);
        if (document is null) return (null, Error.NotFound("The document"));
        if (document.Version != expectedVersion)
            return (null, Error.Conflict("Someone else changed this document since you opened it. Nothing was saved: reload and check the latest version."));
        return (document, null);
    }
}

/// <summary>What follows a decision on a document, whoever made it: a reviewer, or the identity provider's verdict.</summary>
public static class DocumentDecisions
{
    /// <summary>Tells the client portal and the CRM (through the outbox) and keeps the review queue current.</summary>
    public static async Task AnnounceAsync(BackOfficeDb db, Effects effects, Client client, KycDocument document, DateTime now, CancellationToken ct)
    {
        effects.About(nameof(KycDocument), document.Id.ToString());
        effects.Touch(KycCounters.Queue, KycCounters.DocumentsToReview);
        // What the client portal and the CRM need to tell the client, including why and what to send instead.
        effects.Publish(document.Status == DocumentStatus.Rejected ? "kyc.document_rejected" : "kyc.document_accepted", new
        {
            clientId = client.Id,
            clientNumber = client.Number,
            documentId = document.Id,
            type = document.Type,
            typeName = DocumentType.NameOf(document.Type),
            reason = document.RejectionReason?.ToString(),
            message = document.RejectionReason is { } r
                ? $"Your {DocumentType.NameOf(document.Type).ToLowerInvariant()} could not be accepted: {r.Describe()}. Please upload a new one."
                : null,
            note = document.ReviewNote,
        });
        await KycQueue.RefreshAsync(db, client, now, ct);
    }

    /// <summary>Announces a rejection; a client waiting in review goes back to pending documents, the reason on their timeline.</summary>
    public static async Task<Error?> RejectedAsync(BackOfficeDb db, Effects effects, Client client, KycDocument document, DateTime now, CancellationToken ct)
    {
        await AnnounceAsync(db, effects, client, document, now, ct);
        if (client.Status != ClientStatus.PendingReview) return null;
        var reason = $"{DocumentType.NameOf(document.Type)} rejected: {document.RejectionReason?.Describe()}";
        return await ClientMoves.ApplyAsync(db, effects, client, ClientStatus.PendingDocuments, reason, now, ct);
    }
}
