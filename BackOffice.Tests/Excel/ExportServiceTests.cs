using System.IO.Compression;
using BackOffice.Infrastructure.Excel;
using ClosedXML.Excel;

namespace BackOffice.Tests.Excel;

public sealed class ExportServiceTests
{
    private sealed record Row(int Id, string Name, DateTime At);

    private static readonly ExportColumn<Row>[] Columns =
    [
        new("Id", r => r.Id, "0"),
        new("Name", r => r.Name),
        new("At", r => r.At),
    ];

    private static readonly string[] Dangerous = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"];

    private static IEnumerable<Row> Rows(int count) =>
        Enumerable.Range(1, count).Select(i => new Row(i, i <= Dangerous.Length ? Dangerous[i - 1] : "client " + i, new DateTime(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc)));

    [Fact]
    public async Task A_formatted_workbook_has_a_header_data_and_a_summary_and_never_a_formula()
    {
        using var stream = new MemoryStream();
        await new ExportService().WriteAsync(stream, "Clients", Columns, Rows(50), 50, new Dictionary<string, string> { ["Staff"] = "=cmd" });
        stream.Position = 0;
        using var book = new XLWorkbook(stream);
        var sheet = book.Worksheet("Clients");
        Assert.Equal("Id", sheet.Cell(1, 1).GetString());
        Assert.Equal(51, sheet.LastRowUsed().RowNumber());
        for (var i = 0; i < Dangerous.Length; i++)
        {
            var cell = sheet.Cell(i + 2, 2);
            Assert.False(cell.HasFormula, $"row {i + 2} became a formula");
            Assert.Equal(Dangerous[i].Replace('\r', '\n'), cell.GetString()); // XML text keeps a line break, not a bare CR
        }
        Assert.Equal(50, book.Worksheet("Summary").Cell(3, 2).GetValue<int>());
        Assert.False(book.Worksheet("Summary").Cell(4, 2).HasFormula);
        AssertNoFormulaInPackage(stream);
    }

    [Fact]
    public async Task A_large_export_is_streamed_and_still_never_holds_a_formula()
    {
        var count = ExportService.FormattedRowLimit + 1;
        using var stream = new MemoryStream();
        await new ExportService().WriteAsync(stream, "Clients", Columns, Rows(count), count);
        AssertNoFormulaInPackage(stream);
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var sheetXml = new StreamReader(zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open()).ReadToEnd();
        Assert.Contains("HYPERLINK", sheetXml, StringComparison.Ordinal);
        Assert.Contains($"client {count}", sheetXml, StringComparison.Ordinal);
    }

    internal static void AssertNoFormulaInPackage(MemoryStream stream)
    {
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            var xml = new StreamReader(sheet.Open()).ReadToEnd();
            Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<x:f>", xml, StringComparison.Ordinal);
        }
    }
}
