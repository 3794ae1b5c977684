namespace BackOffice.Core.Reports;

/// <summary>How a value is shown and written to Excel: the same on screen and in the file.</summary>
public enum CellKind
{
    Text,
    Integer,

    /// <summary>A decimal amount with two places.</summary>
    Number,

    /// <summary>A fraction (0.75 shows as 75.0 %).</summary>
    Percent,

    /// <summary>A duration in hours, one decimal.</summary>
    Hours,

    /// <summary>A day in the operator's time zone.</summary>
    Date,

    /// <summary>A time already converted to the operator's time zone.</summary>
    DateTime,
}

public sealed record ReportColumn(string Header, CellKind Kind, double Width = 16);

/// <summary>
/// One table of a report: on screen a grid, in Excel a data sheet. Values are typed (string, long, decimal, DateTime, DateOnly).
/// A list that can be long (every approval, every alert) holds on screen only its first rows (<see cref="Total"/> says how
/// many there are); in a file it is <see cref="Stream"/>ed from the database while the file is written, every row of it.
/// </summary>
public sealed record ReportTable(string Name, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    private readonly long? _total;

    /// <summary>How many rows the table has in all: more than <see cref="Rows"/> holds when the screen shows only the first ones.</summary>
    public long Total
    {
        get => _total ?? Rows.Count;
        init => _total = value;
    }

    /// <summary>What the screen says when the table has no row: a list of the period by default, a list of now says so itself.</summary>
    public string Empty { get; init; } = "Nothing in this period.";

    /// <summary>Every row, read while the file is written (then <see cref="Rows"/> is empty); null when <see cref="Rows"/> holds them all.</summary>
    public Func<CancellationToken, IAsyncEnumerable<object?[]>>? Stream { get; init; }

    /// <summary>True when the screen shows only the first rows of a longer list.</summary>
    public bool Capped => Stream is null && Total > Rows.Count;

    public int Column(string header) => Columns.Select((c, i) => (c, i)).Single(x => x.c.Header == header).i;

    /// <summary>Every row, in order: the streamed ones, or those held.</summary>
    public async IAsyncEnumerable<object?[]> AllRowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (Stream is null)
        {
            foreach (var row in Rows) yield return row;
            yield break;
        }
        await foreach (var row in Stream(ct).WithCancellation(ct)) yield return row;
    }
}

/// <summary>What a report is computed for: the screen (long lists cut to their first rows), or a file (every row, streamed).</summary>
public enum ReportUse
{
    Screen,

    /// <summary>The Excel file of a report on screen: the same range limit, every row of every list.</summary>
    Download,

    /// <summary>A background export: the longer range an export allows, every row of every list.</summary>
    Background,
}

/// <summary>A headline number of a report: what a manager reads first, and the summary sheet's totals.</summary>
public sealed record ReportFigure(string Label, object? Value, CellKind Kind, string? Note = null);

public enum ReportChartKind
{
    /// <summary>A trend over days.</summary>
    Line,
    Bar,
}

/// <summary>A chart drawn from one of the report's tables: labels from one column, one series per value column.</summary>
public sealed record ReportChart(string Title, ReportChartKind Kind, string Table, string LabelColumn, IReadOnlyList<string> ValueColumns);

/// <summary>
/// What a report query answers, whole: the filters as applied (in words), the headline figures, the tables and the charts.
/// The screen and the Excel workbook both render exactly this, so they can never disagree.
/// </summary>
public sealed record Report(
    ReportKind Kind, string Title, string StaffMeaning, IReadOnlyList<KeyValuePair<string, string>> Filters, IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<ReportTable> Tables, IReadOnlyList<ReportChart> Charts)
{
    public ReportTable Table(string name) => Tables.Single(t => t.Name == name);

    public ReportFigure Figure(string label) => Figures.Single(f => f.Label == label);

    public long RowCount => Tables.Sum(t => t.Total);
}
