using System.Numerics;

namespace BackOffice.Core.Kyc.Screening.Matching;

/// <summary>
/// How alike two names are, 0..1, whatever order their parts are written in. Tokens are paired
/// across the two names (greedily, best pair first); the name with fewer full tokens must be
/// covered, and the score is the mean credit over its tokens. Tokens the other name has over
/// cost a little each (a missing middle name is common, a missing surname is not), and a single
/// word never fully matches a longer name. Two neighbouring tokens written as one elsewhere
/// ("Silver Lake"/"Silverlake") are tried joined.
/// </summary>
internal static class NameSimilarity
{
    /// <summary>Jaro–Winkler at or below this earns no credit: unrelated short names score 0.6–0.75.</summary>
    public const double JaroFloor = 0.75;

    /// <summary>Credit for an initial against a name it could stand for ("J." and "John").</summary>
    public const double InitialCredit = 0.9;

    /// <summary>An initial weighs half a full token in the mean: it says less about who someone is.</summary>
    private const double InitialWeight = 0.5;

    private const int LengthGapWithoutBoost = 3;

    /// <summary>A little under what Jaro–Winkler gives a swap in a six-letter name (Petrov/Petorv: 0.96).</summary>
    private const double SwappedLettersSimilarity = 0.95;

    private const double ExtraTokenPenalty = 0.04;
    private const int MaxPenalisedTokens = 3;

    /// <summary>"Petrov" against "Ivan Petrov": the surname alone is a lead, never a hit.</summary>
    private const double LoneTokenFactor = 0.7;

    public static double Compare(PreparedName x, PreparedName y)
    {
        Span<double> credit = stackalloc double[x.Tokens.Length * y.Tokens.Length];
        Credits(x.Tokens, y.Tokens, credit);
        var score = Covering(x.Tokens.Length, y.Tokens.Length, credit, x.Initials, y.Initials);
        if (score < 1 && x.Tokens.Length != y.Tokens.Length)
            score = Math.Max(score, x.Tokens.Length > y.Tokens.Length ? Joined(x.Tokens, y.Tokens) : Joined(y.Tokens, x.Tokens));
        return score;
    }

    /// <summary>Bit i set: token i is a single letter.</summary>
    public static int InitialsOf(string[] tokens)
    {
        var initials = 0;
        for (var i = 0; i < tokens.Length; i++)
            if (tokens[i].Length == 1)
                initials |= 1 << i;
        return initials;
    }

    /// <summary>
    /// Whether joining tokens <paramref name="at"/> and <paramref name="at"/> + 1 of one name
    /// (their first letters and lengths) could give a token of the other: both are full, and a
    /// token of the other starts with the same letter and is as long, give or take two. Cheap,
    /// so most pairs of names never build a joined one.
    /// </summary>
    public static bool MayJoin(ReadOnlySpan<char> firsts, ReadOnlySpan<int> lengths, int at, ReadOnlySpan<char> otherFirsts, ReadOnlySpan<int> otherLengths)
    {
        if (lengths[at] == 1 || lengths[at + 1] == 1)
            return false;
        var joined = lengths[at] + lengths[at + 1];
        for (var k = 0; k < otherFirsts.Length; k++)
            if (otherFirsts[k] == firsts[at] && Math.Abs(otherLengths[k] - joined) <= 2)
                return true;
        return false;
    }

    /// <summary>The best score with two neighbouring tokens of <paramref name="split"/> joined, where the join could be a token of <paramref name="other"/>.</summary>
    public static double Joined(string[] split, string[] other)
    {
        Span<char> firsts = stackalloc char[split.Length];
        Span<int> lengths = stackalloc int[split.Length];
        Span<char> otherFirsts = stackalloc char[other.Length];
        Span<int> otherLengths = stackalloc int[other.Length];
        Shape(split, firsts, lengths);
        Shape(other, otherFirsts, otherLengths);
        var best = 0.0;
        Span<double> credit = stackalloc double[(split.Length - 1) * other.Length];
        for (var j = 0; j + 1 < split.Length; j++)
        {
            if (!MayJoin(firsts, lengths, j, otherFirsts, otherLengths))
                continue;
            string[] joined = [.. split[..j], split[j] + split[j + 1], .. split[(j + 2)..]];
            Credits(joined, other, credit);
            best = Math.Max(best, Covering(joined.Length, other.Length, credit, InitialsOf(joined), InitialsOf(other)));
        }
        return best;
    }

