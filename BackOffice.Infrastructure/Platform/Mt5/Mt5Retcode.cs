using System.Globalization;
using BackOffice.Core.Platform;

namespace BackOffice.Infrastructure.Platform.Mt5;

/// <summary>The <c>retcode</c> of every Web API answer: <c>"0 Done"</c> or <c>"&lt;number&gt; &lt;text&gt;"</c>.</summary>
internal readonly record struct Mt5Retcode(int Code, string Text)
{
    public const int Done = 0;
    public const int InvalidParameters = 3;
    public const int NotEnoughPermissions = 8;
    public const int NotFound = 13;
    public const int AccountExists = 3004;
    public const int NotEnoughMoney = 10019;

    public bool IsDone => Code == Done;

    /// <summary>Authentication retcodes (1000–1099); on an ordinary request they mean the session is gone.</summary>
    public bool IsAuthentication => Code is >= 1000 and < 1100;

    public static bool TryParse(string? value, out Mt5Retcode retcode)
    {
        retcode = default;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var parts = value.Trim().Split(' ', 2);
        if (!int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)) return false;
        retcode = new Mt5Retcode(code, parts.Length > 1 ? parts[1].Trim() : "");
        return true;
    }

    public PlatformErrorKind Kind => Code switch
    {
        InvalidParameters => PlatformErrorKind.InvalidParameters,
        NotEnoughPermissions => PlatformErrorKind.NotEnoughPermissions,
        NotFound => PlatformErrorKind.NotFound,
        NotEnoughMoney => PlatformErrorKind.NotEnoughMoney,
        // Network error, timeout, no connection, service unavailable, too frequent, shutting down:
        // the server is telling us it is (momentarily) unable to answer.
        7 or 9 or 10 or 11 or 12 or 15 => PlatformErrorKind.Unavailable,
        _ when IsAuthentication => PlatformErrorKind.AuthenticationFailed,
        _ => PlatformErrorKind.Rejected,
    };

    /// <param name="what">What was asked, to finish the sentence "The trading platform refused …".</param>
    public PlatformException ToException(string what) =>
        new(Kind, $"The trading platform refused {what}: {Sentence(Text)} ({Code}).", Code);

    public override string ToString() => $"{Code} {Text}";

    private static string Sentence(string text) =>
        text.Length == 0 ? "no reason given" : char.ToLowerInvariant(text[0]) + text[1..];
}
