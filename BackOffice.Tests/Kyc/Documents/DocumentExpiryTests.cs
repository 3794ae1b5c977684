using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Operations;
using BackOffice.Core.Webhooks;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Kyc.Documents;

[Trait("Category", "Database")]
public sealed class DocumentExpiryTests(SharedApp app) : IClassFixture<SharedApp>
{
    private DateOnly Today => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private async Task<ExpiryRun> RunAsync()
    {
        var run = await app.Scopes.SendAsAsync(new RunDocumentExpiryCheck(), Actor.System("kyc-expiry"));
        Must.Succeed(run);
        return run.Value!;
    }

    /// <summary>An approved client whose passport expires in <paramref name="days"/> days.</summary>
    private async Task<(long ClientId, long PassportId)> ApprovedWithPassportExpiringAsync(int days)
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.PendingReview);
        var passport = await KycBook.UploadAsync(app, id, DocumentType.ProofOfIdentity);
        await KycBook.AcceptAsync(app, passport, new DocumentData("P7654321", "GB", Today.AddYears(-9), Today.AddDays(days), "TEST CLIENT", new DateOnly(1985, 3, 14)));
        foreach (var type in new[] { DocumentType.ProofOfAddress, DocumentType.Suitability })
            await KycBook.AcceptAsync(app, await KycBook.UploadAsync(app, id, type));
        Must.Succeed(await app.SendAs("compliance", new ApproveClient(id, "verified")));
        return (id, passport);
    }

    private Task<int> MessagesAsync(string type, long documentId) =>
        app.Db(db => db.Outbox.CountAsync(m => m.EventType == type && m.Payload.Contains($"\"documentId\":{documentId},")));

    [Fact]
    public async Task Reminders_at_60_and_30_days_then_restriction_on_expiry_and_an_accepted_replacement_lifts_it()
    {
        Must.Succeed(await app.SendAs("admin", new AddWebhookSubscription("CRM", "https://crm.example/kyc", "kyc.document_expiring,kyc.document_expired")));
        var (id, passport) = await ApprovedWithPassportExpiringAsync(days: 70);

        await RunAsync();
        Assert.Equal(0, await MessagesAsync("kyc.document_expiring", passport));

        app.Clock.Advance(TimeSpan.FromDays(10)); // 60 days left
        await RunAsync();
        await RunAsync();
        Assert.Equal(1, await MessagesAsync("kyc.document_expiring", passport));
        Assert.Equal(60, (await KycBook.DocumentAsync(app, passport)).ReminderSentDays);
        Assert.Contains(await app.QueryAs("compliance", new ExpiringDocuments()), r => r.DocumentId == passport && r.DaysLeft == 60);

        app.Clock.Advance(TimeSpan.FromDays(30)); // 30 days left
        await RunAsync();
        Assert.Equal(2, await MessagesAsync("kyc.document_expiring", passport));
        Assert.Equal(ClientStatus.Approved, (await ClientBook.ClientAsync(app, id)).Status);

        app.Clock.Advance(TimeSpan.FromDays(30)); // the expiry date itself
        await RunAsync();
        await RunAsync();
        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.Restricted, client.Status);
        Assert.Equal(RestrictionCategory.ExpiredDocuments, client.RestrictionCategory);
        Assert.Equal(1, await MessagesAsync("kyc.document_expired", passport));
        var alerts = await app.Db(db => db.Alerts.Where(a => a.Kind == AlertKinds.DocumentExpired && a.EntityId == id.ToString()).ToListAsync());
        Assert.Single(alerts);
        Assert.Contains("restricted until a valid one is accepted", alerts[0].Message);

        var replacement = await KycBook.UploadAsync(app, id, DocumentType.ProofOfIdentity);
        Assert.Equal(ClientStatus.Restricted, (await ClientBook.ClientAsync(app, id)).Status);
        await KycBook.AcceptAsync(app, replacement, KycBook.DataFor(DocumentType.ProofOfIdentity, app.Clock.GetUtcNow().UtcDateTime));
        client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.Approved, client.Status);
        Assert.Equal("Valid replacement document accepted", client.StatusReason);
    }

    [Fact]
    public async Task An_expiry_leaves_another_restriction_in_place_and_the_replacement_does_not_lift_it()
    {
        var (id, passport) = await ApprovedWithPassportExpiringAsync(days: 5);
        Must.Succeed(await app.SendAs("compliance", new RestrictClient(id, RestrictionCategory.AbnormalActivity, "Third-party deposits")));
        app.Clock.Advance(TimeSpan.FromDays(5));
        await RunAsync();
        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(RestrictionCategory.AbnormalActivity, client.RestrictionCategory);
        Assert.NotNull((await KycBook.DocumentAsync(app, passport)).ExpiryHandledAt);

        var replacement = await KycBook.UploadAsync(app, id, DocumentType.ProofOfIdentity);
        await KycBook.AcceptAsync(app, replacement, KycBook.DataFor(DocumentType.ProofOfIdentity, app.Clock.GetUtcNow().UtcDateTime));
        client = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.Restricted, client.Status);
        Assert.Equal(RestrictionCategory.AbnormalActivity, client.RestrictionCategory);
    }
}
