using System.Globalization;
using System.Text;

namespace BackOffice.Core.Kyc.Screening.Matching;

/// <summary>
/// Turns a name as written into the tokens the matcher compares: Unicode NFKD with the
/// diacritics dropped (José → jose), Cyrillic romanised, lower case, punctuation as a word
/// break (apostrophes join: O'Brien → obrien), honorifics dropped, particles and legal forms
/// dropped when something else remains, Arabic "Abd…"/"Abu" joined to the next word, then
/// each token's spelling folded so common transliteration variants meet (Müller/Mueller,
/// Petrow/Petrov, Alexei/Aleksey, Mohammed/Muhammad).
/// </summary>
public static class NameNormaliser
{
    private static readonly Dictionary<string, string> Canonical = BuildCanonical();

    /// <summary>The first letters a canonical name is written with ("yevgeni": Y, E, J): what an initial may stand for.</summary>
    private static readonly Dictionary<string, string> InitialsOfCanonical = NameVocabulary.Transliterations.ToDictionary(
        g => Fold(g[0]), g => string.Concat(g.Select(v => Fold(v)[0]).Distinct()), StringComparer.Ordinal);

    private const int MinJoinedRest = 3;

    private static readonly string MuhammadCanonical = Fold(NameVocabulary.Muhammad[0]);

    /// <summary>Muhammad's folded spellings, longest first.</summary>
    private static readonly string[] JoinedMuhammad =
        NameVocabulary.Muhammad.Select(Fold).Where(v => v.Length > 3).Distinct().OrderByDescending(v => v.Length).ToArray();

    [ThreadStatic]
    private static StringBuilder? word;

    /// <summary>The comparable tokens of <paramref name="name"/>, in the order written.</summary>
    public static string[] Tokens(string name)
    {
        var words = Words(name);
        DropAll(words, NameVocabulary.Honorifics);
        JoinSpelledLegalForms(words);
        JoinPrefixes(words);
        DropAll(words, NameVocabulary.Particles);
        DropAll(words, NameVocabulary.LegalForms);
        var tokens = new List<string>(words.Count);
        foreach (var w in words)
        {
            var folded = Fold(w);
            if (Canonical.TryGetValue(folded, out var canonical))
                tokens.Add(canonical);
            else if (SplitJoinedMuhammad(folded) is { } rest)
            {
                tokens.Add(MuhammadCanonical);
                tokens.Add(Canonical.GetValueOrDefault(rest, rest));
            }
            else
                tokens.Add(folded);
        }
        return [.. tokens];
    }

    /// <summary>The tokens joined by single spaces, in the order written: the key of an exact-name comparison.</summary>
    public static string Normalise(string name) => string.Join(' ', Tokens(name));

    /// <summary>"Mohammadreza" → "reza" (the caller puts Muhammad before it); null when the token does not start so.</summary>
    private static string? SplitJoinedMuhammad(string token)
    {
        foreach (var prefix in JoinedMuhammad)
            if (token.Length >= prefix.Length + MinJoinedRest && token.StartsWith(prefix, StringComparison.Ordinal))
                return token[prefix.Length..];
        return null;
    }

    /// <summary>Whether <paramref name="initial"/> may abbreviate <paramref name="token"/> as some transliteration writes it ("E." for Yevgeny).</summary>
    internal static bool MayStandFor(char initial, string token) =>
        token[0] == initial || token[0] == FoldedInitial(initial) || (InitialsOfCanonical.TryGetValue(token, out var letters) && letters.Contains(initial));

    /// <summary>The letter a name starting with <paramref name="initial"/> starts with once folded ("C." for Carmen, folded "karmen").</summary>
    private static char FoldedInitial(char initial) => initial switch
    {
        'c' or 'q' or 'x' => 'k',
        'w' => 'v',
        _ => initial,
    };