    /// <summary>Each token's first letter and length.</summary>
    public static void Shape(string[] tokens, Span<char> firsts, Span<int> lengths)
    {
        for (var i = 0; i < tokens.Length; i++)
            (firsts[i], lengths[i]) = (tokens[i][0], tokens[i].Length);
    }

    /// <summary>Fills <paramref name="credit"/> (row i for <paramref name="x"/>'s token i) with <see cref="TokenCredit"/>.</summary>
    public static void Credits(string[] x, string[] y, Span<double> credit)
    {
        for (var i = 0; i < x.Length; i++)
            for (var j = 0; j < y.Length; j++)
                credit[i * y.Length + j] = TokenCredit(x[i], y[j]);
    }

    /// <summary>
    /// The score of two names of <paramref name="n"/> and <paramref name="m"/> tokens from their
    /// token credits (row i for the first name's token i) and which of their tokens are initials.
    /// </summary>
    public static double Covering(int n, int m, ReadOnlySpan<double> credit, int initialsX, int initialsY)
    {
        var fullX = n - BitOperations.PopCount((uint)initialsX);
        var fullY = m - BitOperations.PopCount((uint)initialsY);
        if (fullX == 0 || fullY == 0)
            return 0;

        // Best pair first; the pairing does not depend on which name has to be covered.
        Span<int> pairOfX = stackalloc int[n];
        Span<int> pairOfY = stackalloc int[m];
        pairOfX.Fill(-1);
        pairOfY.Fill(-1);
        var fullPair = false;
        for (var step = Math.Min(n, m); step > 0; step--)
        {
            int bi = -1, bj = -1;
            var best = 0.0;
            for (var i = 0; i < n; i++)
                if (pairOfX[i] < 0)
                    for (var j = 0; j < m; j++)
                        if (pairOfY[j] < 0 && credit[i * m + j] > best)
                            (best, bi, bj) = (credit[i * m + j], i, j);
            if (bi < 0)
                break;
            pairOfX[bi] = bj;
            pairOfY[bj] = bi;
            fullPair |= (initialsX & (1 << bi)) == 0 && (initialsY & (1 << bj)) == 0;
        }

        // Initials alone pair nothing: "K. Hussein" is not "H. Karimi".
        if (!fullPair)
            return 0;

        // The name with fewer full tokens must be covered; when both have as many, both must.
        if (fullX < fullY)
            return Covered(pairOfX, pairOfY, initialsX, initialsY, credit, m, coverIsX: true);
        if (fullY < fullX)
            return Covered(pairOfY, pairOfX, initialsY, initialsX, credit, m, coverIsX: false);
        return Math.Min(Covered(pairOfX, pairOfY, initialsX, initialsY, credit, m, coverIsX: true),
            Covered(pairOfY, pairOfX, initialsY, initialsX, credit, m, coverIsX: false));
    }

