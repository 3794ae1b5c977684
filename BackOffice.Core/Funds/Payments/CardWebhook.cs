using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOffice.Core.Common;

namespace BackOffice.Core.Funds.Payments;

/// <summary>
/// The card processor's signed webhooks (Stripe scheme). <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;[,v1=…]</c>;
/// the signed payload is <c>t + "." + raw body</c>, HMAC-SHA256 with the endpoint secret. Several v1 values come
/// during a secret rotation and any one matching is enough; other schemes (v0) are ignored. A timestamp more than
/// <see cref="ToleranceSeconds"/> from now is refused, so a captured delivery cannot be replayed later.
/// </summary>
public static class CardWebhook
{
    public const string SignatureHeader = "Stripe-Signature";
    public const int ToleranceSeconds = 300;

    public enum Verdict
    {
        Valid,
        Missing,
        Malformed,
        Mismatch,
        Stale,
    }

    public static Verdict Verify(ReadOnlySpan<byte> rawBody, string? header, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrWhiteSpace(header)) return Verdict.Missing;
        long? timestamp = null;
        var signatures = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t)) timestamp = t;
            else if (key == "v1") signatures.Add(value);
        }
        if (timestamp is null || signatures.Count == 0) return Verdict.Malformed;

        var expected = Mac(rawBody, timestamp.Value, secret);
        Span<byte> given = stackalloc byte[32];
        var matched = false;
        foreach (var signature in signatures)
            if (signature.Length == 64 && Convert.FromHexString(signature, given, out _, out var written) == OperationStatus.Done && written == 32)
                matched |= CryptographicOperations.FixedTimeEquals(expected, given);
        if (!matched) return Verdict.Mismatch;
        return Math.Abs(now.ToUnixTimeSeconds() - timestamp.Value) > ToleranceSeconds ? Verdict.Stale : Verdict.Valid;
    }

    /// <summary>The header value a provider would send for <paramref name="rawBody"/> at <paramref name="timestamp"/>.</summary>
    public static string Sign(ReadOnlySpan<byte> rawBody, long timestamp, string secret) =>
        $"t={timestamp},v1={Convert.ToHexStringLower(Mac(rawBody, timestamp, secret))}";

    private static byte[] Mac(ReadOnlySpan<byte> rawBody, long timestamp, string secret)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var payload = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(payload, 0);
        rawBody.CopyTo(payload.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
    }

    /// <summary>
    /// Reads a verified body. <c>payment_intent.succeeded</c> and <c>payment_intent.payment_failed</c> are acted on;
    /// any other type is <see cref="PaymentEventType.Unknown"/>. Throws <see cref="FormatException"/> for a body that
    /// is not an event with an id and an object.
    /// </summary>
    public static PaymentEvent Parse(ReadOnlySpan<byte> rawBody)
    {
        var body = PaymentJson.Object(rawBody);
        var id = PaymentJson.Text(body, "id") ?? throw new FormatException("The event has no id.");
        var type = PaymentJson.Text(body, "type") ?? throw new FormatException("The event has no type.");
        var intent = body["data"]?["object"] as JsonObject ?? throw new FormatException("The event has no data.object.");
        if (type == "charge.dispute.created")
        {
            // data.object is the dispute: it names the payment intent, the amount taken back and why.
            var disputed = PaymentJson.Long(intent, "amount");
            var disputeCurrency = PaymentJson.Text(intent, "currency")?.ToUpperInvariant();
            return new PaymentEvent(id, type, PaymentEventType.Chargeback, PaymentJson.Text(intent, "payment_intent"), null,
                disputed is { } d && Currencies.Find(disputeCurrency) is not null ? new Money(d, disputeCurrency!) : null,
                FailureCode: PaymentJson.Text(intent, "reason"), FailureMessage: PaymentJson.Text(intent, "id"), ProviderStatus: "disputed");
        }
        var kind = type switch
        {
            "payment_intent.succeeded" => PaymentEventType.Succeeded,
            "payment_intent.payment_failed" => PaymentEventType.Failed,
            "payment_intent.processing" => PaymentEventType.InProgress,
            _ => PaymentEventType.Unknown,
        };
        if (kind == PaymentEventType.Unknown)
            return new PaymentEvent(id, type, kind, PaymentJson.Text(intent, "id"), null, null);

        var intentId = PaymentJson.Text(intent, "id") ?? throw new FormatException("The payment intent has no id.");
        var currency = PaymentJson.Text(intent, "currency")?.ToUpperInvariant();
        Money? paid = null;
        var received = PaymentJson.Long(intent, "amount_received") ?? PaymentJson.Long(intent, "amount");
        if (currency is not null && received is { } minor && Currencies.Find(currency) is not null)
            paid = new Money(kind == PaymentEventType.Succeeded ? minor : PaymentJson.Long(intent, "amount") ?? minor, currency);
        var charge = intent["charges"]?["data"] is JsonArray { Count: > 0 } charges ? charges[0] as JsonObject : null;
        var error = intent["last_payment_error"] as JsonObject;
        return new PaymentEvent(
            id, type, kind, intentId,
            PaymentJson.Text(intent["metadata"] as JsonObject, "deposit_ref"),
            paid,
            PayerName: PaymentJson.Text(charge?["billing_details"] as JsonObject, "name"),
            FailureCode: PaymentJson.Text(error, "decline_code") ?? PaymentJson.Text(error, "code"),
            FailureMessage: PaymentJson.Text(error, "message"),
            Fingerprint: PaymentJson.Text(charge?["payment_method_details"]?["card"] as JsonObject, "fingerprint"),
            ProviderStatus: PaymentJson.Text(intent, "status"));
    }
}

/// <summary>Small readers for provider JSON: a missing or mistyped field reads as null, never as an exception.</summary>
internal static class PaymentJson
{
    public static JsonObject Object(ReadOnlySpan<byte> rawBody)
    {
        try
        {
            return JsonNode.Parse(rawBody) as JsonObject ?? throw new FormatException("The body is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException("The body is not JSON.", e);
        }
    }

    public static string? Text(JsonObject? o, string name) => o?[name] is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => v.ToJsonString(),
            _ => null,
        }
        : null;

    public static long? Long(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) ? l : null;

    public static decimal? Decimal(JsonObject? o, string name) => o?[name] is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.Number when v.TryGetValue<decimal>(out var d) => d,
            JsonValueKind.String when decimal.TryParse(v.GetValue<string>(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        }
        : null;
}
