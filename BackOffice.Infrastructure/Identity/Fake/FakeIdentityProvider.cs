using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOffice.Core.Identity;

namespace BackOffice.Infrastructure.Identity.Fake;

/// <summary>
/// An identity provider inside the application, for demos and tests: applicants live in memory
/// (and in <c>Identity:Fake:StateFile</c> when set), and the verdict is chosen by a person, who gets
/// back the webhook the real provider would send, signed with the configured webhook secret, to be
/// posted to our own webhook endpoint.
/// </summary>
public sealed class FakeIdentityProvider : IIdentityVerification
{
    public const string LevelName = "fake-basic-kyc";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    private readonly string _webhookSecret;
    private readonly TimeProvider _clock;
    private readonly string? _stateFile;
    private readonly Lock _sync = new();
    private readonly Dictionary<string, ApplicantStatus> _applicants;

    public FakeIdentityProvider(string webhookSecret, TimeProvider clock, string? stateFile = null)
    {
        _webhookSecret = webhookSecret;
        _clock = clock;
        _stateFile = stateFile;
        _applicants = stateFile is not null && File.Exists(stateFile)
            ? JsonSerializer.Deserialize<Dictionary<string, ApplicantStatus>>(File.ReadAllText(stateFile)) ?? []
            : [];
    }

    public string Name => "fake";

    /// <summary>While set, every call fails as it would with the provider down (for outage demos and tests).</summary>
    public bool Unavailable { get; set; }

    public Task<string> CreateApplicantAsync(string externalUserId, ApplicantInfo info, CancellationToken ct)
    {
        ThrowIfUnavailable();
        lock (_sync)
        {
            var existing = _applicants.Values.FirstOrDefault(a => a.ExternalUserId == externalUserId);
            if (existing is not null)
                return Task.FromResult(existing.ApplicantId);
            var applicant = new ApplicantStatus($"fake-{Guid.NewGuid():N}", externalUserId, ReviewStatus.Init, null);
            Store(applicant);
            return Task.FromResult(applicant.ApplicantId);
        }
    }

    public Task<VerificationAccess> CreateAccessTokenAsync(string externalUserId, CancellationToken ct)
    {
        ThrowIfUnavailable();
        return Task.FromResult(new VerificationAccess($"fake-token-{RandomNumberGenerator.GetHexString(32, lowercase: true)}",
            _clock.GetUtcNow() + TokenLifetime));
    }

    public Task<ApplicantStatus> GetApplicantStatusAsync(string applicantId, CancellationToken ct)
    {
        ThrowIfUnavailable();
        lock (_sync)
            return _applicants.TryGetValue(applicantId, out var applicant) ? Task.FromResult(applicant)
                : throw new IdentityProviderException(IdentityErrorKind.NotFound, $"The identity provider does not know applicant {applicantId}.", 404);
    }

    /// <summary>
    /// The <c>applicantReviewed</c> webhook for the chosen verdict, signed; the applicant (when this
    /// provider created it) takes that verdict. GREEN takes no reject type or labels; RED needs a reject type.
    /// </summary>
    public SignedWebhook BuildReview(string applicantId, string externalUserId, ReviewAnswer answer,
        RejectType? rejectType = null, IReadOnlyList<string>? labels = null)
    {
        labels ??= [];
        if (answer == ReviewAnswer.Green && (rejectType is not null || labels.Count > 0))
            throw new ArgumentException("An approval carries no reject type or labels.", nameof(rejectType));
        if (answer == ReviewAnswer.Red && rejectType is null)
            throw new ArgumentException("A rejection needs RETRY or FINAL.", nameof(rejectType));

        var result = new JsonObject { ["reviewAnswer"] = answer == ReviewAnswer.Green ? "GREEN" : "RED" };
        if (answer == ReviewAnswer.Red)
        {
            result["rejectLabels"] = new JsonArray(labels.Select(l => (JsonNode?)l).ToArray());
            result["reviewRejectType"] = rejectType == RejectType.Retry ? "RETRY" : "FINAL";
        }
        lock (_sync)
            if (_applicants.TryGetValue(applicantId, out var applicant))
                Store(applicant with { Status = ReviewStatus.Completed, Review = new ReviewResult(answer, rejectType, labels) });
        return Build(applicantId, externalUserId, "applicantReviewed", "completed", result);
    }

    /// <summary>A signed <c>applicantPending</c> webhook: the client has submitted everything.</summary>
    public SignedWebhook BuildPending(string applicantId, string externalUserId)
    {
        lock (_sync)
            if (_applicants.TryGetValue(applicantId, out var applicant))
                Store(applicant with { Status = ReviewStatus.Pending, Review = null });
        return Build(applicantId, externalUserId, "applicantPending", "pending", null);
    }

    private SignedWebhook Build(string applicantId, string externalUserId, string type, string reviewStatus, JsonObject? reviewResult)
    {
        var payload = new JsonObject
        {
            ["applicantId"] = applicantId,
            ["correlationId"] = RandomNumberGenerator.GetHexString(32, lowercase: true),
            ["externalUserId"] = externalUserId,
            ["levelName"] = LevelName,
            ["type"] = type,
            ["sandboxMode"] = true,
            ["reviewStatus"] = reviewStatus,
            ["createdAtMs"] = _clock.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
        };
        if (reviewResult is not null)
            payload["reviewResult"] = reviewResult;
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        return new SignedWebhook(body, new Dictionary<string, string>
        {
            [VerificationWebhook.DigestHeader] = VerificationWebhook.Sign(body, _webhookSecret),
            [VerificationWebhook.AlgorithmHeader] = VerificationWebhook.HmacSha256Hex,
        });
    }

    private void ThrowIfUnavailable()
    {
        if (Unavailable) throw new IdentityProviderException(IdentityErrorKind.Unavailable, "The identity provider cannot be reached.");
    }

    /// <summary>Keeps the change, and writes the whole state when there is a file (rarely: one write per applicant event).</summary>
    private void Store(ApplicantStatus applicant)
    {
        _applicants[applicant.ApplicantId] = applicant;
        if (_stateFile is null) return;
        var temporary = _stateFile + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_applicants));
        File.Move(temporary, _stateFile, overwrite: true);
    }
}

/// <summary>A webhook as the provider would POST it: the body (JSON, UTF-8) and the headers that sign it.</summary>
public sealed record SignedWebhook(byte[] Body, IReadOnlyDictionary<string, string> Headers);
