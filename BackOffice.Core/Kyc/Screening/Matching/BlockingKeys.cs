namespace BackOffice.Core.Kyc.Screening.Matching;

/// <summary>
/// The keys that put a client's name and a list name in the same bucket, in two kinds.
/// <para>
/// Close keys: the token's first five letters with each one left out in turn (a shorter token:
/// itself, and each letter left out while two remain). Two tokens one slip apart near the start
/// — a wrong, missing or extra letter, two letters swapped — share one; tokens that differ only
/// later share the first four letters.
/// </para>
/// <para>
/// Loose keys: the first three letters, and the close keys of the consonant skeleton (the first
/// letter, then the consonants: "aleksandr" → "alksndr"), which slips in vowels — and vowel
/// pairs the folding merged — do not change. They find the weaker half of a name: a name scores
/// high only when one part is very close, and the other is close enough.
/// </para>
/// Each key (at most four UTF-16 letters) is packed into a <see cref="ulong"/>: no string is
/// built per lookup.
/// </summary>
internal static class BlockingKeys
{
    private const int PrefixLength = 5;
    private const int MinSkeletonLength = 3;

    public static void AddClose(string token, List<ulong> keys)
    {
        if (token.Length >= 2)
            AddEachOneLeftOut(token.AsSpan(0, Math.Min(PrefixLength, token.Length)), keys);
    }

    public static void AddLoose(string token, List<ulong> keys)
    {
        if (token.Length < 2)
            return;
        if (token.Length >= PrefixLength)
            keys.Add(Pack(token.AsSpan(0, 3), skip: -1));
        Span<char> skeleton = stackalloc char[PrefixLength];
        var length = Skeleton(token, skeleton);
        if (length >= MinSkeletonLength)
            AddEachOneLeftOut(skeleton[..length], keys);
    }

    private static void AddEachOneLeftOut(ReadOnlySpan<char> prefix, List<ulong> keys)
    {
        if (prefix.Length < PrefixLength)
            keys.Add(Pack(prefix, skip: -1));
        if (prefix.Length < 3)
            return;
        for (var skip = 0; skip < prefix.Length; skip++)
            keys.Add(Pack(prefix, skip));
    }

    /// <summary>Writes up to five letters of the skeleton (a doubled consonant once) and returns how many.</summary>
    private static int Skeleton(string token, Span<char> skeleton)
    {
        var length = 0;
        skeleton[length++] = token[0];
        for (var i = 1; i < token.Length && length < skeleton.Length; i++)
            if (token[i] is not ('a' or 'e' or 'i' or 'o' or 'u' or 'y') && token[i] != skeleton[length - 1])
                skeleton[length++] = token[i];
        return length;
    }

    private static ulong Pack(ReadOnlySpan<char> letters, int skip)
    {
        ulong key = 0;
        for (var i = 0; i < letters.Length; i++)
            if (i != skip)
                key = key << 16 | letters[i];
        return key;
    }
}