    /// <summary>
    /// The mean credit over the covered name's tokens: a full token left unpaired counts as 0,
    /// and so does an initial while the other name still has a token it could have stood for
    /// ("J. Smith" and "Robert Smith", "K. Hussein" and "I. Hussein"), but not otherwise
    /// ("J. R. Smith" and "John Smith"); a full token paired only with an initial counts as 0
    /// while the other name has full tokens left. Full tokens of the other name left over cost
    /// a little each.
    /// </summary>
    private static double Covered(ReadOnlySpan<int> pairOfCover, ReadOnlySpan<int> pairOfOther, int coverInitials, int otherInitials,
        ReadOnlySpan<double> credit, int m, bool coverIsX)
    {
        int extra = 0, leftOver = 0;
        for (var j = 0; j < pairOfOther.Length; j++)
        {
            if (pairOfOther[j] >= 0)
                continue;
            leftOver++;
            if ((otherInitials & (1 << j)) == 0)
                extra++;
        }

        double sum = 0, weights = 0;
        for (var i = 0; i < pairOfCover.Length; i++)
        {
            var j = pairOfCover[i];
            var coverInitial = (coverInitials & (1 << i)) != 0;
            var pairedWithInitial = j >= 0 && (otherInitials & (1 << j)) != 0;
            if (!coverInitial && pairedWithInitial && extra > 0)
            {
                // "Reza Belovin" and "B. Mohammad Reza Rashid": the other name has full tokens
                // left, so its initial is no evidence for this full token.
                weights += 1;
                continue;
            }
            var initial = coverInitial || pairedWithInitial;
            var weight = initial ? InitialWeight : 1;
            if (j >= 0)
                sum += weight * (coverIsX ? credit[i * m + j] : credit[j * m + i]);
            else if (initial && leftOver == 0)
                continue;
            weights += weight;
        }
        var score = sum / weights - ExtraTokenPenalty * Math.Min(extra, MaxPenalisedTokens);
        if (pairOfCover.Length == 1 && pairOfOther.Length - BitOperations.PopCount((uint)otherInitials) > 1)
            score *= LoneTokenFactor;
        return Math.Clamp(score, 0, 1);
    }

    /// <summary>0..1: equal tokens 1, an initial and a name it may stand for 0.9, otherwise Jaro–Winkler rescaled above the floor.</summary>
    public static double TokenCredit(string a, string b)
    {
        if (a == b)
            return 1;
        if (a.Length == 1 || b.Length == 1)
            return (a.Length == 1 ? NameNormaliser.MayStandFor(a[0], b) : NameNormaliser.MayStandFor(b[0], a)) ? InitialCredit : 0;
        // Winkler's prefix boost rewards a typo late in a word, not a longer word that starts
        // alike (Smith/Smithson, Petrov/Petrovich are other names): no boost for those.
        var boosted = Math.Abs(a.Length - b.Length) < LengthGapWithoutBoost;
        if (!MayPassFloor(a, b, boosted))
            return 0;
        var jw = boosted ? JaroWinkler.Similarity(a, b) : JaroWinkler.Jaro(a, b);
        if (jw < SwappedLettersSimilarity && IsOneSwap(a, b))
            jw = SwappedLettersSimilarity;
        return jw <= JaroFloor ? 0 : (jw - JaroFloor) / (1 - JaroFloor);
    }

    /// <summary>
    /// Two neighbouring letters typed the wrong way round ("Ail" for "Ali"). Jaro's matching
    /// window is zero for three-letter words and one for five, so it misses these in short names;
    /// they are credited as a swap in a six-letter name would be.
    /// </summary>
    private static bool IsOneSwap(string a, string b)
    {
        if (a.Length != b.Length)
            return false;
        var i = 0;
        while (i < a.Length && a[i] == b[i])
            i++;
        return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
    }

    /// <summary>
    /// False when even the best case — every letter of <paramref name="a"/> found in
    /// <paramref name="b"/> matched, nothing transposed, the largest prefix boost — stays at or
    /// below the floor: most tokens of a candidate name have little to do with the client's,
    /// and this is much cheaper than Jaro–Winkler.
    /// </summary>
    private static bool MayPassFloor(string a, string b, bool boosted)
    {
        uint lettersOfB = 0;
        foreach (var c in b)
        {
            if (c is < 'a' or > 'z')
                return true;
            lettersOfB |= 1u << (c - 'a');
        }
        var found = 0;
        foreach (var c in a)
            if (c is < 'a' or > 'z' || (lettersOfB & (1u << (c - 'a'))) != 0)
                found++;
        if (found == 0)
            return false;
        double m = Math.Min(found, b.Length);
        var jaro = (m / a.Length + m / b.Length + 1) / 3;
        var best = boosted ? jaro + 4 * JaroWinkler.DefaultPrefixScale * (1 - jaro) : jaro;
        return best > JaroFloor;
    }
}
