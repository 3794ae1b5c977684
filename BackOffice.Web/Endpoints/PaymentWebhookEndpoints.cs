using BackOffice.Core.Common;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Payments;
using BackOffice.Web.Auth;

namespace BackOffice.Web.Endpoints;

/// <summary>
/// Where payment providers post their callbacks, one address per channel (<c>/webhooks/payments/card</c>). The signature
/// is checked on the raw bytes (card) or on the provider's sorted form of them (crypto) before anything is acted on;
/// every delivery, refused ones included, is recorded with what became of it.
/// </summary>
/// <remarks>
/// Answers: 200 once recorded — applied, ignored (an event we do not act on, an order we do not know) or a replay (the
/// first outcome again, nothing posted); 401 for a missing, wrong or stale signature; 400 for a signed body that cannot
/// be read; 404 for a channel that takes no callbacks; 413 over <see cref="MaxBodyBytes"/>; 503 when it could not be
/// recorded (the provider retries).
/// </remarks>
public static class PaymentWebhookEndpoints
{
    public const string Path = "/webhooks/payments/{channel}";
    public const int MaxBodyBytes = 256 * 1024;

    public static void MapPaymentWebhooks(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, ReceiveAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();

    private static async Task<IResult> ReceiveAsync(string channel, HttpContext http, IServiceScopeFactory scopes, CallbackChannels channels,
        IPaymentSecrets secrets, TimeProvider clock, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger("BackOffice.PaymentWebhook");
        var code = channel.Trim().ToLowerInvariant();
        var actor = new Actor(null, $"system:payment-webhook:{code}", http.Connection.RemoteIpAddress?.ToString(),
            http.Request.Headers.UserAgent.ToString(), CorrelationIdMiddleware.For(http));
        var kind = await channels.KindOfAsync(code, actor, ct);
        if (kind is null or ChannelKind.BankWire)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no payment channel '{code}' taking callbacks.");

        var body = await RawBody.ReadAsync(http.Request, MaxBodyBytes, ct);
        if (body is null)
            return await RefusedAsync(scopes, actor, log, code, null, false, StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBodyBytes / 1024} KB.");
        var secret = secrets.WebhookSecret(code);
        if (secret is null)
            return await RefusedAsync(scopes, actor, log, code, null, false, StatusCodes.Status503ServiceUnavailable,
                $"No webhook secret is configured for the {code} channel; the callback cannot be verified.");

        string? refusal = null;
        if (kind == ChannelKind.Card)
        {
            refusal = CardWebhook.Verify(body, http.Request.Headers[CardWebhook.SignatureHeader].FirstOrDefault(), secret, clock.GetUtcNow()) switch
            {
                CardWebhook.Verdict.Valid => null,
                CardWebhook.Verdict.Stale => $"The signature's timestamp is more than {CardWebhook.ToleranceSeconds} s from now (a replay, or a clock far off).",
                CardWebhook.Verdict.Malformed => "The signature header is not in the t=…,v1=… form.",
                _ => "The signature is missing or does not match the body.",
            };
        }
        else if (!CryptoIpn.Verify(body, http.Request.Headers[CryptoIpn.SignatureHeader].FirstOrDefault(), secret))
            refusal = "The signature is missing or does not match the body.";
        if (refusal is not null)
            return await RefusedAsync(scopes, actor, log, code, null, false, StatusCodes.Status401Unauthorized, refusal);

        PaymentEvent verified;
        try
        {
            verified = kind == ChannelKind.Card ? CardWebhook.Parse(body) : CryptoIpn.Parse(body);
        }
        catch (FormatException e)
        {
            return await RefusedAsync(scopes, actor, log, code, null, true, StatusCodes.Status400BadRequest, e.Message);
        }

        // Two copies racing: the loser's deposit update fails on its version, and a second try sees a replay.
        for (var attempt = 1; ; attempt++)
        {
            var result = await scopes.SendAsAsync(new RecordPaymentEvent(code, verified), actor, ct);
            if (result.Succeeded)
            {
                var answer = result.Value!;
                log.LogInformation("Payment callback {Channel} {EventType} {EventId}: {Outcome}{Replay}", code, verified.TypeName, verified.EventId,
                    answer.Outcome, answer.Replay ? " (replay)" : "");
                return Results.Ok(new { outcome = answer.Outcome.ToString().ToLowerInvariant(), detail = answer.Detail, replay = answer.Replay });
            }
            if (attempt == 2 || result.Error!.Code != "conflict")
            {
                await scopes.SendAsAsync(new RecordPaymentFailure(code, verified.EventId, result.Error!.Message), actor, ct);
                return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The callback could not be processed just now; send it again.");
            }
        }
    }

    private static async Task<IResult> RefusedAsync(IServiceScopeFactory scopes, Actor actor, ILogger log, string channel, string? eventId,
        bool signatureValid, int status, string reason)
    {
        // Neither the body nor the secret is logged.
        log.LogWarning("Payment callback for {Channel} from {Ip} refused ({Status}): {Reason}", channel, actor.Ip, status, reason);
        await scopes.SendAsAsync(new RecordPaymentRefusal(channel, eventId, signatureValid, $"Refused ({status}): {reason}"), actor);
        return Results.Problem(statusCode: status, title: reason);
    }
}
