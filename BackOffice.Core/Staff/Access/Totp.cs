using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Core.Staff.Access;

/// <summary>RFC 6238 codes (HMAC-SHA1, 30 s, 6 digits) as authenticator apps produce them.</summary>
public static class Totp
{
    public const int StepSeconds = 30;

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The step a code belongs to, allowing one step of clock drift either way, or null.</summary>
    public static long? Match(byte[] key, string code, DateTimeOffset now)
    {
        code = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit)) return null;
        var step = StepAt(now);
        for (var drift = -1; drift <= 1; drift++)
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step + drift)), System.Text.Encoding.ASCII.GetBytes(code)))
                return step + drift;
        return null;
    }

    public static byte[] DecodeBase32(string base32)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = base32.TrimEnd('=').Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c);
            if (value < 0) throw new FormatException("Not a base32 key.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return bytes.ToArray();
    }
}

/// <summary>
/// Identity's authenticator provider, with the one thing it lacks: a code, once accepted,
/// is never accepted again (someone looking over a shoulder cannot replay it).
/// </summary>
public sealed class SingleUseTotpProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<StaffMember>
{
    public const string Name = "BackOfficeAuthenticator";

    public Task<string> GenerateAsync(string purpose, UserManager<StaffMember> manager, StaffMember user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffMember> manager, StaffMember user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key)) return false;
        var step = Totp.Match(Totp.DecodeBase32(key), token, clock.GetUtcNow());
        if (step is null || step <= user.LastTotpStep) return false;
        user.LastTotpStep = step;
        // Two sign-ins racing with the same code: only the one whose update wins is accepted.
        return (await manager.UpdateAsync(user)).Succeeded;
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<StaffMember> manager, StaffMember user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));
}
