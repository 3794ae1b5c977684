using System.Net.Http.Headers;
using System.Text.Json;
using BackOffice.Core.Identity;
using BackOffice.Core.Kyc.Verification;
using BackOffice.Infrastructure.Identity.Fake;
using BackOffice.Web.Endpoints;

namespace BackOffice.Web.Features.Kyc;

/// <summary>
/// Demo mode with the fake identity provider: a person picks the verdict, and the fake's signed webhook
/// is posted to this server's own webhook endpoint — the road a real verdict takes, signature check included.
/// </summary>
public sealed class FakeVerdicts(FakeIdentityProvider provider, IHttpClientFactory http, IConfiguration configuration)
{
    public const string HttpClientName = "identity-fake-verdicts";

    /// <summary>Labels to pick from, each mapped to a different rejection reason.</summary>
    public static readonly IReadOnlyList<string> Labels = ["DOCUMENT_EXPIRED", "BAD_PROOF_OF_ADDRESS", "FORGERY", "BLURRY", "SELFIE_MISMATCH"];

    /// <param name="pageBaseUri">The address the operator's page came from; <c>BackOffice:InternalBaseUrl</c> wins when set (behind TLS offload).</param>
    public async Task<FakeDelivery> SendAsync(string pageBaseUri, long clientId, string applicantId, ReviewAnswer answer, RejectType? rejectType,
        IReadOnlyList<string> labels, CancellationToken ct = default)
    {
        var webhook = provider.BuildReview(applicantId, ClientReference.Of(clientId), answer, rejectType, answer == ReviewAnswer.Green ? null : labels);
        var baseUrl = configuration["BackOffice:InternalBaseUrl"] is { Length: > 0 } internalUrl ? internalUrl : pageBaseUri;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(baseUrl), IdentityWebhookEndpoints.Path.TrimStart('/')));
        request.Content = new ByteArrayContent(webhook.Body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in webhook.Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        return new FakeDelivery((int)response.StatusCode, Detail(await response.Content.ReadAsStringAsync(ct)));
    }

    /// <summary>The endpoint's "detail" (or a refusal's "title").</summary>
    private static string Detail(string answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            return json.RootElement.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String ? detail.GetString()!
                : json.RootElement.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}

public sealed record FakeDelivery(int Status, string Detail)
{
    public bool Accepted => Status == StatusCodes.Status200OK;
}
