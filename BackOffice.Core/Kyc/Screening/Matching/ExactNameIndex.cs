namespace BackOffice.Core.Kyc.Screening.Matching;

/// <summary>
/// The naive baseline: a hit only when the client's normalised full name equals a list name or
/// alias word for word, in the same order. Fast, and blind to order, typos, initials and
/// missing middle names; kept to measure what the fuzzy <see cref="ScreeningIndex"/> adds.
/// </summary>
public sealed class ExactNameIndex
{
    private readonly Dictionary<string, List<(ListEntry Entry, string Written, bool IsAlias)>> byName = new(StringComparer.Ordinal);

    private ExactNameIndex(IEnumerable<ListEntry> entries)
    {
        foreach (var entry in entries)
            foreach (var (written, isAlias) in entry.Aliases.Select(a => (a, true)).Prepend((entry.Name, false)))
            {
                var key = NameNormaliser.Normalise(written);
                if (key.Length == 0)
                    continue;
                if (!byName.TryGetValue(key, out var list))
                    byName[key] = list = [];
                if (!list.Exists(x => x.Entry == entry))
                    list.Add((entry, written, isAlias));
            }
    }

    public static ExactNameIndex Build(IEnumerable<ListEntry> entries) => new(entries);

    public IReadOnlyList<ScreeningHit> Screen(ScreeningSubject subject) =>
        byName.TryGetValue(NameNormaliser.Normalise(subject.Name), out var found)
            ? found.Select(f => new ScreeningHit(f.Entry, 1, 1, f.Written, f.IsAlias ? MatchedFields.Alias : MatchedFields.Name, MatchedFields.None)).ToList()
            : [];
}
