using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BackOffice.Core.Identity;

/// <summary>
/// The identity provider's signed webhooks (Sumsub scheme): <c>X-Payload-Digest</c> is the hex HMAC
/// of the raw body with the webhook secret, <c>X-Payload-Digest-Alg</c> names the hash. Call
/// <see cref="Verify"/> on the bytes exactly as received and <see cref="Parse"/> only when it passed.
/// </summary>
/// <remarks>
/// Replays: the scheme signs no timestamp, so a captured delivery stays valid for ever and no
/// time window can refuse it. The defence is idempotency on <see cref="VerificationEvent.EventId"/>:
/// a delivery seen before returns the first outcome and changes nothing.
/// </remarks>
public static class VerificationWebhook
{
    public const string DigestHeader = "X-Payload-Digest";
    public const string AlgorithmHeader = "X-Payload-Digest-Alg";
    public const string HmacSha1Hex = "HMAC_SHA1_HEX";
    public const string HmacSha256Hex = "HMAC_SHA256_HEX";
    public const string HmacSha512Hex = "HMAC_SHA512_HEX";

    private const int LongestMac = 64;

    /// <summary>
    /// Whether the body was signed with <paramref name="secret"/>. Refuses a missing header, an
    /// algorithm other than the three above, and an empty secret (anyone can sign with that). The
    /// digest is compared as bytes in constant time, so upper-case hex is accepted like lower-case:
    /// it encodes the same MAC and gives a forger nothing.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> rawBody, string? digestHeader, string? algHeader, string secret)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrWhiteSpace(digestHeader) || algHeader is null)
            return false;
        Span<byte> expected = stackalloc byte[LongestMac];
        var length = Mac(algHeader.Trim(), secret, rawBody, expected);
        if (length < 0)
            return false;
        Span<byte> given = stackalloc byte[LongestMac];
        if (Convert.FromHexString(digestHeader.Trim(), given, out _, out var written) != OperationStatus.Done)
            return false;
        return CryptographicOperations.FixedTimeEquals(expected[..length], given[..written]);
    }

    /// <summary>The <see cref="DigestHeader"/> value for <paramref name="rawBody"/> (lower-case hex), as the provider computes it.</summary>
    public static string Sign(ReadOnlySpan<byte> rawBody, string secret, string algorithm = HmacSha256Hex)
    {
        Span<byte> mac = stackalloc byte[LongestMac];
        var length = Mac(algorithm, secret, rawBody, mac);
        if (length < 0)
            throw new ArgumentException($"{algorithm} is not a webhook digest algorithm.", nameof(algorithm));
        return Convert.ToHexStringLower(mac[..length]);
    }

    /// <summary>
    /// Reads a verified body. An unknown <c>type</c> gives an event with <see cref="VerificationEventType.Unknown"/>
    /// (acknowledge it, do nothing). Throws <see cref="FormatException"/> when the body is not a JSON
    /// object, a known event has no applicant id, or a review has no GREEN/RED answer.
    /// </summary>
    public static VerificationEvent Parse(ReadOnlySpan<byte> rawBody)
    {
        JsonObject body;
        try
        {
            body = JsonNode.Parse(rawBody) as JsonObject ?? throw new FormatException("The webhook body is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new FormatException("The webhook body is not JSON.", e);
        }

        var typeName = ReviewJson.Text(body, "type") ?? "";
        var type = typeName switch
        {
            "applicantCreated" => VerificationEventType.ApplicantCreated,
            "applicantPending" => VerificationEventType.ApplicantPending,
            "applicantOnHold" => VerificationEventType.ApplicantOnHold,
            "applicantReviewed" => VerificationEventType.ApplicantReviewed,
            _ => VerificationEventType.Unknown,
        };
        var applicantId = ReviewJson.Text(body, "applicantId") ?? "";
        if (type != VerificationEventType.Unknown && applicantId.Length == 0)
            throw new FormatException($"The {typeName} webhook has no applicantId.");
        var review = ReviewJson.Result(body["reviewResult"]);
        if (type == VerificationEventType.ApplicantReviewed && review is null)
            throw new FormatException("The applicantReviewed webhook has no GREEN or RED reviewAnswer.");

        return new VerificationEvent(
            EventId(rawBody),
            type,
            typeName,
            applicantId,
            ReviewJson.Text(body, "externalUserId"),
            ReviewJson.Status(ReviewJson.Text(body, "reviewStatus")),
            review,
            ReviewJson.Text(body, "correlationId"));
    }

    /// <summary>
    /// The idempotency key of a delivery: SHA-256 of the raw body, hex. The provider sends no event
    /// id, and its fields cannot make one safely: the same applicant is reviewed more than once
    /// (RED/RETRY, then GREEN after resubmission) and <c>createdAtMs</c>/<c>correlationId</c> are not
    /// always present. The body hash is always there, differs between two real events, and is the same
    /// for a replay, which is all an attacker without the secret can send. A provider retry that
    /// re-serialised the body would count as new; applying the same verdict twice must be harmless anyway.
    /// </summary>
    public static string EventId(ReadOnlySpan<byte> rawBody) => Convert.ToHexStringLower(SHA256.HashData(rawBody));

    /// <summary>Writes the MAC into <paramref name="destination"/> and returns its length, or -1 for an unknown algorithm.</summary>
    private static int Mac(string algorithm, string secret, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        return algorithm switch
        {
            HmacSha256Hex => HMACSHA256.HashData(key, body, destination),
            HmacSha512Hex => HMACSHA512.HashData(key, body, destination),
            HmacSha1Hex => HMACSHA1.HashData(key, body, destination),
            _ => -1,
        };
    }
}
