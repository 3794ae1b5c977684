using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOffice.Core.Common;

namespace BackOffice.Core.Funds.Payments;

/// <summary>
/// The crypto processor's signed IPN (NOWPayments scheme): <c>x-nowpayments-sig</c> is the hex HMAC-SHA512, with the
/// IPN secret, of the body re-serialised with its keys sorted (nested objects too) and no spaces. The scheme signs
/// no timestamp; a replay is answered by idempotency on the payment and its status.
/// </summary>
public static class CryptoIpn
{
    public const string SignatureHeader = "x-nowpayments-sig";

    private static readonly JsonWriterOptions Compact = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether the body, in its sorted form, was signed with <paramref name="secret"/>. A body that is not a JSON object fails.</summary>
    public static bool Verify(ReadOnlySpan<byte> rawBody, string? header, string secret)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrWhiteSpace(header)) return false;
        byte[] canonical;
        try
        {
            canonical = Canonical(rawBody);
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), canonical);
        Span<byte> given = stackalloc byte[64];
        return header.Trim().Length == 128
               && Convert.FromHexString(header.Trim(), given, out _, out var written) == OperationStatus.Done && written == 64
               && CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static string Sign(ReadOnlySpan<byte> rawBody, string secret) =>
        Convert.ToHexStringLower(HMACSHA512.HashData(Encoding.UTF8.GetBytes(secret), Canonical(rawBody)));

    /// <summary>The body with every object's keys in ordinal order and no whitespace; numbers keep their original text.</summary>
    public static byte[] Canonical(ReadOnlySpan<byte> rawBody)
    {
        var root = PaymentJson.Object(rawBody);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
            Write(writer, root);
        return buffer.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                writer.WriteStartObject();
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(key);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case JsonArray a:
                writer.WriteStartArray();
                foreach (var item in a) Write(writer, item);
                writer.WriteEndArray();
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// Reads a verified IPN. <c>finished</c> credits; <c>partially_paid</c> goes to manual review with the part paid;
    /// <c>failed</c> and <c>expired</c> fail the deposit; the others are progress. The event id is the payment and
    /// its status, so each step of a payment is processed once.
    /// </summary>
    public static PaymentEvent Parse(ReadOnlySpan<byte> rawBody)
    {
        var body = PaymentJson.Object(rawBody);
        var paymentId = PaymentJson.Text(body, "payment_id") ?? throw new FormatException("The IPN has no payment_id.");
        var status = PaymentJson.Text(body, "payment_status") ?? throw new FormatException("The IPN has no payment_status.");
        var kind = status switch
        {
            "finished" => PaymentEventType.Succeeded,
            "partially_paid" => PaymentEventType.PartiallyPaid,
            "failed" or "expired" => PaymentEventType.Failed,
            "waiting" or "confirming" or "confirmed" or "sending" => PaymentEventType.InProgress,
            _ => PaymentEventType.Unknown,
        };
        var currency = PaymentJson.Text(body, "price_currency")?.ToUpperInvariant();
        var price = PaymentJson.Decimal(body, "price_amount");
        Money? paid = null;
        if (currency is not null && Currencies.Find(currency) is { } info && price is { } ordered)
        {
            var amount = ordered;
            if (kind == PaymentEventType.PartiallyPaid && PaymentJson.Decimal(body, "pay_amount") is > 0 and var asked
                && PaymentJson.Decimal(body, "actually_paid") is { } actually)
                amount = Math.Min(ordered, ordered * actually / asked);
            paid = new Money((long)Math.Floor(amount * info.UnitsPerWhole), info.Code);
        }
        return new PaymentEvent(
            $"{paymentId}:{status}", status, kind, paymentId, PaymentJson.Text(body, "order_id"), paid,
            FailureCode: kind == PaymentEventType.Failed ? status : null,
            FailureMessage: kind == PaymentEventType.Failed ? (status == "expired" ? "The invoice expired before it was paid." : "The processor reports the payment failed.") : null,
            Fingerprint: PaymentJson.Text(body, "pay_address"),
            ProviderStatus: status);
    }
}
