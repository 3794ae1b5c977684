using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BackOffice.Infrastructure.Identity.Sumsub;

/// <summary>
/// How every Sumsub API request proves who sends it: the app token in clear, and the hex
/// HMAC-SHA256, with the secret key, of timestamp ‖ METHOD ‖ path-with-query ‖ body. The
/// timestamp (unix seconds) is signed too, so Sumsub can refuse an old request replayed.
/// </summary>
public static class SumsubRequestSignature
{
    public const string TokenHeader = "X-App-Token";
    public const string TimestampHeader = "X-App-Access-Ts";
    public const string SignatureHeader = "X-App-Access-Sig";

    public static string Sign(string secretKey, long timestamp, string method, string pathAndQuery, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secretKey));
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + method.ToUpperInvariant() + pathAndQuery));
        hmac.AppendData(body);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }
}
