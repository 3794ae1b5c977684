using System.Text.Json.Nodes;
using BackOffice.Core.Identity;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Infrastructure.Identity.Sumsub;
using BackOffice.Tests.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BackOffice.Tests.Identity;

/// <summary>One fake Sumsub for the tests that only create and read applicants (each with its own client reference).</summary>
public sealed class SharedFakeSumsubServer : IAsyncLifetime
{
    public FakeSumsubServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FakeSumsubServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class SumsubIdentityVerificationTests(SharedFakeSumsubServer shared) : IClassFixture<SharedFakeSumsubServer>
{
    private const string Level = "basic-kyc-level";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly ApplicantInfo Maria = new("Maria", "Ionescu", new DateOnly(1988, 4, 12), "RO", "maria@example.com", "+40 700 000 000");
    private static int _lastClient;

    private static string NewClient() => $"client-{Interlocked.Increment(ref _lastClient)}";

    private static SumsubIdentityVerification Connect(FakeSumsubServer server, TimeProvider? clock = null, string secretKey = FakeSumsubServer.SecretKey) =>
        new(Options.Create(new SumsubOptions
        {
            BaseUrl = server.BaseUrl,
            AppToken = FakeSumsubServer.AppToken,
            SecretKey = secretKey,
            LevelName = Level,
            RequestTimeoutSeconds = 5,
        }), clock ?? TimeProvider.System, NullLogger<SumsubIdentityVerification>.Instance);

    [Fact]
    public void The_request_signature_is_hmac_sha256_of_time_method_path_and_body()
    {
        // Computed independently: printf '%s' '1767225600POST/resources/applicants?levelName=basic-kyc-level{"externalUserId":"client-42"}' | openssl dgst -sha256 -hmac app_secret_test
        var signature = SumsubRequestSignature.Sign("app_secret_test", 1767225600, "post", "/resources/applicants?levelName=basic-kyc-level",
            """{"externalUserId":"client-42"}"""u8);

        Assert.Equal("6dd0a65f63cabd3ff2b9eba6207f838c62d8c91336bc54bbcb4dffdd8e925d4e", signature);
    }

    [Fact]
    public async Task Creating_an_applicant_sends_a_signed_request_with_the_clients_details()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_767_225_600));
        await using var server = await FakeSumsubServer.StartAsync();
        using var sumsub = Connect(server, clock);

        var applicantId = await sumsub.CreateApplicantAsync("client-42", Maria, None);

        var request = Assert.Single(server.Received);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/resources/applicants?levelName={Level}", request.RawTarget);
        Assert.Equal(FakeSumsubServer.AppToken, request.Headers["X-App-Token"]);
        Assert.Equal("1767225600", request.Headers["X-App-Access-Ts"]);
        Assert.Equal(SumsubRequestSignature.Sign(FakeSumsubServer.SecretKey, 1_767_225_600, "POST", request.RawTarget, request.Body),
            request.Headers["X-App-Access-Sig"]);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("client-42", body["externalUserId"]!.ToString());
        Assert.Equal("maria@example.com", body["email"]!.ToString());
        Assert.Equal("""{"firstName":"Maria","lastName":"Ionescu","dob":"1988-04-12","country":"ROU"}""", body["fixedInfo"]!.ToJsonString());
        Assert.Equal(applicantId, server.Applicant(applicantId)!["id"]!.ToString());
    }

    [Fact]
    public async Task Creating_the_applicant_again_returns_the_one_already_there()
    {
        using var sumsub = Connect(shared.Server);
        var client = NewClient();

        var first = await sumsub.CreateApplicantAsync(client, Maria, None);
        var again = await sumsub.CreateApplicantAsync(client, Maria, None);

        Assert.Equal(first, again);
        Assert.EndsWith($"/resources/applicants/-;externalUserId={client}/one", shared.Server.Received.Last().RawTarget);
    }

    [Fact]
    public async Task A_new_applicant_has_not_been_reviewed()
    {
        using var sumsub = Connect(shared.Server);
        var client = NewClient();
        var applicantId = await sumsub.CreateApplicantAsync(client, Maria, None);

        var status = await sumsub.GetApplicantStatusAsync(applicantId, None);

        Assert.Equal(new ApplicantStatus(applicantId, client, ReviewStatus.Init, null), status);
    }

    [Fact]
    public async Task A_reviewed_applicant_reports_the_verdict_and_our_reasons()
    {
        using var sumsub = Connect(shared.Server);
        var applicantId = await sumsub.CreateApplicantAsync(NewClient(), Maria, None);
        shared.Server.Review(applicantId, "completed", new JsonObject
        {
            ["reviewAnswer"] = "RED", ["reviewRejectType"] = "RETRY", ["rejectLabels"] = new JsonArray("BAD_PROOF_OF_ADDRESS", "LOW_QUALITY"),
        });

        var status = await sumsub.GetApplicantStatusAsync(applicantId, None);

        Assert.Equal(ReviewStatus.Completed, status.Status);
        Assert.Equal(ReviewAnswer.Red, status.Review!.Answer);
        Assert.Equal(RejectType.Retry, status.Review.RejectType);
        Assert.Equal([RejectionReason.AddressMismatch, RejectionReason.Blurred], status.Review.Reasons);
    }

    [Fact]
    public async Task An_access_token_is_asked_for_the_client_at_the_configured_level()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_767_225_600));
        using var sumsub = Connect(shared.Server, clock);
        var client = NewClient();

        var access = await sumsub.CreateAccessTokenAsync(client, None);

        Assert.Equal($"_act-{client}-600", access.Token);
        Assert.Equal(clock.GetUtcNow().AddMinutes(10), access.ExpiresAt);
        Assert.Contains(shared.Server.Received, r => r.Method == "POST"
            && r.RawTarget == $"/resources/accessTokens?userId={client}&levelName={Level}&ttlInSecs=600");
    }

    [Fact]
    public async Task An_unknown_applicant_is_not_found()
    {
        using var sumsub = Connect(shared.Server);

        var e = await Assert.ThrowsAsync<IdentityProviderException>(() => sumsub.GetApplicantStatusAsync("no-such-applicant", None));

        Assert.Equal(IdentityErrorKind.NotFound, e.Kind);
        Assert.False(e.Unreachable);
    }

    [Fact]
    public async Task A_refused_signature_is_a_permanent_authentication_failure()
    {
        using var sumsub = Connect(shared.Server, secretKey: "wrong-secret");

        var e = await Assert.ThrowsAsync<IdentityProviderException>(() => sumsub.CreateApplicantAsync(NewClient(), Maria, None));

        Assert.Equal(IdentityErrorKind.AuthenticationFailed, e.Kind);
        Assert.Equal(401, e.HttpStatus);
        Assert.False(e.Transient);
        Assert.True(e.Unreachable);
        Assert.Equal("The identity provider refused our credentials (HTTP 401): Request signature mismatch. "
            + "Check Identity:Sumsub:AppToken and SecretKey.", e.Message);
    }

    [Theory]
    [InlineData(500, IdentityErrorKind.Unavailable)]
    [InlineData(503, IdentityErrorKind.Unavailable)]
    [InlineData(429, IdentityErrorKind.Unavailable)]
    [InlineData(403, IdentityErrorKind.AuthenticationFailed)]
    [InlineData(400, IdentityErrorKind.InvalidParameters)]
    [InlineData(422, IdentityErrorKind.InvalidParameters)]
    [InlineData(410, IdentityErrorKind.Rejected)]
    public async Task Each_refusal_is_mapped_to_its_kind(int status, IdentityErrorKind kind)
    {
        await using var server = await FakeSumsubServer.StartAsync();
        server.Inject(status);
        using var sumsub = Connect(server);

        var e = await Assert.ThrowsAsync<IdentityProviderException>(() => sumsub.GetApplicantStatusAsync("65000001", None));

        Assert.Equal(kind, e.Kind);
        Assert.Equal(status, e.HttpStatus);
        Assert.Equal(kind == IdentityErrorKind.Unavailable, e.Transient);
    }

    [Fact]
    public async Task A_provider_hanging_past_the_timeout_is_transient_and_the_next_request_works()
    {
        await using var server = await FakeSumsubServer.StartAsync();
        server.Inject(0);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sumsub = Connect(server, clock);

        var hanging = sumsub.CreateApplicantAsync("client-timeout", Maria, None);
        await FakeHttp.Eventually(() => server.Received.Count == 1);
        clock.Advance(TimeSpan.FromSeconds(5));
        var e = await Assert.ThrowsAsync<IdentityProviderException>(() => hanging);

        Assert.True(e.Transient);
        Assert.IsType<TimeoutException>(e.InnerException);
        Assert.Equal("The identity provider did not answer within 5 seconds.", e.Message);
        Assert.StartsWith("65", await sumsub.CreateApplicantAsync("client-timeout", Maria, None));
    }

    [Fact]
    public async Task A_provider_that_is_down_is_unreachable()
    {
        var server = await FakeSumsubServer.StartAsync();
        await server.StopAsync();
        await server.DisposeAsync();
        using var sumsub = Connect(server);

        var e = await Assert.ThrowsAsync<IdentityProviderException>(() => sumsub.GetApplicantStatusAsync("65000001", None));

        Assert.Equal(IdentityErrorKind.Unavailable, e.Kind);
        Assert.True(e.Unreachable);
        Assert.Null(e.HttpStatus);
    }

    [Fact]
    public async Task An_answer_that_is_not_the_api_is_transient()
    {
        await using var server = await FakeSumsubServer.StartAsync();
        using var sumsub = Connect(server);
        server.Inject(200); // the injected fault body is an error object without an id

        var e = await Assert.ThrowsAsync<IdentityProviderException>(() => sumsub.GetApplicantStatusAsync("65000001", None));

        Assert.True(e.Transient);
        Assert.Contains("without an applicant id", e.Message);
    }
}
