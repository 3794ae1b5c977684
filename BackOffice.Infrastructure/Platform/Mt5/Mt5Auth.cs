using System.Security.Cryptography;
using System.Text;

namespace BackOffice.Infrastructure.Platform.Mt5;

/// <summary>
/// The MT5 Web API challenge–response: the password never travels, each side proves it knows it.
/// MD5 is what the protocol prescribes; it is not used here for anything else.
/// </summary>
public static class Mt5Auth
{
    /// <summary><c>MD5( MD5( UTF-16LE(password) ) ‖ ASCII("WebAPI") )</c>.</summary>
    public static byte[] PasswordHash(string password)
    {
        var inner = MD5.HashData(Encoding.Unicode.GetBytes(password));
        return MD5.HashData([.. inner, .. "WebAPI"u8]);
    }

    /// <summary><c>MD5( password_hash ‖ random )</c>: the answer to the other side's random challenge.</summary>
    public static byte[] Answer(ReadOnlySpan<byte> passwordHash, ReadOnlySpan<byte> random) =>
        MD5.HashData([.. passwordHash, .. random]);

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Whether <paramref name="answerHex"/> is the right answer to <paramref name="random"/> (compared in constant time).</summary>
    public static bool IsAnswer(ReadOnlySpan<byte> passwordHash, ReadOnlySpan<byte> random, string? answerHex)
    {
        if (answerHex is not { Length: 32 }) return false;
        byte[] given;
        try { given = Convert.FromHexString(answerHex); }
        catch (FormatException) { return false; }
        return CryptographicOperations.FixedTimeEquals(Answer(passwordHash, random), given);
    }
}
