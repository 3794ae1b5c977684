namespace BackOffice.Core.Kyc.Screening.Matching;

/// <summary>A name normalised once, so a list entry's names are not re-tokenised for every client.</summary>
internal sealed class PreparedName
{
    /// <summary>Tokens beyond this are ignored: no person's name has more, and it bounds the work per comparison.</summary>
    public const int MaxTokens = 12;

    private PreparedName(string written, string[] tokens)
    {
        Written = written;
        Tokens = tokens.Length > MaxTokens ? tokens[..MaxTokens] : tokens;
        FullTokens = Tokens.Count(t => t.Length > 1);
        Initials = NameSimilarity.InitialsOf(Tokens);
    }

    /// <summary>The name as the list or the client record writes it (shown to the reviewer).</summary>
    public string Written { get; }

    public string[] Tokens { get; }

    /// <summary>Tokens longer than one letter: an initial alone identifies nobody.</summary>
    public int FullTokens { get; }

    /// <summary>Bit i set: token i is an initial.</summary>
    public int Initials { get; }

    public static PreparedName Of(string name) => new(name, NameNormaliser.Tokens(name));
}
