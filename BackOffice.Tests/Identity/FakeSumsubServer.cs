using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BackOffice.Infrastructure.Identity.Sumsub;
using BackOffice.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace BackOffice.Tests.Identity;

/// <summary>A request exactly as it reached the server.</summary>
public sealed record ReceivedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// The part of the Sumsub API the adapter uses, on 127.0.0.1: every request must carry the app token
/// and a valid signature (else HTTP 401, as Sumsub answers), applicants are kept one per
/// externalUserId (a second one gets HTTP 409), and faults are injected on demand: an HTTP status,
/// or no answer until the client gives up.
/// </summary>
public sealed class FakeSumsubServer : IAsyncDisposable
{
    public const string AppToken = "app-token-test";
    public const string SecretKey = "app-secret-test";

    private readonly Lock _sync = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly Dictionary<string, JsonObject> _applicants = [];
    private readonly Queue<int> _faults = new();
    private WebApplication? _app;
    private int _nextApplicant;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<ReceivedRequest> Received => _received.ToList();

    public static async Task<FakeSumsubServer> StartAsync()
    {
        var server = new FakeSumsubServer();
        (server._app, server.BaseUrl) = await FakeHttp.StartAsync(server.HandleAsync);
        return server;
    }

    /// <summary>The next request is answered with <paramref name="status"/> (0: no answer until the client gives up).</summary>
    public void Inject(int status)
    {
        lock (_sync) _faults.Enqueue(status);
    }

    /// <summary>The provider's reviewers decide: sets the applicant's review as <c>/one</c> reports it.</summary>
    public void Review(string applicantId, string reviewStatus, JsonObject? reviewResult = null)
    {
        lock (_sync)
        {
            var review = new JsonObject { ["reviewStatus"] = reviewStatus };
            if (reviewResult is not null) review["reviewResult"] = reviewResult;
            _applicants[applicantId]["review"] = review;
        }
    }

    public JsonObject? Applicant(string applicantId)
    {
        lock (_sync) return _applicants.TryGetValue(applicantId, out var a) ? a.DeepClone().AsObject() : null;
    }

    public async Task StopAsync()
    {
        if (_app is not null) await _app.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var request = new ReceivedRequest(http.Request.Method, http.Features.Get<IHttpRequestFeature>()!.RawTarget,
            http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), buffer.ToArray());
        _received.Enqueue(request);

        int? fault;
        lock (_sync) fault = _faults.TryDequeue(out var f) ? f : null;
        if (fault == 0)
        {
            await FakeHttp.HangAsync(http);
            return;
        }
        if (fault is { } status)
        {
            await FakeHttp.WriteJsonAsync(http, status, Error(status, "Injected fault"));
            return;
        }
        if (!Authentic(request))
        {
            await FakeHttp.WriteJsonAsync(http, 401, Error(401, "Request signature mismatch"));
            return;
        }
        (int Status, JsonObject Body) answer;
        lock (_sync) answer = Answer(request, http.Request.Query);
        await FakeHttp.WriteJsonAsync(http, answer.Status, answer.Body);
    }

    private static bool Authentic(ReceivedRequest request) =>
        request.Headers.GetValueOrDefault(SumsubRequestSignature.TokenHeader) == AppToken
        && long.TryParse(request.Headers.GetValueOrDefault(SumsubRequestSignature.TimestampHeader), out var ts)
        && request.Headers.GetValueOrDefault(SumsubRequestSignature.SignatureHeader)
            == SumsubRequestSignature.Sign(SecretKey, ts, request.Method, request.RawTarget, request.Body);

    private (int, JsonObject) Answer(ReceivedRequest request, IQueryCollection query)
    {
        var path = request.RawTarget.Split('?')[0];
        const string byExternalId = "/resources/applicants/-;externalUserId=";
        return (request.Method, path) switch
        {
            ("POST", "/resources/applicants") => Create(JsonNode.Parse(request.Body) as JsonObject, query["levelName"].ToString()),
            ("POST", "/resources/accessTokens") => (200, new JsonObject
                { ["token"] = $"_act-{query["userId"]}-{query["ttlInSecs"]}", ["userId"] = query["userId"].ToString() }),
            ("GET", _) when path.StartsWith(byExternalId) && path.EndsWith("/one") =>
                Found(_applicants.Values.FirstOrDefault(a =>
                    a["externalUserId"]?.ToString() == Uri.UnescapeDataString(path[byExternalId.Length..^"/one".Length]))),
            ("GET", _) when path.StartsWith("/resources/applicants/") && path.EndsWith("/one") =>
                Found(_applicants.GetValueOrDefault(Uri.UnescapeDataString(path["/resources/applicants/".Length..^"/one".Length]))),
            _ => (404, Error(404, "Not found")),
        };
    }

    private (int, JsonObject) Create(JsonObject? body, string levelName)
    {
        var externalUserId = body?["externalUserId"]?.ToString();
        if (string.IsNullOrEmpty(externalUserId) || levelName.Length == 0)
            return (400, Error(400, "externalUserId and levelName are required"));
        var existing = _applicants.Values.FirstOrDefault(a => a["externalUserId"]?.ToString() == externalUserId);
        if (existing is not null)
            return (409, Error(409, $"Applicant with external user id '{externalUserId}' already exists: {existing["id"]}"));
        var applicant = body!.DeepClone().AsObject();
        applicant["id"] = $"65{++_nextApplicant:x6}";
        applicant["levelName"] = levelName;
        applicant["review"] = new JsonObject { ["reviewStatus"] = "init" };
        _applicants[applicant["id"]!.ToString()] = applicant;
        return (201, applicant.DeepClone().AsObject());
    }

    private static (int, JsonObject) Found(JsonObject? applicant) =>
        applicant is null ? (404, Error(404, "Applicant not found")) : (200, applicant.DeepClone().AsObject());

    private static JsonObject Error(int code, string description) =>
        new() { ["description"] = description, ["code"] = code, ["correlationId"] = Guid.NewGuid().ToString("N") };
}
