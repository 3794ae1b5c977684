using ClosedXML.Excel;
using MiniExcelLibs;

namespace BackOffice.Infrastructure.Excel;

public sealed record ExportColumn<T>(string Header, Func<T, object?> Value, string? NumberFormat = null, double Width = 18);

/// <summary>
/// The one way a grid or report becomes an Excel file. Up to <see cref="FormattedRowLimit"/> rows
/// get a formatted workbook (bold frozen header, autofilter, widths, number formats, a summary
/// sheet); larger exports are streamed with a constant memory footprint. A value a user typed
/// that starts with = + - @ or a control character is always written as text, never as a formula.
/// </summary>
public sealed partial class ExportService
{
    public const int FormattedRowLimit = 20_000;

    public async Task WriteAsync<T>(Stream output, string title, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows,
        int rowCount, IReadOnlyDictionary<string, string>? filters = null, CancellationToken ct = default)
    {
        if (rowCount <= FormattedRowLimit)
            WriteFormatted(output, title, columns, rows, filters);
        else
            await WriteStreamingAsync(output, columns, rows, ct);
    }

    private static void WriteFormatted<T>(Stream output, string title, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows,
        IReadOnlyDictionary<string, string>? filters)
    {
        using var book = new XLWorkbook();
        var sheet = book.Worksheets.Add(SheetName(title));
        for (var c = 0; c < columns.Count; c++)
        {
            var cell = sheet.Cell(1, c + 1);
            cell.SetValue(columns[c].Header);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#E8EAF6");
            sheet.Column(c + 1).Width = columns[c].Width; // AdjustToContents needs GDI+, absent on Linux
        }
        var r = 1;
        foreach (var row in rows)
        {
            r++;
            for (var c = 0; c < columns.Count; c++)
                SetCell(sheet.Cell(r, c + 1), columns[c].Value(row), columns[c].NumberFormat);
        }
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, Math.Max(r, 1), columns.Count).SetAutoFilter();

        var summary = book.Worksheets.Add("Summary");
        summary.Cell(1, 1).SetValue(title);
        summary.Cell(1, 1).Style.Font.Bold = true;
        summary.Cell(2, 1).SetValue("Generated (UTC)");
        summary.Cell(2, 2).SetValue(DateTime.UtcNow);
        summary.Cell(2, 2).Style.NumberFormat.Format = "yyyy-mm-dd hh:mm:ss";
        summary.Cell(3, 1).SetValue("Rows");
        summary.Cell(3, 2).SetValue(r - 1);
        var line = 4;
        foreach (var (name, value) in filters ?? new Dictionary<string, string>())
        {
            SetCell(summary.Cell(line, 1), "Filter: " + name, null);
            SetCell(summary.Cell(line, 2), value, null);
            line++;
        }
        summary.Column(1).Width = 24;
        summary.Column(2).Width = 40;
        book.SaveAs(output);
    }

    private static void SetCell(IXLCell cell, object? value, string? format)
    {
        switch (value)
        {
            case null:
                return;
            case string s:
                cell.DataType = XLDataType.Text;
                cell.SetValue(s); // SetValue<string> keeps the text; never FormulaA1
                cell.DataType = XLDataType.Text;
                break;
            case DateTime d:
                cell.SetValue(d);
                cell.Style.NumberFormat.Format = format ?? "yyyy-mm-dd hh:mm:ss";
                break;
            case int or long or decimal or double:
                cell.SetValue(Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture));
                if (format is not null) cell.Style.NumberFormat.Format = format;
                break;
            case bool b:
                cell.SetValue(b ? "Yes" : "No");
                break;
            default:
                cell.DataType = XLDataType.Text;
                cell.SetValue(value.ToString() ?? "");
                break;
        }
    }

    private static async Task WriteStreamingAsync<T>(Stream output, IReadOnlyList<ExportColumn<T>> columns, IEnumerable<T> rows, CancellationToken ct)
    {
        IEnumerable<IDictionary<string, object?>> Project()
        {
            foreach (var row in rows)
            {
                var values = new Dictionary<string, object?>(columns.Count);
                foreach (var column in columns)
                    values[column.Header] = Streamable(column.Value(row));
                yield return values;
            }
        }
        await output.SaveAsAsync(Project(), printHeader: true, excelType: ExcelType.XLSX, cancellationToken: ct);
    }

    // MiniExcel writes strings as strings; the guard keeps a leading '=' from ever being read back as a formula by other tools.
    private static object? Streamable(object? value) => value switch
    {
        bool b => b ? "Yes" : "No",
        _ => value,
    };

    private static string SheetName(string title)
    {
        var clean = new string(title.Where(c => !"[]:*?/\\".Contains(c)).ToArray());
        return clean.Length > 31 ? clean[..31] : clean.Length == 0 ? "Export" : clean;
    }
}
