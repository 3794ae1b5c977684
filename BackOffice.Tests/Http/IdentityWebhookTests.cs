using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Identity;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Verification;
using BackOffice.Infrastructure.Identity.Fake;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Kyc;
using BackOffice.Tests.Kyc.Verification;
using BackOffice.Web.Endpoints;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Http;

/// <summary>The app with the spec's webhook secret, and a client whose id is 42, the one the spec's test vector names.</summary>
public sealed class IdentityWebhookApp() : TestApp(settings: new() { ["Identity:WebhookSecret"] = IdentityWebhookTests.SpecSecret }), IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        long id;
        do id = await ClientBook.RegisterAsync(this);
        while (id < 42);
        Assert.Equal(42, id);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

[Trait("Category", "Database")]
public sealed class IdentityWebhookTests(IdentityWebhookApp app) : IClassFixture<IdentityWebhookApp>
{
    public const string SpecSecret = "sumsub_test_secret";

    private const string SpecBody =
        """{"applicantId":"5f0c1","externalUserId":"client-42","type":"applicantReviewed","reviewResult":{"reviewAnswer":"RED","rejectLabels":["DOCUMENT_EXPIRED"],"reviewRejectType":"RETRY"}}""";

    private const string SpecDigest = "85f820d194cbef7f83397e0269160558f138c9682f7cad3b8215c9cc130150bb";

