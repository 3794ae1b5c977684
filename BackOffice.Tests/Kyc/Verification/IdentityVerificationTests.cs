using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Identity;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Verification;
using BackOffice.Core.Operations;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Kyc.Verification;

[Trait("Category", "Database")]
public sealed class IdentityVerificationTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task Starting_registers_the_client_once_with_the_provider()
    {
        var (id, _) = await VerificationBook.InReviewWithPassportAsync(app);

        var applicant = await VerificationBook.StartAsync(app, id);
        var again = await VerificationBook.StartAsync(app, id);

        Assert.StartsWith("fake-", applicant);
        Assert.Equal(applicant, again);
        var check = (await VerificationBook.CheckAsync(app, id))!;
        Assert.Equal(("fake", applicant, ReviewStatus.Init, "Chris Compliance"), (check.Provider, check.ApplicantId, check.Status, check.StartedBy));
        Assert.Equal(1, await app.Db(db => db.IdentityChecks.CountAsync(c => c.ClientId == id)));
        var status = await VerificationBook.Fake(app).GetApplicantStatusAsync(applicant, CancellationToken.None);
        Assert.Equal(ClientReference.Of(id), status.ExternalUserId);
    }

    [Fact]
    public async Task With_the_provider_down_starting_is_refused_and_nothing_is_written()
    {
        var (id, _) = await VerificationBook.InReviewWithPassportAsync(app);
        var auditBefore = await app.Db(db => db.AuditEntries.CountAsync());
        VerificationBook.Fake(app).Unavailable = true;
        try
        {
            var refused = Must.Fail(await app.SendAs("compliance", new StartIdentityVerification(id)), "identity.provider_unavailable");
            Assert.Contains("cannot be reached", refused.Message);
            Assert.Contains("nothing was changed", refused.Message);
        }
        finally
        {
            VerificationBook.Fake(app).Unavailable = false;
        }
        Assert.Null(await VerificationBook.CheckAsync(app, id));
        Assert.Equal(auditBefore, await app.Db(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Only_a_compliance_reviewer_starts_a_verification_and_never_for_a_closed_client()
    {
        var id = await ClientBook.RegisterAsync(app);
        Must.Fail(await app.SendAs("support", new StartIdentityVerification(id)), "forbidden");
        var closed = await ClientBook.InStatusAsync(app, ClientStatus.Closed);
        Must.Fail(await app.SendAs("compliance", new StartIdentityVerification(closed)), "identity.client_closed");
        Assert.Null(await VerificationBook.CheckAsync(app, id));
    }

    [Fact]
    public async Task Green_marks_the_identity_documents_verified_and_leaves_approval_to_compliance()
    {
        var (id, passport) = await VerificationBook.InReviewWithPassportAsync(app);
        var applicant = await VerificationBook.StartAsync(app, id);

        var answer = await VerificationBook.RecordAsync(app, VerificationBook.Review(app, id, applicant, ReviewAnswer.Green));

        Must.Succeed(answer);
        Assert.Equal(CallbackOutcome.Applied, answer.Value!.Outcome);
        var document = await KycBook.DocumentAsync(app, passport);
        Assert.True(document.ProviderVerified);
        Assert.Equal(DocumentStatus.Submitted, document.Status);
        Assert.Equal(ClientStatus.PendingReview, (await ClientBook.ClientAsync(app, id)).Status);
        var check = (await VerificationBook.CheckAsync(app, id))!;
        Assert.Equal((ReviewStatus.Completed, ReviewAnswer.Green, "GREEN"), (check.Status, check.LastAnswer!.Value, check.Verdict));

        // The provider's word is evidence, not a decision: the client still needs a compliance officer.
        Must.Fail(await app.SendAs("compliance", new ApproveClient(id, "provider said green")), "client.kyc_incomplete");
        await KycBook.AcceptAllRequiredAsync(app, id);
        Must.Succeed(await app.SendAs("compliance", new ApproveClient(id, "Documents verified")));
    }

    [Fact]
    public async Task Red_retry_rejects_the_waiting_passport_with_the_mapped_reason_and_asks_the_client_for_documents()
    {
        await VerificationBook.SubscribeAsync(app);
        var (id, passport) = await VerificationBook.InReviewWithPassportAsync(app);
        var applicant = await VerificationBook.StartAsync(app, id);

        var answer = await VerificationBook.RecordAsync(app,
            VerificationBook.Review(app, id, applicant, ReviewAnswer.Red, RejectType.Retry, "FORGERY", "DOCUMENT_EXPIRED"));

        Must.Succeed(answer);
        Assert.Contains("1 identity document(s) rejected", answer.Value!.Detail);
        var document = await KycBook.DocumentAsync(app, passport);
        Assert.Equal((DocumentStatus.Rejected, RejectionReason.SuspectedForgery), (document.Status, document.RejectionReason!.Value));
        Assert.Contains("FORGERY, DOCUMENT_EXPIRED", document.ReviewNote);
        Assert.Equal("Identity provider (fake)", document.ReviewerName);
        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.PendingDocuments, client.Status);
        Assert.Contains("appears altered or forged", client.StatusReason);
        Assert.Equal(1, await VerificationBook.OutboxCountAsync(app, "kyc.document_rejected", id));
        var check = (await VerificationBook.CheckAsync(app, id))!;
        Assert.Equal("RED · RETRY", check.Verdict);
        Assert.Equal(["FORGERY", "DOCUMENT_EXPIRED"], check.Labels);
    }

    [Fact]
    public async Task Red_final_rejects_nothing_puts_the_case_before_compliance_and_alerts_them_once()
    {
        // An approved client re-verified: nothing waits in the queue until the provider's final no.
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var passport = await app.Db(db => db.KycDocuments.Where(d => d.ClientId == id && d.Type == DocumentType.ProofOfIdentity).Select(d => d.Id).SingleAsync());
        Assert.Null(await app.Db(db => db.KycCases.Where(k => k.ClientId == id).Select(k => k.QueuedSince).FirstOrDefaultAsync()));
        var applicant = await VerificationBook.StartAsync(app, id);

        Must.Succeed(await VerificationBook.RecordAsync(app, VerificationBook.Review(app, id, applicant, ReviewAnswer.Red, RejectType.Final, "FORGERY")));
        Must.Succeed(await VerificationBook.RecordAsync(app, VerificationBook.Review(app, id, applicant, ReviewAnswer.Red, RejectType.Final, "FORGERY")));

        Assert.Equal(DocumentStatus.Accepted, (await KycBook.DocumentAsync(app, passport)).Status);
        Assert.Equal(ClientStatus.Approved, (await ClientBook.ClientAsync(app, id)).Status);
        Assert.NotNull(await app.Db(db => db.KycCases.Where(k => k.ClientId == id).Select(k => k.QueuedSince).FirstAsync()));
        var alert = await app.Db(db => db.Alerts.SingleAsync(a => a.Kind == AlertKinds.VerificationFinalReject && a.EntityId == id.ToString()));
        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.Contains("no resubmission allowed (FORGERY)", alert.Message);
        Assert.Equal("kyc.view", AlertKinds.PermissionFor(AlertKinds.VerificationFinalReject));
    }

    [Fact]
    public async Task Red_final_leaves_a_waiting_passport_submitted_for_compliance_to_decide()
    {
        var (id, passport) = await VerificationBook.InReviewWithPassportAsync(app);
        var applicant = await VerificationBook.StartAsync(app, id);

        var answer = await VerificationBook.RecordAsync(app, VerificationBook.Review(app, id, applicant, ReviewAnswer.Red, RejectType.Final, "SELFIE_MISMATCH"));

        Assert.Contains("documents left as they were", answer.Value!.Detail);
        Assert.Equal(DocumentStatus.Submitted, (await KycBook.DocumentAsync(app, passport)).Status);
        Assert.Equal(ClientStatus.PendingReview, (await ClientBook.ClientAsync(app, id)).Status);
        Assert.True(await app.Db(db => db.Alerts.AnyAsync(a => a.Kind == AlertKinds.VerificationFinalReject && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task A_replayed_event_gets_the_first_outcome_and_changes_nothing()
    {
        await VerificationBook.SubscribeAsync(app);
        var (id, _) = await VerificationBook.InReviewWithPassportAsync(app);
        var applicant = await VerificationBook.StartAsync(app, id);
        var webhook = VerificationBook.Review(app, id, applicant, ReviewAnswer.Red, RejectType.Retry, "BLURRY");

        var first = await VerificationBook.RecordAsync(app, webhook);
        var audit = await app.Db(db => db.AuditEntries.CountAsync(a => a.EntityType == "Client" && a.EntityId == id.ToString()));
        var replay = await VerificationBook.RecordAsync(app, webhook);

        Must.Succeed(replay);
        Assert.True(replay.Value!.Replay);
        Assert.Equal((first.Value!.Outcome, first.Value.Detail), (replay.Value.Outcome, replay.Value.Detail));
        Assert.Equal(1, await VerificationBook.OutboxCountAsync(app, "kyc.document_rejected", id));
        Assert.Equal(audit, await app.Db(db => db.AuditEntries.CountAsync(a => a.EntityType == "Client" && a.EntityId == id.ToString())));
        var eventId = VerificationWebhook.EventId(webhook.Body);
        var recorded = await app.Db(db => db.ProviderCallbacks.Where(c => c.EventId == eventId).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal([CallbackOutcome.Applied, CallbackOutcome.Replayed], recorded.Select(c => c.Outcome));
        Assert.Equal(recorded[0].Id, recorded[1].ReplayOf);
    }

    [Fact]
    public async Task Pending_and_on_hold_move_the_status_and_an_unknown_event_is_acknowledged_and_ignored()
    {
        var (id, passport) = await VerificationBook.InReviewWithPassportAsync(app);
        var applicant = await VerificationBook.StartAsync(app, id);
        var reference = ClientReference.Of(id);

        Must.Succeed(await VerificationBook.RecordAsync(app, VerificationBook.Fake(app).BuildPending(applicant, reference)));
        Assert.Equal(ReviewStatus.Pending, (await VerificationBook.CheckAsync(app, id))!.Status);
        Must.Succeed(await VerificationBook.RecordAsync(app,
            new VerificationEvent("onhold-" + id, VerificationEventType.ApplicantOnHold, "applicantOnHold", applicant, reference, ReviewStatus.OnHold, null, null)));
        Assert.Equal(ReviewStatus.OnHold, (await VerificationBook.CheckAsync(app, id))!.Status);

        var unknown = await VerificationBook.RecordAsync(app,
            new VerificationEvent("other-" + id, VerificationEventType.Unknown, "applicantPersonalInfoChanged", applicant, reference, ReviewStatus.Unknown, null, null));
        Must.Succeed(unknown);
        Assert.Equal(CallbackOutcome.Ignored, unknown.Value!.Outcome);
        Assert.Equal(ReviewStatus.OnHold, (await VerificationBook.CheckAsync(app, id))!.Status);
        Assert.Equal(DocumentStatus.Submitted, (await KycBook.DocumentAsync(app, passport)).Status);
    }

    [Fact]
    public async Task A_verdict_about_another_applicant_of_the_client_changes_nothing()
    {
        var (id, passport) = await VerificationBook.InReviewWithPassportAsync(app);
        await VerificationBook.StartAsync(app, id);

        var answer = await VerificationBook.RecordAsync(app, VerificationBook.Review(app, id, "someone-else", ReviewAnswer.Red, RejectType.Retry, "FORGERY"));

        Assert.Equal(CallbackOutcome.Ignored, answer.Value!.Outcome);
        Assert.Equal(DocumentStatus.Submitted, (await KycBook.DocumentAsync(app, passport)).Status);
        Assert.Equal(ClientStatus.PendingReview, (await ClientBook.ClientAsync(app, id)).Status);
    }
}
