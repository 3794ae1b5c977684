using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Reports;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Reports;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

[Collection("Browser")]
public sealed class ReportWorkflowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_manager_opens_the_payment_report_from_a_bookmarked_address_reads_the_figures_and_downloads_the_excel_file()
    {
        var app = fixture.App;
        // The Netherlands: an approved client with a Standard account; a 1,000 USD wire received, a 250 USD wire still on its way.
        var clientId = await ReportBook.RegisterAsync(app, "NL");
        await ReportBook.ApproveAsync(app, clientId);
        var typeId = await app.Db(db => db.AccountTypes.Where(t => t.Name == "Standard").Select(t => t.Id).FirstAsync());
        var opened = await app.SendAs("support", new Core.Accounts.TradingAccounts.OpenTradingAccount(clientId, typeId, "USD"));
        Must.Succeed(opened);
        await ClientBook.SyncAsync(app);
        var holder = (await ClientBook.ClientAsync(app, clientId)).DisplayName;
        var wire = await app.SendAs("finance", new StartDeposit(opened.Value, "wire", 1_000m, "USD"));
        Must.Succeed(wire);
        Must.Succeed(await app.SendAs("finance2", new ConfirmWireDeposit(wire.Value!.DepositId, 1_000m, "USD", holder, "STMT-NL-1")));
        Must.Succeed(await app.SendAs("finance", new StartDeposit(opened.Value, "wire", 250m, "USD")));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");

        var manager = await fixture.SignedInPageAsync("manager");
        await manager.GotoAsync($"/reports/payments?from={today}&to={today}&type=Standard&country=NL");
        await BrowserFixture.WaitInteractiveAsync(manager);
        await Expect(manager.Locator("[data-testid='figure-deposits-started']")).ToHaveTextAsync("2", new() { Timeout = 15_000 });
        await Expect(manager.Locator("[data-testid='figure-deposit-success-rate']")).ToHaveTextAsync("100.0 %");
        await Expect(manager.Locator("[data-testid='figure-net-deposits-usd']")).ToHaveTextAsync("1,000.00");
        await Expect(manager.Locator("[data-testid='filter-country']")).ToHaveTextAsync("NL Netherlands");
        await Expect(manager.Locator("[data-testid='table-channels'] tbody tr")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(manager, "report-payments");

        // The Excel button downloads the same report, with the browser's session.
        var href = await manager.Locator("[data-testid='export-report']").GetAttributeAsync("href");
        Assert.Equal($"/reports/payments/export?from={today}&to={today}&type=Standard&country=NL", href);
        var download = await manager.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        Assert.Contains("payments-report-", download.Headers["content-disposition"]);
        using var book = new XLWorkbook(new MemoryStream(await download.BodyAsync()));
        var summary = book.Worksheet("Summary");
        var labels = summary.Column(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.RowNumber);
        Assert.Equal("NL Netherlands", summary.Cell(labels["Country"], 2).GetString());
        Assert.Equal("Standard", summary.Cell(labels["Account type"], 2).GetString());
        Assert.Equal(2d, summary.Cell(labels["Deposits started"], 2).GetDouble());
        Assert.Equal(1_000d, summary.Cell(labels["Net deposits (USD)"], 2).GetDouble());
        var net = book.Worksheet("Net deposits by currency");
        Assert.Equal(("USD", 1_000d), (net.Cell(2, 1).GetString(), net.Cell(2, 5).GetDouble()));

        // A bookmark with a value that no longer exists says so, and shows no figures.
        await manager.GotoAsync($"/reports/payments?country=NL&group=Benelux");
        await BrowserFixture.WaitInteractiveAsync(manager);
        await Expect(manager.Locator("[data-testid='report-error']")).ToContainTextAsync("There is no region group 'Benelux'.");
        await Expect(manager.Locator("[data-testid='figures']")).ToHaveCountAsync(0);
    }
}
