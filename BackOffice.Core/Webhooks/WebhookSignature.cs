using System.Security.Cryptography;
using System.Text;

namespace BackOffice.Core.Webhooks;

/// <summary>
/// The signature on every webhook we send: HMAC-SHA256 over "timestamp.body", hex, in the
/// header <c>BackOffice-Signature: t=…,v1=…</c> — the same scheme as the card PSP's
/// callbacks, so a receiver can reuse one check for both.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "BackOffice-Signature";

    public static string Sign(string secret, long timestamp, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static string HeaderValue(string secret, long timestamp, string body) => $"t={timestamp},v1={Sign(secret, timestamp, body)}";

    /// <summary>What a receiver does: any v1 matching, in constant time, within the tolerance window.</summary>
    public static bool Verify(string secret, string header, string body, long now, int toleranceSeconds = 300)
    {
        long? t = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2) continue;
            if (kv[0].Trim() == "t" && long.TryParse(kv[1], out var ts)) t = ts;
            else if (kv[0].Trim() == "v1") candidates.Add(kv[1].Trim());
        }
        if (t is null || Math.Abs(now - t.Value) > toleranceSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, t.Value, body));
        return candidates.Any(c => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(c)));
    }
}
