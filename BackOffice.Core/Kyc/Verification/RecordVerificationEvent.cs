using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Identity;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Verification;

/// <summary>
/// A webhook from the identity provider whose signature was verified: recorded, and acted on once.
/// The provider informs; compliance decides. GREEN marks the identity documents verified (approval
/// stays with a person), RED/RETRY sends them back to the client, RED/FINAL puts the case before
/// compliance with an alert and rejects nothing by itself.
/// </summary>
[SystemCommand]
public sealed record RecordVerificationEvent(VerificationEvent Event) : IBackOfficeCommand<Result<CallbackAnswer>>;

/// <param name="Replay">The delivery had been processed before; <see cref="Outcome"/> and <see cref="Detail"/> are the first ones.</param>
public sealed record CallbackAnswer(CallbackOutcome Outcome, string Detail, bool Replay = false);

public sealed class RecordVerificationEventHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, IIdentityVerification provider,
    Microsoft.Extensions.Options.IOptions<KycOptions> options)
    : ICommandHandler<RecordVerificationEvent, Result<CallbackAnswer>>
{
    public async ValueTask<Result<CallbackAnswer>> Handle(RecordVerificationEvent command, CancellationToken ct)
    {
        var e = command.Event;
        var now = clock.GetUtcNow().UtcDateTime;
        var callback = new ProviderCallback
        {
            ReceivedAt = now, EventId = e.EventId, EventType = Fit(e.TypeName, 80), SignatureValid = true,
            ApplicantId = Fit(e.ApplicantId, 100), Ip = Fit(context.Actor.Ip, 64),
        };
        db.ProviderCallbacks.Add(callback);

        var first = await db.ProviderCallbacks.AsNoTracking()
            .Where(c => c.EventId == e.EventId && (c.Outcome == CallbackOutcome.Applied || c.Outcome == CallbackOutcome.Ignored))
            .OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
        if (first is not null)
        {
            callback.Outcome = CallbackOutcome.Replayed;
            callback.ReplayOf = first.Id;
            callback.ClientId = first.ClientId;
            callback.Detail = $"The same delivery as callback {first.Id}: answered with its outcome, nothing done again.";
            effects.About(nameof(ProviderCallback), first.Id.ToString());
            return new CallbackAnswer(first.Outcome, first.Detail, Replay: true);
        }

        var (outcome, detail, clientId) = await ApplyAsync(e, now, ct);
        callback.Outcome = outcome;
        callback.Detail = Fit(detail, 500)!;
        callback.ClientId = clientId;
        if (clientId is null) effects.About(nameof(ProviderCallback), e.EventId);
        return new CallbackAnswer(outcome, callback.Detail);
    }

    private async Task<(CallbackOutcome, string, long?)> ApplyAsync(VerificationEvent e, DateTime now, CancellationToken ct)
    {
        if (e.Ignored)
            return (CallbackOutcome.Ignored, $"Event type '{e.TypeName}' is not one BackOffice acts on; acknowledged.", null);

        // Our reference names the client; a body without one is matched by the applicant we registered.
        var clientId = ClientReference.Parse(e.ExternalUserId);
        var check = clientId is { } id
            ? await db.IdentityChecks.FirstOrDefaultAsync(c => c.ClientId == id, ct)
            : await db.IdentityChecks.FirstOrDefaultAsync(c => c.ApplicantId == e.ApplicantId, ct);
        clientId ??= check?.ClientId;
        var client = clientId is null ? null : await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
            return (CallbackOutcome.Ignored, $"No client matches '{e.ExternalUserId ?? e.ApplicantId}'; acknowledged so the provider stops resending it.", null);
        if (check is not null && check.ApplicantId != e.ApplicantId)
            return (CallbackOutcome.Ignored,
                $"Applicant {e.ApplicantId} is not the one registered for client {client.Number} ({check.ApplicantId}); nothing changed.", client.Id);

        if (check is null)
        {
            // Registered outside this console (the client portal opening the provider's SDK): the first webhook makes the record.
            check = new IdentityCheck
            {
                ClientId = client.Id, Provider = provider.Name, ApplicantId = e.ApplicantId, Status = ReviewStatus.Init,
                StartedBy = $"identity provider ({provider.Name})", StartedAt = now,
            };
            db.IdentityChecks.Add(check);
        }
        check.UpdatedAt = now;
        effects.About(nameof(Client), client.Id.ToString());

        var detail = e.Type switch
        {
            VerificationEventType.ApplicantCreated => "Applicant registered at the provider.",
            VerificationEventType.ApplicantPending => Status(check, ReviewStatus.Pending, "The client has submitted everything; the provider is reviewing."),
            VerificationEventType.ApplicantOnHold => Status(check, ReviewStatus.OnHold, "The provider's own compliance team holds the review."),
            _ => await ReviewedAsync(client, check, e.Review!, now, ct),
        };
        return (CallbackOutcome.Applied, detail, client.Id);
    }

    private static string Status(IdentityCheck check, ReviewStatus status, string detail)
    {
        check.Status = status;
        return detail;
    }

    private async Task<string> ReviewedAsync(Client client, IdentityCheck check, ReviewResult review, DateTime now, CancellationToken ct)
    {
        check.Reviewed(review, now);
        var labels = review.RejectLabels.Count == 0 ? "no labels" : string.Join(", ", review.RejectLabels);
        var identity = await db.KycDocuments
            .Where(d => d.ClientId == client.Id && d.Type == DocumentType.ProofOfIdentity && d.ReplacedById == null
                        && (d.Status == DocumentStatus.Submitted || d.Status == DocumentStatus.Accepted))
            .OrderBy(d => d.Id).ToListAsync(ct);

        if (review.Approved)
        {
            foreach (var document in identity) document.ProviderVerified = true;
            foreach (var alert in await OpenFinalRejectAlerts(client.Id, ct))
                alert.Resolve("system:identity-provider", now, "The identity provider approved the client after all.");
            if (options.Value.AutoApproveLowRisk && await AutoApproveAsync(client, now, ct) is { } approved) return approved;
            return $"GREEN: {identity.Count} identity document(s) marked verified by the provider; approval stays with compliance.";
        }

        // RED: whatever the provider vouched for before no longer stands.
        foreach (var document in identity) document.ProviderVerified = false;
        if (review.RejectType == RejectType.Retry)
            return await RetryAsync(client, check, review, identity.Where(d => d.Status == DocumentStatus.Submitted).ToList(), labels, now, ct);

        await KycQueue.HoldAsync(db, client.Id, now, ct);
        effects.Touch(KycCounters.Queue);
        if ((await OpenFinalRejectAlerts(client.Id, ct)).Count == 0)
            AlertKinds.Raise(db, effects, now, AlertKinds.VerificationFinalReject, AlertSeverity.Warning,
                $"The identity provider rejected {client.DisplayName} (No. {client.Number}) with no resubmission allowed ({labels}). " +
                "Nothing was rejected automatically: compliance decides the case.",
                nameof(Client), client.Id.ToString());
        return $"RED FINAL ({labels}): case put in the review queue and compliance alerted; documents left as they were.";
    }

    /// <summary>
    /// Configured automatic approval: an individual, scored low risk, waiting for review, with every approval check passing once the
    /// provider's verification stands for the identity document. Anything else stays with compliance.
    /// </summary>
    private async Task<string?> AutoApproveAsync(Client client, DateTime now, CancellationToken ct)
    {
        if (client.Kind != ClientKind.Individual || client.Status != ClientStatus.PendingReview) return null;
        var risk = await db.KycCases.AsNoTracking().Where(k => k.ClientId == client.Id).Select(k => k.RiskLevel).FirstOrDefaultAsync(ct);
        if (risk != Risk.RiskLevel.Low) return null;
        await db.SaveChangesAsync(ct); // the verified flags, for the checks below
        var checks = await KycApproval.ChecksAsync(db, client, DateOnly.FromDateTime(now), ct, providerVerifiedIdentity: true);
        if (checks.Any(c => !c.Passed)) return null;
        if (await ClientMoves.ApplyAsync(db, effects, client, ClientStatus.Approved,
                "Approved automatically: identity verified by the provider (GREEN), low risk, every approval check passed", now, ct) is { } refused)
            return null;
        effects.Publish("kyc.auto_approved", new { clientId = client.Id, clientNumber = client.Number });
        return "GREEN: identity verified by the provider; low risk and every check passed, so the client was approved automatically.";
    }

    /// <summary>The client may correct and resubmit: the identity documents waiting for review go back with the provider's reason.</summary>
    private async Task<string> RetryAsync(Client client, IdentityCheck check, ReviewResult review, List<KycDocument> submitted, string labels,
        DateTime now, CancellationToken ct)
    {
        var reason = review.Reasons.Count > 0 ? review.Reasons[0] : RejectionReason.Other;
        var note = $"Identity provider verdict RED/RETRY, labels: {labels}."
                   + (review.ModerationComment is { Length: > 0 } comment ? $" Provider's comment: {comment}" : "");
        foreach (var document in submitted)
        {
            document.Reject(reason, Fit(note, 1000), $"provider:{check.Provider}", $"Identity provider ({check.Provider})", now);
            if (await DocumentDecisions.RejectedAsync(db, effects, client, document, now, ct) is { } refused)
                throw new InvalidOperationException($"Client {client.Id} could not follow a rejected document: {refused.Message}");
        }
        // Nothing uploaded here to send back (verified in the provider's SDK only): the client still has to resubmit.
        if (submitted.Count == 0 && client.Status == ClientStatus.PendingReview
            && await ClientMoves.ApplyAsync(db, effects, client, ClientStatus.PendingDocuments,
                $"Identity provider asked for a resubmission: {reason.Describe()}", now, ct) is { } moveRefused)
            throw new InvalidOperationException($"Client {client.Id} could not be moved to pending documents: {moveRefused.Message}");
        return $"RED RETRY ({labels}): {submitted.Count} identity document(s) rejected as \"{reason.Describe()}\"; the client is {client.Status.Describe()}.";
    }

    private Task<List<OperationalAlert>> OpenFinalRejectAlerts(long clientId, CancellationToken ct)
    {
        var id = clientId.ToString();
        return db.Alerts.Where(a => a.Kind == AlertKinds.VerificationFinalReject && a.EntityId == id && a.Status != AlertStatus.Resolved).ToListAsync(ct);
    }

    private static string? Fit(string? value, int length) => value is { } v && v.Length > length ? v[..length] : value;
}
