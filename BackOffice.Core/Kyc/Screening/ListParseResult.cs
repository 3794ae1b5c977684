namespace BackOffice.Core.Kyc.Screening;

/// <summary>Where a list file stopped making sense: the import keeps the previous list in force and shows this.</summary>
/// <param name="File">The file's name (<c>SDN.CSV</c>, <c>targets.simple.csv</c>…).</param>
/// <param name="LineNumber">1-based physical line where the offending record starts (or where its open quote was left open).</param>
public sealed record ListFormatError(string File, long LineNumber, string Message)
{
    public override string ToString() => $"{File}, line {LineNumber}: {Message}";
}

/// <summary>
/// The outcome of reading a list: every entry, or the first format error and no entries at all —
/// half a list must never replace a whole one.
/// </summary>
public sealed class ListParseResult
{
    private ListParseResult(IReadOnlyList<ListEntry> entries, ListFormatError? error)
    {
        Entries = entries;
        Error = error;
    }

    public IReadOnlyList<ListEntry> Entries { get; }
    public ListFormatError? Error { get; }
    public bool Succeeded => Error is null;

    public static ListParseResult Ok(IReadOnlyList<ListEntry> entries) => new(entries, null);
    public static ListParseResult Fail(ListFormatError error) => new([], error);

    public override string ToString() => Succeeded ? $"{Entries.Count} entries" : Error!.ToString();
}
