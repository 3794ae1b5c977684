using System.Text;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Reconciliation;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

[Collection("Browser")]
public sealed class ReconciliationWorkflowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_bank_statement_is_imported_its_wire_linked_and_the_bank_fee_written_off_with_a_second_approver_while_the_badge_follows()
    {
        var app = fixture.App;
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var holder = (await ClientBook.ClientAsync(app, clientId)).DisplayName;
        var started = await DepositBook.StartAsync(app, account.Id, "wire", 6_400m);
        var day = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var csv = StatementLayout.StandardHeader(ChannelKind.BankWire) + "\n" +
                  $"{day},6400.00,USD,\"{holder}\",\"Deposit {started.Reference}\",BARC-IN-9001\n" +
                  $"{day},-25.00,USD,Barclays,\"Monthly account fee\",BARC-FEE-9002\n";

        var checker = await fixture.SignedInPageAsync("finance");
        var breaks = checker.Locator("[data-testid='badge-funds.reconciliationBreaks']");
        await Expect(breaks).ToHaveCountAsync(0);

        var maker = await fixture.SignedInPageAsync("finance2");
        await maker.ClickAsync("[data-testid='nav-funds-reconciliation']");
        await BrowserFixture.WaitInteractiveAsync(maker);
        await maker.ClickAsync("[data-testid='import-statement']");
        await Expect(maker.Locator("[data-testid='statement-header']")).ToContainTextAsync("booking_date");
        await maker.SetInputFilesAsync("[data-testid='statement-file']", new FilePayload
        {
            Name = "barclays-statement.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await Expect(maker.Locator("[data-testid='statement-file-name']")).ToHaveTextAsync("barclays-statement.csv");
        await maker.ClickAsync("[data-testid='statement-import']");
        await Expect(maker.Locator("[data-testid='import-summary']")).ToContainTextAsync("2 lines", new() { Timeout = 10_000 });
        await Expect(breaks).ToHaveTextAsync("2", new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(maker, "reconciliation-breaks");

        var wire = await app.Db(db => db.ReconciliationBreaks.AsNoTracking().SingleAsync(b => b.OurReference == started.Reference));
        var fee = await app.Db(db => db.ReconciliationBreaks.AsNoTracking().SingleAsync(b => b.TheirsMinor == -2_500));
        await maker.ClickAsync($"[data-testid='link-break-{wire.Id}']");
        await maker.ClickAsync($"[data-testid='link-{started.Reference}']");
        await Expect(maker.Locator($"[data-testid='break-{wire.Id}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(breaks).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        Assert.Equal(DepositStatus.Credited, (await DepositBook.LoadAsync(app, started.DepositId)).Status);

        await maker.ClickAsync($"[data-testid='write-off-{fee.Id}']");
        await maker.FillAsync("[data-testid='reason']", "Bank's monthly account fee");
        await maker.ClickAsync("[data-testid='confirm-reason']");
        await Expect(maker.Locator($"[data-testid='break-{fee.Id}']")).ToHaveCountAsync(1);

        await checker.ClickAsync("[data-testid='nav-operations-pending']");
        await BrowserFixture.WaitInteractiveAsync(checker);
        await checker.Locator("[data-testid^='approve-']").First.ClickAsync();
        await checker.ClickAsync("[data-testid='confirm-approve']");
        await Expect(breaks).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        Assert.Equal(BreakStatus.WrittenOff, (await app.Db(db => db.ReconciliationBreaks.AsNoTracking().SingleAsync(b => b.Id == fee.Id))).Status);
        await Expect(maker.Locator($"[data-testid='break-{fee.Id}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }
}
