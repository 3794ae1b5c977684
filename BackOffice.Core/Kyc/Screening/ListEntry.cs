using System.Security.Cryptography;
using System.Text;

namespace BackOffice.Core.Kyc.Screening;

/// <summary>What kind of party a sanctions or PEP list entry names.</summary>
public enum EntryKind
{
    Person,
    Organization,
    Vessel,
    Aircraft,
    Other,
}

/// <summary>
/// One party on a sanctions or PEP list, the same shape whatever list it came from.
/// </summary>
/// <param name="Source">The list: <c>"ofac"</c> or <c>"opensanctions"</c>.</param>
/// <param name="ExternalId">The list's own id (OFAC <c>ent_num</c>, OpenSanctions <c>id</c>): stable across updates.</param>
/// <param name="Name">The primary name; individuals in natural order ("First Middle Last").</param>
/// <param name="BirthDates">Each a year (<c>1965</c>), a month (<c>1965-03</c>) or a day (<c>1965-03-12</c>).</param>
/// <param name="Countries">ISO 3166 alpha-2 where known, upper case; a name that could not be mapped is kept as written.</param>
/// <param name="Programs">The sanctions programmes, <c>"; "</c>-separated; empty for a PEP.</param>
/// <param name="IsPep">A politically exposed person who is not (also) sanctioned.</param>
public sealed record ListEntry(
    string Source,
    string ExternalId,
    EntryKind Kind,
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> BirthDates,
    IReadOnlyList<string> Countries,
    string Programs,
    bool IsPep)
{
    public const string Ofac = "ofac";
    public const string OpenSanctions = "opensanctions";

    /// <summary>The key an entry keeps across list updates.</summary>
    public string Key => Source + ":" + ExternalId;

    /// <summary>
    /// SHA-256 (lower-case hex) over the normalised content: whitespace collapsed, list fields
    /// de-duplicated and sorted, countries upper-cased. Reordering aliases or re-spacing a name
    /// keeps the hash; any change a reviewer would care about changes it, so a false-positive
    /// decision can be re-raised exactly when the entry changes.
    /// </summary>
    public string ContentHash()
    {
        string[] fields =
        [
            Source, ExternalId, Kind.ToString(), Collapse(Name),
            Set(Aliases.Select(Collapse)), Set(BirthDates.Select(Collapse)), Set(Countries.Select(c => Collapse(c).ToUpperInvariant())),
            Collapse(Programs), IsPep ? "pep" : "",
        ];
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001F', fields))));
    }

    private static string Set(IEnumerable<string> values) =>
        string.Join('\u001E', values.Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static string Collapse(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
