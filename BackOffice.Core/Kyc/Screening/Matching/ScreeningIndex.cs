namespace BackOffice.Core.Kyc.Screening.Matching;

/// <summary>
/// A list (or just its changed entries) held in memory for screening many clients. Every name
/// and alias is normalised once; names written alike by several entries share one form, scored
/// once per client. Each distinct list token is filed under its <see cref="BlockingKeys"/>. For
/// each of a client's tokens, the list tokens sharing a key (and having some credit against it)
/// lead to the forms that hold them; a form is scored only when enough of the client's tokens
/// lead to it to possibly reach the threshold, instead of every form on the list. Safe to query
/// from many threads at once.
/// </summary>
public sealed partial class ScreeningIndex
{
    private readonly PreparedEntry[] entries;
    private readonly string[][] formTokens;
    private readonly int[][] formTokenIds;
    private readonly int[] formInitials;
    private readonly byte[] formFull;
    private readonly int[] ownersStart;
    private readonly int[] ownerEntry;
    private readonly int[] ownerSlot;
    private readonly string[] tokens;
    private readonly char[] tokenFirst;
    private readonly int[] tokenLength;
    private readonly int[][] tokenForms;
    private readonly Dictionary<ulong, int[]> closeKeys;
    private readonly Dictionary<ulong, int[]> looseKeys;
    private readonly ThreadLocal<Scratch> scratch;

    private ScreeningIndex(PreparedEntry[] entries, NameMatcher matcher)
    {
        this.entries = entries;
        Matcher = matcher;
        var formIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var owners = new List<List<(int Entry, int Slot)>>();
        var formNames = new List<PreparedName>();
        for (var e = 0; e < entries.Length; e++)
            for (var slot = 0; slot < entries[e].Names.Length; slot++)
            {
                var name = entries[e].Names[slot];
                if (name.FullTokens == 0)
                    continue;
                var key = string.Join(' ', name.Tokens);
                if (!formIds.TryGetValue(key, out var form))
                {
                    formIds[key] = form = formNames.Count;
                    formNames.Add(name);
                    owners.Add([]);
                }
                owners[form].Add((e, slot));
            }

        NameCount = owners.Sum(o => o.Count);
        formTokens = formNames.Select(n => n.Tokens).ToArray();
        formInitials = formNames.Select(n => n.Initials).ToArray();
        formFull = formNames.Select(n => (byte)n.FullTokens).ToArray();
        ownersStart = [0, .. owners.Select(o => o.Count)];
        for (var f = 1; f < ownersStart.Length; f++)
            ownersStart[f] += ownersStart[f - 1];
        ownerEntry = owners.SelectMany(o => o.Select(x => x.Entry)).ToArray();
        ownerSlot = owners.SelectMany(o => o.Select(x => x.Slot)).ToArray();

        var tokenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        formTokenIds = formTokens.Select(f => f.Select(t => tokenIds.TryGetValue(t, out var id) ? id : tokenIds[t] = tokenIds.Count).ToArray()).ToArray();
        tokens = tokenIds.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
        tokenFirst = tokens.Select(t => t[0]).ToArray();
        tokenLength = tokens.Select(t => t.Length).ToArray();
        var forms = new List<int>[tokens.Length];
        for (var f = 0; f < formTokenIds.Length; f++)
            foreach (var id in formTokenIds[f].Distinct())
                (forms[id] ??= []).Add(f);
        tokenForms = forms.Select(f => f.ToArray()).ToArray();
        (closeKeys, looseKeys) = File(tokens);
        scratch = new ThreadLocal<Scratch>(() => new Scratch(formTokens.Length, entries.Length, tokens));
    }

    public NameMatcher Matcher { get; }

    public int EntryCount => entries.Length;

    /// <summary>Names and aliases indexed.</summary>
    public int NameCount { get; }

    /// <summary>Distinct normalised names: what a client is actually compared with.</summary>
    public int FormCount => formTokens.Length;

    public static ScreeningIndex Build(IEnumerable<ListEntry> entries, NameMatcher? matcher = null) =>
        new(entries.Select(e => new PreparedEntry(e)).ToArray(), matcher ?? new NameMatcher());

    /// <summary>The hits for <paramref name="subject"/>, best first, one per entry.</summary>
    public IReadOnlyList<ScreeningHit> Screen(ScreeningSubject subject) => Screen(subject, out _);

    /// <param name="compared">How many distinct names were scored: the work blocking left.</param>
    public IReadOnlyList<ScreeningHit> Screen(ScreeningSubject subject, out int compared)
    {
        compared = 0;
        var name = PreparedName.Of(subject.Name);
        if (name.FullTokens == 0)
            return [];
        var s = scratch.Value!;
        s.Begin();
        Span<int> need = stackalloc int[PreparedName.MaxTokens + 1];
        for (var full = 0; full < need.Length; full++)
            need[full] = TokensToShare(name.FullTokens, full);
        for (var t = 0; t < name.Tokens.Length; t++)
        {
            if (name.Tokens[t].Length == 1)
                continue;
            foreach (var near in s.NearTokens.TryGetValue(name.Tokens[t], out var cached) ? cached : Near(s, name.Tokens[t]))
            {
                s.KnowCredit(t, near.Id, near.Credit);
                foreach (var f in tokenForms[near.Id])
                    s.Hit(f, t, near.Close, need[formFull[f]]);
            }
        }

        Span<char> firsts = stackalloc char[name.Tokens.Length];
        Span<int> lengths = stackalloc int[name.Tokens.Length];
        NameSimilarity.Shape(name.Tokens, firsts, lengths);
        var cutoff = Matcher.NameCutoff;
        foreach (var f in s.Candidates)
        {
            compared++;
            var score = Score(s, name, firsts, lengths, f);
            if (score < cutoff)
                continue;
            for (var o = ownersStart[f]; o < ownersStart[f + 1]; o++)
                s.Offer(ownerEntry[o], ownerSlot[o], score);
        }

        var hits = new List<ScreeningHit>();
        foreach (var e in s.TouchedEntries)
            if (Matcher.Judge(subject, entries[e], s.BestSlot[e], s.BestScore[e]) is { } hit)
                hits.Add(hit);
        hits.Sort((x, y) => y.Score.CompareTo(x.Score));
        return hits;
    }

