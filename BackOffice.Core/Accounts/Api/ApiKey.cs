using System.Security.Cryptography;
using System.Text;

namespace BackOffice.Core.Accounts.Api;

/// <summary>
/// What a key may do: the client portal registers and reads its own clients, the CRM reads and updates profiles, the
/// partner portal reads partners' commission statements and clients.
/// </summary>
public static class ApiScopes
{
    public const string Portal = "portal";
    public const string Crm = "crm";
    public const string Partner = "partner";

    public static readonly string[] All = [Portal, Crm, Partner];
}

/// <summary>
/// A key for the client API. Only its SHA-256 hash is stored: the key itself is shown once,
/// when issued. The prefix lets staff recognise a key in lists and logs.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    [Common.Secret]
    public string Hash { get; set; } = "";
    public string Scopes { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTime? RevokedAt { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>"bo_" + 8 characters of prefix + "_" + 32 random characters.</summary>
    public static (string Key, string Prefix) Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=');
        return ($"bo_{prefix}_{secret}", prefix);
    }
}