    private async Task<HttpResponseMessage> PostAsync(byte[] body, string? digest, string? algorithm = VerificationWebhook.HmacSha256Hex)
    {
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, IdentityWebhookEndpoints.Path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (digest is not null) request.Headers.Add(VerificationWebhook.DigestHeader, digest);
        if (algorithm is not null) request.Headers.Add(VerificationWebhook.AlgorithmHeader, algorithm);
        return await http.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostAsync(SignedWebhook webhook) =>
        PostAsync(webhook.Body, webhook.Headers[VerificationWebhook.DigestHeader], webhook.Headers[VerificationWebhook.AlgorithmHeader]);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private Task<List<ProviderCallback>> CallbacksAsync(string eventId) =>
        app.Db(db => db.ProviderCallbacks.AsNoTracking().Where(c => c.EventId == eventId).OrderBy(c => c.Id).ToListAsync());

    /// <summary>Client 42 waiting in review with a passport, as the spec's vector expects to find them.</summary>
    private async Task<long> Client42InReviewAsync()
    {
        if ((await ClientBook.ClientAsync(app, 42)).Status == ClientStatus.Registered)
            Must.Succeed(await app.SendAs("compliance", new SubmitClientForReview(42, "Application complete")));
        if (!await app.Db(db => db.KycDocuments.AnyAsync(d => d.ClientId == 42 && d.Type == DocumentType.ProofOfIdentity && d.Status == DocumentStatus.Submitted)))
            await KycBook.UploadAsync(app, 42, DocumentType.ProofOfIdentity);
        return await app.Db(db => db.KycDocuments.Where(d => d.ClientId == 42 && d.Type == DocumentType.ProofOfIdentity && d.ReplacedById == null)
            .Select(d => d.Id).SingleAsync());
    }

    [Fact]
    public async Task The_spec_test_vector_rejects_the_expired_passport_once_and_its_replay_changes_nothing()
    {
        await VerificationBook.SubscribeAsync(app);
        var passport = await Client42InReviewAsync();
        var body = Encoding.UTF8.GetBytes(SpecBody);
        Assert.Equal(SpecDigest, VerificationWebhook.Sign(body, SpecSecret));

        var first = await PostAsync(body, SpecDigest);
        var replay = await PostAsync(body, SpecDigest);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var answer = await JsonAsync(first);
        Assert.Equal("applied", answer.GetProperty("outcome").GetString());
        Assert.False(answer.GetProperty("replay").GetBoolean());
        var again = await JsonAsync(replay);
        Assert.True(again.GetProperty("replay").GetBoolean());
        Assert.Equal(answer.GetProperty("detail").GetString(), again.GetProperty("detail").GetString());

        var document = await KycBook.DocumentAsync(app, passport);
        Assert.Equal((DocumentStatus.Rejected, RejectionReason.Expired), (document.Status, document.RejectionReason!.Value));
        Assert.Equal(ClientStatus.PendingDocuments, (await ClientBook.ClientAsync(app, 42)).Status);
        Assert.Equal(1, await VerificationBook.OutboxCountAsync(app, "kyc.document_rejected", 42));
        var check = (await VerificationBook.CheckAsync(app, 42))!;
        Assert.Equal(("5f0c1", "RED · RETRY", "DOCUMENT_EXPIRED"), (check.ApplicantId, check.Verdict, check.LastLabels));
        // Forgeries of the same body (a header missing or wrong) are recorded under the same event id, refused.
        var recorded = (await CallbacksAsync(VerificationWebhook.EventId(body))).Where(c => c.Outcome != CallbackOutcome.Refused).ToList();
        Assert.Equal([CallbackOutcome.Applied, CallbackOutcome.Replayed], recorded.Select(c => c.Outcome));
        Assert.All(recorded, c => Assert.True(c.SignatureValid));
    }

    [Fact]
    public async Task Copies_of_one_delivery_arriving_together_are_acted_on_once()
    {
        await VerificationBook.SubscribeAsync(app);
        var (id, passport) = await VerificationBook.InReviewWithPassportAsync(app);
        var applicant = await VerificationBook.StartAsync(app, id);
        var webhook = VerificationBook.Review(app, id, applicant, ReviewAnswer.Red, RejectType.Retry, "BLURRY");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(webhook)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var recorded = await CallbacksAsync(VerificationWebhook.EventId(webhook.Body));
        Assert.Equal(1, recorded.Count(c => c.Outcome == CallbackOutcome.Applied));
        Assert.Equal(3, recorded.Count(c => c.Outcome == CallbackOutcome.Replayed));
        Assert.Equal(1, await VerificationBook.OutboxCountAsync(app, "kyc.document_rejected", id));
        Assert.Equal(RejectionReason.Blurred, (await KycBook.DocumentAsync(app, passport)).RejectionReason);
    }

    public static TheoryData<string> Forgeries => ["tampered byte", "wrong secret", "no digest", "no algorithm", "unknown algorithm", "empty digest"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_forged_callback_is_refused_with_401_recorded_and_changes_nothing(string forgery)
    {
        await Client42InReviewAsync();
        var body = Encoding.UTF8.GetBytes(SpecBody);
        if (forgery == "tampered byte") body = Encoding.UTF8.GetBytes(SpecBody.Replace("client-42", "client-43")); // one byte: '2' → '3'
        var digest = forgery switch
        {
            "wrong secret" => VerificationWebhook.Sign(body, "not_the_secret"),
            "no digest" => null,
            "empty digest" => "",
            _ => SpecDigest,
        };
        var algorithm = forgery switch
        {
            "no algorithm" => null,
            "unknown algorithm" => "HMAC_MD5_HEX",
            _ => VerificationWebhook.HmacSha256Hex,
        };
        var before = await SnapshotAsync();
        var eventId = VerificationWebhook.EventId(body);
        var recordedBefore = (await CallbacksAsync(eventId)).Count(c => c.Outcome == CallbackOutcome.Refused);

        var response = await PostAsync(body, digest, algorithm);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
        var refused = (await CallbacksAsync(eventId)).Where(c => c.Outcome == CallbackOutcome.Refused).ToList();
        Assert.Equal(recordedBefore + 1, refused.Count);
        Assert.False(refused[^1].SignatureValid);
        Assert.Contains("signature", refused[^1].Detail);
        Assert.DoesNotContain(app.LogSink.Lines, line => line.Contains(SpecSecret));
    }

    /// <summary>What a forged verdict could change for client 42.</summary>
    private Task<string> SnapshotAsync() => app.Db(async db =>
    {
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == 42);
        var documents = await db.KycDocuments.AsNoTracking().Where(d => d.ClientId == 42).OrderBy(d => d.Id)
            .Select(d => $"{d.Id}:{d.Status}:{d.ProviderVerified}").ToListAsync();
        var check = await db.IdentityChecks.AsNoTracking().Where(c => c.ClientId == 42).Select(c => $"{c.Status}:{c.LastAnswer}:{c.Version}").FirstOrDefaultAsync();
        var outbox = await db.Outbox.CountAsync();
        return $"{client.Status}|{client.Version}|{string.Join(",", documents)}|{check}|{outbox}";
    });

    [Fact]
    public async Task A_verdict_for_a_client_we_do_not_know_is_acknowledged_and_recorded_as_ignored()
    {
        var webhook = VerificationBook.Fake(app).BuildReview("fake-stray", "client-987654", ReviewAnswer.Green);

        var response = await PostAsync(webhook);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", (await JsonAsync(response)).GetProperty("outcome").GetString());
        var recorded = Assert.Single(await CallbacksAsync(VerificationWebhook.EventId(webhook.Body)));
        Assert.Equal((CallbackOutcome.Ignored, "applicantReviewed", "fake-stray"), (recorded.Outcome, recorded.EventType, recorded.ApplicantId));
        Assert.Contains("No client matches 'client-987654'", recorded.Detail);
    }

    [Fact]
    public async Task An_event_type_we_do_not_handle_is_acknowledged_and_ignored()
    {
        var body = Encoding.UTF8.GetBytes("""{"applicantId":"5f0c1","externalUserId":"client-42","type":"applicantPersonalInfoChanged"}""");

        var response = await PostAsync(body, VerificationWebhook.Sign(body, SpecSecret));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", (await JsonAsync(response)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_signed_body_that_cannot_be_read_is_refused_with_400_and_recorded()
    {
        var body = Encoding.UTF8.GetBytes("""{"applicantId":"5f0c1","type":"applicantReviewed","reviewResult":{"reviewAnswer":"MAYBE"}}""");

        var response = await PostAsync(body, VerificationWebhook.Sign(body, SpecSecret, VerificationWebhook.HmacSha512Hex), VerificationWebhook.HmacSha512Hex);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var recorded = Assert.Single(await CallbacksAsync(VerificationWebhook.EventId(body)));
        Assert.Equal((CallbackOutcome.Refused, true), (recorded.Outcome, recorded.SignatureValid));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413_before_it_is_read()
    {
        var before = await app.Db(db => db.ProviderCallbacks.CountAsync(c => c.EventId == null));
        var body = new byte[256 * 1024 + 1];

        var response = await PostAsync(body, VerificationWebhook.Sign(body, SpecSecret));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before + 1, await app.Db(db => db.ProviderCallbacks.CountAsync(c => c.EventId == null && c.Outcome == CallbackOutcome.Refused)));
    }
}