    /// <summary>
    /// The hits from comparing <paramref name="subject"/> with every entry, without blocking:
    /// what <see cref="Screen(ScreeningSubject)"/> must find, at a cost proportional to the list.
    /// </summary>
    public IReadOnlyList<ScreeningHit> ScreenEveryEntry(ScreeningSubject subject)
    {
        var name = PreparedName.Of(subject.Name);
        var hits = entries.Select(e => Matcher.Match(subject, name, e)).OfType<ScreeningHit>().ToList();
        hits.Sort((x, y) => y.Score.CompareTo(x.Score));
        return hits;
    }

    /// <summary>
    /// The list tokens that share a key with a client's token and have some credit against it:
    /// only they lead to the names worth scoring. Kept per thread by token, since a book repeats
    /// its common names (John, Maria, Smith, Mohammed…) across thousands of clients.
    /// </summary>
    private Scratch.NearToken[] Near(Scratch s, string token)
    {
        s.BeginNear();
        s.Keys.Clear();
        BlockingKeys.AddClose(token, s.Keys);
        foreach (var key in s.Keys)
            if (closeKeys.TryGetValue(key, out var ids))
                foreach (var id in ids)
                    s.MarkNear(id, close: true);
        s.Keys.Clear();
        BlockingKeys.AddLoose(token, s.Keys);
        foreach (var key in s.Keys)
            if (looseKeys.TryGetValue(key, out var ids))
                foreach (var id in ids)
                    s.MarkNear(id, close: false);
        var near = new List<Scratch.NearToken>(s.Marked.Count);
        foreach (var (id, close) in s.Marked)
            if (NameSimilarity.TokenCredit(token, tokens[id]) is > 0 and var credit)
                near.Add(new Scratch.NearToken(id, close, credit));
        var found = near.ToArray();
        s.RememberNear(token, found);
        return found;
    }

    /// <summary>
    /// <see cref="NameSimilarity.Compare"/> for the client and form <paramref name="f"/>, with
    /// each token pair's credit computed once per client (a list repeats Muhammad, Ali, Ivanov…
    /// across many names) and the list's tokens read from flat arrays.
    /// </summary>
    private double Score(Scratch s, PreparedName client, ReadOnlySpan<char> firsts, ReadOnlySpan<int> lengths, int f)
    {
        var ids = formTokenIds[f];
        int n = client.Tokens.Length, m = ids.Length;
        Span<double> credit = stackalloc double[n * m];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++)
                credit[i * m + j] = s.Credit(i, ids[j], client.Tokens[i]);
        var score = NameSimilarity.Covering(n, m, credit, client.Initials, formInitials[f]);
        if (score >= 1 || n == m)
            return score;

        Span<char> listFirsts = stackalloc char[m];
        Span<int> listLengths = stackalloc int[m];
        for (var j = 0; j < m; j++)
            (listFirsts[j], listLengths[j]) = (tokenFirst[ids[j]], tokenLength[ids[j]]);
        var mayJoin = false;
        for (var j = 0; j + 1 < Math.Max(n, m) && !mayJoin; j++)
            mayJoin = n > m ? NameSimilarity.MayJoin(firsts, lengths, j, listFirsts, listLengths) : NameSimilarity.MayJoin(listFirsts, listLengths, j, firsts, lengths);
        if (!mayJoin)
            return score;
        return Math.Max(score, n > m ? NameSimilarity.Joined(client.Tokens, formTokens[f]) : NameSimilarity.Joined(formTokens[f], client.Tokens));
    }

    /// <summary>
    /// How many of the client's tokens must share a key with a list name (one of them a close
    /// key) before it is worth scoring. Two-token names (most) need both: a name scores high only
    /// when both parts are close. Longer names may have one part that shares none.
    /// </summary>
    private static int TokensToShare(int clientTokens, int listTokens)
    {
        var fewer = Math.Min(clientTokens, listTokens);
        return fewer <= 2 ? Math.Max(fewer, 1) : fewer - 1;
    }

    /// <summary>Each distinct list token under its close and its loose keys.</summary>
    private static (Dictionary<ulong, int[]> Close, Dictionary<ulong, int[]> Loose) File(string[] tokens)
    {
        var close = new Dictionary<ulong, List<int>>();
        var loose = new Dictionary<ulong, List<int>>();
        var keys = new List<ulong>();
        for (var id = 0; id < tokens.Length; id++)
        {
            keys.Clear();
            BlockingKeys.AddClose(tokens[id], keys);
            Post(close, keys, id);
            keys.Clear();
            BlockingKeys.AddLoose(tokens[id], keys);
            Post(loose, keys, id);
        }
        return (close.ToDictionary(p => p.Key, p => p.Value.ToArray()), loose.ToDictionary(p => p.Key, p => p.Value.ToArray()));
    }

    private static void Post(Dictionary<ulong, List<int>> postings, List<ulong> keys, int id)
    {
        foreach (var key in keys.Distinct())
        {
            if (!postings.TryGetValue(key, out var list))
                postings[key] = list = [];
            list.Add(id);
        }
    }
}
