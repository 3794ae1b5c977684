using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Reports;
using BackOffice.Infrastructure.Excel;
using BackOffice.Tests.Reports;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Excel;

[Trait("Category", "Database")]
public sealed class ReportWorkbookTests(SharedApp app) : IClassFixture<SharedApp>
{
    private const string Injection = "=HYPERLINK(\"http://evil.example\",\"click\")";

    [Fact]
    public async Task A_report_workbook_has_the_filters_and_totals_typed_formatted_sheets_and_user_text_stays_text()
    {
        var today = ReportBook.Today(app);
        await ReportBook.RegisterAsync(app, "AT");
        var leaving = await ReportBook.RegisterAsync(app, "AT");
        Must.Succeed(await app.SendAs("compliance", new CloseClient(leaving, Injection)));
        var report = await ReportBook.RunAsync(app, ReportKind.Accounts, new ReportFilter(today, today, Country: "AT"));

        using var stream = new MemoryStream();
        await new ExportService().WriteReportAsync(stream, report);
        ExportServiceTests.AssertNoFormulaInPackage(stream);
        stream.Position = 0;
        using var book = new XLWorkbook(stream);
        Assert.Equal(["Summary", "By day", "Funnel of the period's registra", "Approvals in the period", "Waiting for additional document",
            "Closed in the period"], book.Worksheets.Select(w => w.Name));

        var summary = book.Worksheet("Summary");
        Assert.Equal("Account report", summary.Cell(1, 1).GetString());
        var labels = summary.Column(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.RowNumber);
        Assert.Equal(today.ToString("yyyy-MM-dd"), summary.Cell(labels["From"], 2).GetString());
        Assert.Equal("AT Austria", summary.Cell(labels["Country"], 2).GetString());
        Assert.Equal(ReportCatalogue.AccountManager, summary.Cell(labels["Staff means"], 2).GetString());
        var registrations = summary.Cell(labels["New registrations"], 2);
        Assert.Equal((XLDataType.Number, 2d, "#,##0"), (registrations.DataType, registrations.GetDouble(), registrations.Style.NumberFormat.Format));
        var rate = summary.Cell(labels["Approval rate"], 2);
        Assert.Equal((XLDataType.Number, 0d, "0.0%"), (rate.DataType, rate.GetDouble(), rate.Style.NumberFormat.Format));

        var closed = book.Worksheet("Closed in the period");
        Assert.Equal(["Client No.", "Client", "Country", "Closed", "Reason"], closed.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.True(closed.Row(1).Cell(1).Style.Font.Bold);
        Assert.Equal(1, closed.SheetView.SplitRow);
        Assert.True(closed.AutoFilter.IsEnabled);
        Assert.Equal(XLDataType.Number, closed.Cell(2, 1).DataType);
        Assert.Equal((XLDataType.DateTime, "yyyy-mm-dd hh:mm"), (closed.Cell(2, 4).DataType, closed.Cell(2, 4).Style.NumberFormat.Format));
        var reason = closed.Cell(2, 5);
        Assert.False(reason.HasFormula);
        Assert.Equal((XLDataType.Text, Injection), (reason.DataType, reason.GetString()));
        var daily = book.Worksheet("By day");
        Assert.Equal((XLDataType.DateTime, "yyyy-mm-dd"), (daily.Cell(2, 1).DataType, daily.Cell(2, 1).Style.NumberFormat.Format));
        Assert.Equal(2d, daily.Cell(2, 2).GetDouble());
    }

    [Fact]
    public async Task A_large_report_is_streamed_with_every_row_and_no_formula()
    {
        var rows = Enumerable.Range(1, ExportService.FormattedRowLimit + 1).Select(i => new object?[] { (long)i, i == 7 ? Injection : "row " + i }).ToList();
        var report = new Report(ReportKind.Events, "Big", "who acted", [new("From", "2026-01-01")], [new("Rows", (long)rows.Count, CellKind.Integer)],
            [new ReportTable("big", "Big table", [new("Id", CellKind.Integer), new("Text", CellKind.Text)], rows)], []);
        var seen = new List<double>();
        using var stream = new MemoryStream();
        await new ExportService().WriteReportAsync(stream, report, new Progress(seen));
        ExportServiceTests.AssertNoFormulaInPackage(stream);
        stream.Position = 0;
        using var book = new XLWorkbook(stream);
        var sheet = book.Worksheet("Big table");
        Assert.Equal(rows.Count + 1, sheet.LastRowUsed().RowNumber());
        Assert.Equal(Injection, sheet.Cell(8, 2).GetString());
        Assert.Equal(1d, seen[^1]);
        Assert.True(seen.Count > 10);
    }

    [Fact]
    public async Task The_same_background_export_asked_for_twice_at_once_is_one_job_whose_file_only_its_owner_gets()
    {
        var exports = app.Services.GetRequiredService<ReportExports>();
        var manager = await app.ActorAsync("manager");
        var longRange = new ReportFilter(new DateOnly(2024, 1, 1), ReportBook.Today(app));
        var jobs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => exports.Start(ReportKind.Payments, longRange, manager))));
        Assert.Single(jobs.Select(j => j.Id).Distinct());
        var other = exports.Start(ReportKind.Payments, longRange with { Country = "GB" }, manager);
        Assert.NotEqual(jobs[0].Id, other.Id);

        var job = jobs[0];
        var waited = 0;
        while (!(job.Finished && other.Finished) && waited++ < 300) await Task.Delay(100);
        Assert.True(job.Succeeded, job.Error);
        Assert.Equal(1d, job.Progress);
        Assert.Null(exports.Find(job.Id, (await app.ActorAsync("finance")).StaffId));
        Assert.Same(job, exports.Find(job.Id, manager.StaffId));
        using var book = new XLWorkbook(job.FilePath!);
        Assert.Equal("Payment report", book.Worksheet("Summary").Cell(1, 1).GetString());
        Assert.Equal("2024-01-01", book.Worksheet("Summary").Cell(4, 2).GetString());
        Assert.Equal(0, exports.RunningCount);

        // Asked for again once finished, it runs again (fresh figures); a bad filter fails with the sentence and writes nothing.
        Assert.NotEqual(job.Id, exports.Start(ReportKind.Payments, longRange, manager).Id);
        var refused = exports.Start(ReportKind.Payments, longRange with { To = new DateOnly(2023, 1, 1) }, manager);
        waited = 0;
        while (!refused.Finished && waited++ < 300) await Task.Delay(100);
        Assert.Equal((false, "Some fields need attention: The end date (2023-01-01) is before the start date (2024-01-01)."), (refused.Succeeded, refused.Error));
        Assert.Null(refused.FilePath);
    }

    private sealed class Progress(List<double> seen) : IProgress<double>
    {
        public void Report(double value)
        {
            lock (seen) seen.Add(value);
        }
    }
}
