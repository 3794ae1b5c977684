using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Identity;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Verification;
using BackOffice.Core.Webhooks;
using BackOffice.Infrastructure.Identity.Fake;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Kyc.Verification;

/// <summary>Clients waiting for the identity provider, and the provider's verdicts, made by the same fake the demo uses.</summary>
public static class VerificationBook
{
    public static FakeIdentityProvider Fake(TestApp app) => app.Services.GetRequiredService<FakeIdentityProvider>();

    /// <summary>A client in review whose proof of identity waits for a decision; returns the client and the document.</summary>
    public static async Task<(long ClientId, long DocumentId)> InReviewWithPassportAsync(TestApp app)
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.PendingReview);
        return (id, await KycBook.UploadAsync(app, id, DocumentType.ProofOfIdentity));
    }

    public static async Task<string> StartAsync(TestApp app, long clientId)
    {
        var started = await app.SendAs("compliance", new StartIdentityVerification(clientId));
        Must.Succeed(started);
        return started.Value!;
    }

    /// <summary>The fake's signed review webhook, read as the endpoint reads it after checking the signature.</summary>
    public static SignedWebhook Review(TestApp app, long clientId, string applicantId, ReviewAnswer answer, RejectType? rejectType = null,
        params string[] labels) =>
        Fake(app).BuildReview(applicantId, ClientReference.Of(clientId), answer, rejectType, labels);

    public static Task<Result<CallbackAnswer>> RecordAsync(TestApp app, SignedWebhook webhook) =>
        RecordAsync(app, VerificationWebhook.Parse(webhook.Body));

    public static Task<Result<CallbackAnswer>> RecordAsync(TestApp app, VerificationEvent e) =>
        app.Scopes.SendAsAsync(new RecordVerificationEvent(e), Actor.System("identity-webhook"));

    public static Task<IdentityCheck?> CheckAsync(TestApp app, long clientId) =>
        app.Db(db => db.IdentityChecks.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == clientId));

    /// <summary>A CRM listening to what the client is told (once per app, so each event is one message).</summary>
    public static async Task SubscribeAsync(TestApp app)
    {
        const string url = "https://crm.example/identity-events";
        if (!await app.Db(db => db.WebhookSubscriptions.AnyAsync(s => s.Url == url)))
            Must.Succeed(await app.SendAs("admin", new AddWebhookSubscription("CRM", url, "kyc.document_rejected,client.status_changed,alert.raised")));
    }

    public static Task<int> OutboxCountAsync(TestApp app, string eventType, long clientId) =>
        app.Db(db => db.Outbox.CountAsync(m => m.EventType == eventType && m.Payload.Contains($"\"clientId\":{clientId},")));
}
