namespace BackOffice.Core.Kyc.Screening.Matching;

/// <summary>
/// Jaro–Winkler similarity of two strings, 0 (nothing in common) to 1 (equal). Jaro counts the
/// characters the two share within a window of half the longer length and the transpositions
/// among them; Winkler raises the score of pairs that agree on their first (up to four)
/// characters, because spelling variants of a name rarely differ at the start.
/// </summary>
public static class JaroWinkler
{
    /// <summary>Winkler's boost applies only above this Jaro score (his 0.7).</summary>
    public const double BoostThreshold = 0.7;

    public const double DefaultPrefixScale = 0.1;

    private const int MaxPrefix = 4;

    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b, double prefixScale = DefaultPrefixScale)
    {
        if (a.SequenceEqual(b))
            return 1;
        var jaro = Jaro(a, b);
        if (jaro < BoostThreshold)
            return jaro;
        var prefix = a.CommonPrefixLength(b);
        return jaro + Math.Min(prefix, MaxPrefix) * prefixScale * (1 - jaro);
    }

    public static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0)
            return a.Length == b.Length ? 1 : 0;
        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);

        // Which characters matched, one bit each: a name token fits in a single 64-bit word.
        Span<ulong> usedA = stackalloc ulong[(a.Length + 63) >> 6];
        Span<ulong> usedB = stackalloc ulong[(b.Length + 63) >> 6];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = Math.Max(0, i - window); j <= to; j++)
            {
                if ((usedB[j >> 6] & (1UL << j)) != 0 || a[i] != b[j])
                    continue;
                usedA[i >> 6] |= 1UL << i;
                usedB[j >> 6] |= 1UL << j;
                matches++;
                break;
            }
        }
        if (matches == 0)
            return 0;

        // Matched characters read in order on both sides: each position where they differ is half a transposition.
        var halfTranspositions = 0;
        for (int i = 0, j = 0; i < a.Length; i++)
        {
            if ((usedA[i >> 6] & (1UL << i)) == 0)
                continue;
            while ((usedB[j >> 6] & (1UL << j)) == 0)
                j++;
            if (a[i] != b[j])
                halfTranspositions++;
            j++;
        }
        double m = matches;
        return (m / a.Length + m / b.Length + (m - halfTranspositions / 2) / m) / 3;
    }
}
