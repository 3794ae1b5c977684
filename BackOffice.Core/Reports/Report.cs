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

/// <summary>One table of a report: on screen a grid, in Excel a data sheet. Values are typed (string, long, decimal, DateTime, DateOnly).</summary>
public sealed record ReportTable(string Name, string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public int Column(string header) => Columns.Select((c, i) => (c, i)).Single(x => x.c.Header == header).i;
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

    public int RowCount => Tables.Sum(t => t.Rows.Count);
}
