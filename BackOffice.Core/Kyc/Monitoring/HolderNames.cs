using System.Globalization;
using System.Text;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// Whether the name on a payment instrument is the client's: the same words in any order, accents and case
/// aside, an initial standing for a word ("J Smith" is "John Smith"), a middle name allowed to be missing.
/// At least one whole word has to agree, so initials alone never match.
/// </summary>
public static class HolderNames
{
    private static readonly HashSet<string> Titles = ["MR", "MRS", "MS", "MISS", "DR"];

    public static bool Match(string a, string b)
    {
        var (x, y) = (Words(a), Words(b));
        var (shorter, longer) = x.Count <= y.Count ? (x, y) : (y, x);
        if (shorter.Count == 0) return false;
        var whole = false;
        foreach (var word in shorter)
        {
            if (longer.Contains(word)) whole |= word.Length > 1;
            else if (word.Length != 1 || !longer.Any(w => w[0] == word[0])) return false;
        }
        return whole;
    }

    private static List<string> Words(string name)
    {
        var letters = new StringBuilder();
        foreach (var ch in name.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
                letters.Append(char.IsLetter(ch) ? char.ToUpperInvariant(ch) : ' ');
        return [.. letters.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Titles.Contains(w))];
    }
}
