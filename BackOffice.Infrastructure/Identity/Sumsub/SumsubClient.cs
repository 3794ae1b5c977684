using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOffice.Core.Identity;

namespace BackOffice.Infrastructure.Identity.Sumsub;

/// <summary>
/// Sends signed requests to the Sumsub API and turns every failure into an
/// <see cref="IdentityProviderException"/>: no answer, throttling and 5xx are transient; a refused
/// token or signature is an authentication failure; the other refusals are answers about the request.
/// </summary>
internal sealed class SumsubClient : IDisposable
{
    private readonly SumsubOptions _options;
    private readonly TimeProvider _clock;
    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public SumsubClient(SumsubOptions options, TimeProvider clock)
    {
        if (!Uri.TryCreate(options.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri))
            throw new InvalidOperationException("Identity:Sumsub:BaseUrl must be the absolute URL of the Sumsub API.");
        _options = options;
        _clock = clock;
        _timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds);
        var handler = new SocketsHttpHandler { ConnectTimeout = _timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <param name="relativeUri">Path and query without the leading slash, values already escaped.</param>
    /// <param name="what">Finishes "The identity provider refused …" in error messages.</param>
    public async Task<JsonObject> SendAsync(HttpMethod method, string relativeUri, JsonObject? body, string what, CancellationToken ct)
    {
        using var timeout = new CancellationTokenSource(_timeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        using var request = Signed(method, relativeUri, body is null ? [] : Encoding.UTF8.GetBytes(body.ToJsonString()));

        HttpStatusCode status;
        string text;
        try
        {
            using var response = await _http.SendAsync(request, linked.Token);
            status = response.StatusCode;
            text = await response.Content.ReadAsStringAsync(linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new IdentityProviderException(IdentityErrorKind.Unavailable,
                $"The identity provider did not answer within {_timeout.TotalSeconds:0.#} seconds.", inner: new TimeoutException());
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new IdentityProviderException(IdentityErrorKind.Unavailable, "The identity provider cannot be reached.", inner: e);
        }

        var answer = Json(text);
        if ((int)status is >= 200 and < 300)
            return answer ?? throw new IdentityProviderException(IdentityErrorKind.Unavailable,
                "The identity provider answered something other than its API.", (int)status);
        throw Refusal(status, what, answer);
    }

    private HttpRequestMessage Signed(HttpMethod method, string relativeUri, byte[] body)
    {
        var request = new HttpRequestMessage(method, new Uri(_http.BaseAddress!, relativeUri));
        var timestamp = _clock.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(SumsubRequestSignature.TokenHeader, _options.AppToken);
        request.Headers.Add(SumsubRequestSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SumsubRequestSignature.SignatureHeader,
            SumsubRequestSignature.Sign(_options.SecretKey, timestamp, method.Method, request.RequestUri!.PathAndQuery, body));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body.Length > 0)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        return request;
    }

    private static IdentityProviderException Refusal(HttpStatusCode status, string what, JsonObject? answer)
    {
        var code = (int)status;
        var reason = ReviewJson.Text(answer, "description") is { Length: > 0 } description ? $": {description}" : "";
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new(IdentityErrorKind.AuthenticationFailed,
                $"The identity provider refused our credentials (HTTP {code}){reason}. Check Identity:Sumsub:AppToken and SecretKey.", code),
            HttpStatusCode.TooManyRequests => new(IdentityErrorKind.Unavailable, $"The identity provider is throttling requests (HTTP {code}).", code),
            _ when code >= 500 => new(IdentityErrorKind.Unavailable, $"The identity provider is unavailable (HTTP {code}).", code),
            HttpStatusCode.NotFound => new(IdentityErrorKind.NotFound, $"The identity provider does not know {what}{reason}.", code),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity => new(IdentityErrorKind.InvalidParameters,
                $"The identity provider refused {what} as invalid (HTTP {code}){reason}.", code),
            _ => new(IdentityErrorKind.Rejected, $"The identity provider refused {what} (HTTP {code}){reason}.", code),
        };
    }

    private static JsonObject? Json(string text)
    {
        try { return JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { return null; }
    }

    public void Dispose() => _http.Dispose();
}
