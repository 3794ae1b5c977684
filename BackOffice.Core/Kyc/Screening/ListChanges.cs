namespace BackOffice.Core.Kyc.Screening;

/// <summary>
/// What a list update changed, by <see cref="ListEntry.Key"/> and <see cref="ListEntry.ContentHash"/>.
/// FATF: clients are re-screened on every list update; only <see cref="Added"/> and
/// <see cref="Changed"/> can raise new hits, so only they need screening against the whole book.
/// </summary>
public sealed record ListChanges(IReadOnlyList<ListEntry> Added, IReadOnlyList<ListEntry> Changed, IReadOnlyList<string> RemovedKeys)
{
    public bool IsEmpty => Added.Count == 0 && Changed.Count == 0 && RemovedKeys.Count == 0;

    /// <summary>The entries to screen the whole book against after this update.</summary>
    public IEnumerable<ListEntry> ToScreen => Added.Concat(Changed);

    /// <param name="previousHashes">The hashes kept from the previous import, by entry key.</param>
    /// <param name="current">The newly parsed list (one source or several).</param>
    public static ListChanges Between(IReadOnlyDictionary<string, string> previousHashes, IEnumerable<ListEntry> current)
    {
        var added = new List<ListEntry>();
        var changed = new List<ListEntry>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in current)
        {
            if (!seen.Add(entry.Key))
                continue;
            if (!previousHashes.TryGetValue(entry.Key, out var hash))
                added.Add(entry);
            else if (hash != entry.ContentHash())
                changed.Add(entry);
        }
        var removed = previousHashes.Keys.Where(k => !seen.Contains(k)).Order(StringComparer.Ordinal).ToList();
        return new ListChanges(added, changed, removed);
    }
}