    private static List<string> Words(string name)
    {
        var text = Ascii.IsValid(name) ? name : name.Normalize(NormalizationForm.FormKD);
        var words = new List<string>(4);
        var current = word ??= new StringBuilder(32);
        current.Clear();
        var afterLowerCase = false;
        foreach (var c in text)
        {
            // "AlRashid", "McDonald": a capital after a small letter starts a new word.
            if (c is >= 'A' and <= 'Z' && afterLowerCase)
            {
                words.Add(current.ToString());
                current.Clear();
            }
            afterLowerCase = c is >= 'a' and <= 'z';
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
                current.Append(c);
            else if (c is >= 'A' and <= 'Z')
                current.Append((char)(c | 0x20));
            else if (c is '\'' or '’' or 'ʼ' or '‘' or '`' or '´')
                continue;
            else if (c > 127 && CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue;
            else if (c > 127 && char.IsLetterOrDigit(c))
                AppendLetter(current, char.ToLowerInvariant(c));
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }
        if (current.Length > 0)
            words.Add(current.ToString());
        return words;
    }

    private static void AppendLetter(StringBuilder current, char c)
    {
        if (NameVocabulary.Cyrillic.TryGetValue(c, out var latin) || NameVocabulary.Letters.TryGetValue(c, out latin))
            current.Append(latin);
        else
            current.Append(c);
    }

    /// <summary>Drops the listed words, unless nothing else would be left ("Lord" alone is still a name).</summary>
    private static void DropAll(List<string> words, HashSet<string> drop)
    {
        if (words.Exists(w => !drop.Contains(w)))
            words.RemoveAll(drop.Contains);
    }

    /// <summary>"L.L.C." and "S. A." arrive as single letters: joined, they are the legal form they spell.</summary>
    private static void JoinSpelledLegalForms(List<string> words)
    {
        for (var i = 0; i < words.Count - 1; i++)
        {
            if (words[i].Length != 1 || words[i + 1].Length != 1)
                continue;
            var end = i;
            while (end + 1 < words.Count && words[end + 1].Length == 1)
                end++;
            var spelled = string.Concat(words.GetRange(i, end - i + 1));
            if (NameVocabulary.LegalForms.Contains(spelled))
            {
                words[i] = spelled;
                words.RemoveRange(i + 1, end - i);
            }
            i = end;
        }
    }

    private static void JoinPrefixes(List<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            foreach (var (written, canonical) in NameVocabulary.JoinedPrefixes)
            {
                if (!words[i].StartsWith(written, StringComparison.Ordinal))
                    continue;
                if (words[i].Length == written.Length)
                {
                    // "Abd al-Rahman": skip the particle, join the name.
                    var next = i + 1;
                    while (next < words.Count - 1 && NameVocabulary.Particles.Contains(words[next]))
                        next++;
                    if (next < words.Count)
                    {
                        words[i] = canonical + words[next];
                        words.RemoveRange(i + 1, next - i);
                    }
                }
                else if (words[i].Length >= written.Length + 2)
                    words[i] = canonical + words[i][written.Length..];
                break;
            }
        }
    }

    /// <summary>
    /// Spelling folds that transliterations disagree on; applied alike to both sides, so they can
    /// only bring variants together.
    /// </summary>
    internal static string Fold(string token)
    {
        if (token.Length < 2)
            return token;
        var s = token.Replace("dzh", "j").Replace("tch", "ch").Replace("ph", "f").Replace("ck", "k")
            .Replace("x", "ks").Replace('q', 'k').Replace('w', 'v');
        if (s.Contains('c'))
            s = HardC(s);
        if (s.Length > 2 && s.IndexOf('h', 1) > 0)
            s = MedialH(s);
        if (s.IndexOf('y', 1) > 0)
            s = s[0] + s[1..].Replace('y', 'i');
        s = s.Replace("ou", "u").Replace("oo", "u").Replace("ee", "i").Replace("ue", "u").Replace("oe", "o").Replace("ae", "a").Replace("ij", "i");
        return CollapseDoubles(s);
    }

    /// <summary>A hard c is a k (Victor/Viktor, Markus/Marcus); c before e, i, y or h is left alone.</summary>
    private static string HardC(string s)
    {
        var letters = s.ToCharArray();
        for (var i = 0; i < letters.Length; i++)
            if (letters[i] == 'c' && (i + 1 == letters.Length || letters[i + 1] is not ('e' or 'i' or 'y' or 'h')))
                letters[i] = 'k';
        return new string(letters);
    }

    /// <summary>
    /// Ukrainian names are romanised with h where the Russian forms have g:
    /// Yehorov/Yegorov, Pihulko/Pigulko. An h after e, i or y and before a vowel is taken as g
    /// (not after a, o, r: Mohammed, Johan, Farhad keep theirs; Serhiy and Olha are in the
    /// transliteration table).
    /// </summary>
    private static string MedialH(string s)
    {
        var letters = s.ToCharArray();
        for (var i = 1; i < letters.Length - 1; i++)
            if (letters[i] == 'h' && letters[i - 1] is 'e' or 'i' or 'y' && letters[i + 1] is 'a' or 'e' or 'i' or 'o' or 'u' or 'y')
                letters[i] = 'g';
        return new string(letters);
    }

    private static string CollapseDoubles(string s)
    {
        var i = 1;
        while (i < s.Length && s[i] != s[i - 1])
            i++;
        if (i >= s.Length)
            return s;
        var result = new StringBuilder(s.Length).Append(s, 0, i);
        for (; i < s.Length; i++)
            if (s[i] != s[i - 1])
                result.Append(s[i]);
        return result.ToString();
    }

    private static Dictionary<string, string> BuildCanonical()
    {
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in NameVocabulary.Transliterations)
        {
            var to = Fold(group[0]);
            foreach (var variant in group)
                canonical[Fold(variant)] = to;
        }
        return canonical;
    }
}
