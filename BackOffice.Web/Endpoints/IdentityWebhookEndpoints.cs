using BackOffice.Core.Common;
using BackOffice.Core.Identity;
using BackOffice.Core.Kyc.Verification;
using BackOffice.Infrastructure.Identity;
using BackOffice.Web.Auth;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Endpoints;

/// <summary>
/// Where the identity provider posts its verdicts. The signature is checked on the raw bytes before
/// anything is parsed; every delivery, refused ones included, is recorded with what became of it.
/// </summary>
/// <remarks>
/// Answers: 200 once the delivery is recorded — applied, ignored (an event type we do not act on, or a
/// client we do not know: a 404 would only make the provider resend it for days) or a replay (the first
/// outcome again, nothing changed); 401 for a missing or wrong signature; 400 for a signed body that
/// cannot be read; 413 over <see cref="MaxBodyBytes"/>; 503 when it could not be recorded (the provider retries).
/// </remarks>
public static class IdentityWebhookEndpoints
{
    public const string Path = "/webhooks/identity";

    /// <summary>A review webhook is a few hundred bytes; this leaves room for long label lists and comments.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static void MapIdentityWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

    private static async Task<IResult> ReceiveAsync(HttpContext http, IServiceScopeFactory scopes, IOptions<IdentityWebhookOptions> options,
        ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger("BackOffice.IdentityWebhook");
        var actor = new Actor(null, "system:identity-webhook", http.Connection.RemoteIpAddress?.ToString(),
            http.Request.Headers.UserAgent.ToString(), CorrelationIdMiddleware.For(http));

        var body = await RawBody.ReadAsync(http.Request, MaxBodyBytes, ct);
        if (body is null)
            return await RefusedAsync(scopes, actor, log, null, false, StatusCodes.Status413PayloadTooLarge,
                $"The body is larger than {MaxBodyBytes / 1024} KB.");

        var eventId = VerificationWebhook.EventId(body);
        if (!VerificationWebhook.Verify(body, http.Request.Headers[VerificationWebhook.DigestHeader].FirstOrDefault(),
                http.Request.Headers[VerificationWebhook.AlgorithmHeader].FirstOrDefault(), options.Value.Secret))
            return await RefusedAsync(scopes, actor, log, eventId, false, StatusCodes.Status401Unauthorized,
                "The signature is missing or does not match the body.");

        VerificationEvent verified;
        try
        {
            verified = VerificationWebhook.Parse(body);
        }
        catch (FormatException e)
        {
            return await RefusedAsync(scopes, actor, log, eventId, true, StatusCodes.Status400BadRequest, e.Message);
        }

        // Two copies racing each other: the loser's insert fails on the unique event id, and a second try sees it as a replay.
        for (var attempt = 1; ; attempt++)
        {
            var result = await scopes.SendAsAsync(new RecordVerificationEvent(verified), actor, ct);
            if (result.Succeeded)
            {
                var answer = result.Value!;
                log.LogInformation("Identity webhook {EventType} for {ApplicantId}: {Outcome}{Replay}", verified.TypeName, verified.ApplicantId,
                    answer.Outcome, answer.Replay ? " (replay)" : "");
                return Results.Ok(new { outcome = answer.Outcome.ToString().ToLowerInvariant(), detail = answer.Detail, replay = answer.Replay });
            }
            if (attempt == 2 || result.Error!.Code != "conflict")
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "The webhook could not be recorded just now; send it again.");
        }
    }

    private static async Task<IResult> RefusedAsync(IServiceScopeFactory scopes, Actor actor, ILogger log, string? eventId, bool signatureValid,
        int status, string reason)
    {
        // Neither the body nor the secret is logged: the address and the reason are what an operator needs.
        log.LogWarning("Identity webhook from {Ip} refused ({Status}): {Reason}", actor.Ip, status, reason);
        await scopes.SendAsAsync(new RecordProviderCallback(eventId, signatureValid, $"Refused ({status}): {reason}"), actor);
        return Results.Problem(statusCode: status, title: reason);
    }
}
