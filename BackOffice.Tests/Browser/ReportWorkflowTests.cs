using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Reports;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Withdrawals;
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

    [Fact]
    public async Task A_manager_watches_the_live_floor_while_a_finance_officer_approves_a_withdrawal_in_another_browser_and_the_counts_move()
    {
        var app = fixture.App;
        // 12,000 USD needs L1 and L2; entered by one finance officer, so the other one approves it.
        var (_, account, bank) = await WithdrawalBook.FundedAsync(app);
        var requested = await WithdrawalBook.RequestAsync(app, account.Id, bank, 12_000m, user: "finance2");
        Assert.Equal(ApprovalLevel.L2, requested.Level);

        var manager = await fixture.SignedInPageAsync("manager");
        await manager.ClickAsync("[data-testid='nav-reports-floor']");
        await BrowserFixture.WaitInteractiveAsync(manager);
        await Expect(manager.Locator("[data-testid='floor-as-of']")).ToHaveAttributeAsync("data-floor-live", "true", new() { Timeout = 15_000 });
        var atL1 = manager.Locator($"[data-testid='floor-count-{WithdrawalCounters.PendingL1}']");
        var atL2 = manager.Locator($"[data-testid='floor-count-{WithdrawalCounters.PendingL2}']");
        var waitingAtL1 = int.Parse(await atL1.InnerTextAsync());
        var waitingAtL2 = int.Parse(await atL2.InnerTextAsync());
        Assert.True(waitingAtL1 >= 1);
        var deposited = await manager.Locator("[data-testid='floor-headline-deposits']").InnerTextAsync();
        Assert.NotEqual("0.00", deposited);

        var finance = await fixture.SignedInPageAsync("finance");
        await finance.ClickAsync("[data-testid='nav-funds-withdrawals-l1']");
        await BrowserFixture.WaitInteractiveAsync(finance);
        await finance.ClickAsync($"[data-testid='decide-{requested.Reference}']");
        await finance.ClickAsync("[data-testid='decision-approve']");
        await Expect(finance.Locator($"[data-testid='decide-{requested.Reference}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        // The manager's floor moves without a reload: one fewer at L1, one more at L2.
        await Expect(atL1).ToHaveTextAsync((waitingAtL1 - 1).ToString(), new() { Timeout = 10_000 });
        await Expect(atL2).ToHaveTextAsync((waitingAtL2 + 1).ToString(), new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(manager, "live-floor");

        // Wall mode: the floor alone, without the menu, still live.
        await manager.ClickAsync("[data-testid='floor-wall-mode']");
        await Expect(manager.Locator("[data-testid='floor-wall']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(manager.Locator("[data-testid='nav']")).ToHaveCountAsync(0);
        await Expect(manager.Locator("[data-testid='floor-headline-waiting']")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(manager, "live-floor-wall");
    }
}
