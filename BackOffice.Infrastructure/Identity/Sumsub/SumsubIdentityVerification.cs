using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using BackOffice.Core.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Infrastructure.Identity.Sumsub;

/// <summary>Sumsub through its REST API, signed with the app token and secret key (see <see cref="SumsubRequestSignature"/>).</summary>
public sealed class SumsubIdentityVerification : IIdentityVerification, IDisposable
{
    private readonly SumsubOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<SumsubIdentityVerification> _log;
    private readonly SumsubClient _client;

    public SumsubIdentityVerification(IOptions<SumsubOptions> options, TimeProvider clock, ILogger<SumsubIdentityVerification> log)
    {
        _options = options.Value;
        _clock = clock;
        _log = log;
        _client = new SumsubClient(_options, clock);
    }

    public string Name => "sumsub";

    public async Task<string> CreateApplicantAsync(string externalUserId, ApplicantInfo info, CancellationToken ct)
    {
        var what = $"the applicant for {externalUserId}";
        try
        {
            var created = await _client.SendAsync(HttpMethod.Post, $"resources/applicants?levelName={Escape(_options.LevelName)}",
                ApplicantBody(externalUserId, info), what, ct);
            return Id(created);
        }
        catch (IdentityProviderException e) when (e.HttpStatus == (int)HttpStatusCode.Conflict)
        {
            // Sumsub keeps one applicant per externalUserId: a retry after a lost answer lands here.
            var existing = await _client.SendAsync(HttpMethod.Get, $"resources/applicants/-;externalUserId={Escape(externalUserId)}/one",
                null, what, ct);
            _log.LogInformation("Client {ExternalUserId} already had an applicant at the identity provider; using it", externalUserId);
            return Id(existing);
        }
    }

    public async Task<VerificationAccess> CreateAccessTokenAsync(string externalUserId, CancellationToken ct)
    {
        var answer = await _client.SendAsync(HttpMethod.Post,
            $"resources/accessTokens?userId={Escape(externalUserId)}&levelName={Escape(_options.LevelName)}&ttlInSecs={_options.AccessTokenSeconds}",
            null, $"an access token for {externalUserId}", ct);
        var token = ReviewJson.Text(answer, "token") is { Length: > 0 } t ? t : throw Malformed("a token");
        return new VerificationAccess(token, _clock.GetUtcNow().AddSeconds(_options.AccessTokenSeconds));
    }

    public async Task<ApplicantStatus> GetApplicantStatusAsync(string applicantId, CancellationToken ct)
    {
        var applicant = await _client.SendAsync(HttpMethod.Get, $"resources/applicants/{Escape(applicantId)}/one",
            null, $"applicant {applicantId}", ct);
        var review = applicant["review"];
        return new ApplicantStatus(
            Id(applicant),
            ReviewJson.Text(applicant, "externalUserId"),
            ReviewJson.Status(ReviewJson.Text(review, "reviewStatus")),
            ReviewJson.Result(review?["reviewResult"]));
    }

    /// <summary>Sumsub wants the country as ISO 3166-1 alpha-3; one it cannot be converted is left out rather than sent wrong.</summary>
    private static JsonObject ApplicantBody(string externalUserId, ApplicantInfo info)
    {
        var fixedInfo = new JsonObject { ["firstName"] = info.FirstName, ["lastName"] = info.LastName };
        if (info.DateOfBirth is { } dob)
            fixedInfo["dob"] = dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (Alpha3(info.Country) is { } country)
            fixedInfo["country"] = country;
        var body = new JsonObject { ["externalUserId"] = externalUserId, ["fixedInfo"] = fixedInfo };
        if (!string.IsNullOrWhiteSpace(info.Email))
            body["email"] = info.Email;
        if (!string.IsNullOrWhiteSpace(info.Phone))
            body["phone"] = info.Phone;
        return body;
    }

    private static string? Alpha3(string? alpha2)
    {
        if (alpha2 is not { Length: 2 }) return null;
        try { return new RegionInfo(alpha2).ThreeLetterISORegionName; }
        catch (ArgumentException) { return null; }
    }

    private static string Id(JsonObject applicant) => ReviewJson.Text(applicant, "id") is { Length: > 0 } id ? id : throw Malformed("an applicant id");

    private static IdentityProviderException Malformed(string missing) =>
        new(IdentityErrorKind.Unavailable, $"The identity provider answered without {missing}: its API version may not be supported.");

    private static string Escape(string value) => Uri.EscapeDataString(value);

    public void Dispose() => _client.Dispose();
}
