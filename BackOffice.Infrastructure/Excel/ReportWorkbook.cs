using BackOffice.Core.Reports;
using ClosedXML.Excel;
using MiniExcelLibs;

namespace BackOffice.Infrastructure.Excel;

/// <summary>
/// Reports as Excel files: a summary sheet (the filters used and the headline figures) and one data sheet per table,
/// typed and formatted — or, past <see cref="FormattedRowLimit"/> rows, the same sheets streamed with a constant
/// memory footprint: a table the report streams from the database is written row by row as it is read. User text goes
/// through the same text-only cell writer as every grid export.
/// </summary>
public sealed partial class ExportService
{
    public async Task WriteReportAsync(Stream output, Report report, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        if (report.RowCount <= FormattedRowLimit)
        {
            await WriteFormattedReportAsync(output, report, ct);
            progress?.Report(1);
        }
        else
            await WriteStreamingReportAsync(output, report, progress, ct);
    }

    public static string FormatOf(CellKind kind) => kind switch
    {
        CellKind.Integer => "#,##0",
        CellKind.Number => "#,##0.00",
        CellKind.Percent => "0.0%",
        CellKind.Hours => "0.0",
        CellKind.Date => "yyyy-mm-dd",
        CellKind.DateTime => "yyyy-mm-dd hh:mm",
        _ => "@",
    };

    private static object? Typed(object? value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        Enum e => e.ToString(),
        _ => value,
    };

    private static async Task WriteFormattedReportAsync(Stream output, Report report, CancellationToken ct)
    {
        using var book = new XLWorkbook();
        var summary = book.Worksheets.Add("Summary");
        summary.Cell(1, 1).SetValue(report.Title);
        summary.Cell(1, 1).Style.Font.Bold = true;
        summary.Cell(1, 1).Style.Font.FontSize = 14;
        var line = 3;
        void Heading(string text)
        {
            summary.Cell(line, 1).SetValue(text);
            summary.Cell(line, 1).Style.Font.Bold = true;
            line++;
        }
        Heading("Filters");
        foreach (var (name, value) in report.Filters)
        {
            SetCell(summary.Cell(line, 1), name, null);
            SetCell(summary.Cell(line, 2), value, null);
            line++;
        }
        SetCell(summary.Cell(line, 1), "Staff means", null);
        SetCell(summary.Cell(line++, 2), report.StaffMeaning, null);
        SetCell(summary.Cell(line, 1), "Generated (UTC)", null);
        SetCell(summary.Cell(line++, 2), DateTime.UtcNow, "yyyy-mm-dd hh:mm");
        line++;
        Heading("Totals");
        foreach (var figure in report.Figures)
        {
            SetCell(summary.Cell(line, 1), figure.Label, null);
            SetCell(summary.Cell(line, 2), Typed(figure.Value), FormatOf(figure.Kind));
            SetCell(summary.Cell(line, 3), figure.Note, null);
            line++;
        }
        summary.Column(1).Width = 36;
        summary.Column(2).Width = 30;
        summary.Column(3).Width = 60;

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Summary" };
        foreach (var table in report.Tables)
        {
            var sheet = book.Worksheets.Add(UniqueSheetName(table.Title, names));
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var cell = sheet.Cell(1, c + 1);
                cell.SetValue(table.Columns[c].Header);
                cell.Style.Font.Bold = true;
                cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#E8EAF6");
                sheet.Column(c + 1).Width = table.Columns[c].Width; // AdjustToContents needs GDI+, absent on Linux
            }
            var r = 1;
            await foreach (var row in table.AllRowsAsync(ct))
            {
                r++;
                for (var c = 0; c < table.Columns.Count; c++)
                    SetCell(sheet.Cell(r, c + 1), Typed(row[c]), table.Columns[c].Kind == CellKind.Text ? null : FormatOf(table.Columns[c].Kind));
            }
            sheet.SheetView.FreezeRows(1);
            sheet.Range(1, 1, r, Math.Max(table.Columns.Count, 1)).SetAutoFilter();
        }
        book.SaveAs(output);
    }

    private static async Task WriteStreamingReportAsync(Stream output, Report report, IProgress<double>? progress, CancellationToken ct)
    {
        var total = Math.Max(1, report.RowCount);
        var written = 0L;
        async IAsyncEnumerable<IDictionary<string, object?>> Rows(ReportTable table)
        {
            await foreach (var row in table.AllRowsAsync(ct))
            {
                var values = new Dictionary<string, object?>(table.Columns.Count);
                for (var c = 0; c < table.Columns.Count; c++)
                    values[table.Columns[c].Header] = Streamable(Typed(row[c]));
                if (++written % 1000 == 0) progress?.Report((double)written / total);
                yield return values;
            }
        }
        var summary = report.Filters.Select(f => (IDictionary<string, object?>)new Dictionary<string, object?> { ["Item"] = f.Key, ["Value"] = f.Value, ["Note"] = null })
            .Concat(report.Figures.Select(f => (IDictionary<string, object?>)new Dictionary<string, object?> { ["Item"] = f.Label, ["Value"] = Typed(f.Value), ["Note"] = f.Note }));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Summary" };
        var sheets = new Dictionary<string, object> { ["Summary"] = summary.ToList() };
        foreach (var table in report.Tables)
            sheets[UniqueSheetName(table.Title, names)] = Rows(table);
        await output.SaveAsAsync(sheets, printHeader: true, excelType: ExcelType.XLSX, cancellationToken: ct);
        progress?.Report(1);
    }

    private static string UniqueSheetName(string title, HashSet<string> taken)
    {
        var name = SheetName(title);
        for (var n = 2; !taken.Add(name); n++)
            name = SheetName(title)[..Math.Min(SheetName(title).Length, 27)] + " " + n;
        return name;
    }
}
