using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Reconciliation;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using BackOffice.Web.Features.Funds;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BackOffice.Tests.Pages;

public sealed class ReconciliationPageTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task A_bank_statement_is_uploaded_a_refused_mapping_explains_itself_and_the_line_is_linked_to_its_wire()
    {
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var holder = (await ClientBook.ClientAsync(app, clientId)).DisplayName;
        var started = await DepositBook.StartAsync(app, account.Id, "wire", 3_210m);
        var day = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        var csv = StatementLayout.StandardHeader(ChannelKind.BankWire) + "\n" + $"{day},3210.00,USD,{holder},Deposit {started.Reference},BK-5511\n";

        await using var finance = await PageTestContext.AsAsync(app, "finance2");
        var dialogs = finance.Context.Render<MudDialogProvider>();
        var page = finance.Context.Render<ReconciliationPage>();
        page.WaitForElement("[data-testid='import-statement']").Click();

        var select = dialogs.WaitForComponent<MudSelect<string>>();
        await dialogs.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync("wire"));
        dialogs.WaitForAssertion(() => Assert.Contains("booking_date,amount,currency", dialogs.Find("[data-testid='statement-header']").TextContent));
        dialogs.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "bank-november.csv"));
        dialogs.WaitForAssertion(() => Assert.Contains("bank-november.csv", dialogs.Find("[data-testid='statement-file-name']").TextContent));

        // A mapping that names no date column is refused with the reason, and nothing is imported.
        var layout = dialogs.FindComponent<MudRadioGroup<bool>>();
        await dialogs.InvokeAsync(() => layout.Instance.ValueChanged.InvokeAsync(true));
        dialogs.WaitForElement("[data-testid='map-amount']").Change("amount");
        dialogs.Find("[data-testid='map-fixed-currency']").Change("USD");
        dialogs.Find("[data-testid='map-reference']").Change("details");
        dialogs.Find("[data-testid='statement-import']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Name the column that holds the date.", dialogs.Find("[data-testid='statement-error']").TextContent));
        Assert.Equal(0, await app.Db(db => db.StatementImports.CountAsync(i => i.FileName == "bank-november.csv")));

        await dialogs.InvokeAsync(() => layout.Instance.ValueChanged.InvokeAsync(false));
        dialogs.Find("[data-testid='statement-import']").Click();
        page.WaitForAssertion(() => Assert.Contains("1 lines: 0 matched", page.Find("[data-testid='import-summary']").TextContent), TimeSpan.FromSeconds(5));
        var item = await app.Db(db => db.ReconciliationBreaks.AsNoTracking().SingleAsync(b => b.OurReference == started.Reference));
        var row = page.WaitForElement($"[data-testid='break-{item.Id}']");
        Assert.Contains("awaiting payment", row.TextContent);
        Assert.Contains("BK-5511", row.TextContent);
        Assert.Contains("bank-november.csv", page.Find("[data-testid='imports-table']").TextContent);

        page.Find($"[data-testid='link-break-{item.Id}']").Click();
        dialogs.WaitForElement($"[data-testid='link-{started.Reference}']").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid='break-{item.Id}']")), TimeSpan.FromSeconds(5));
        Assert.Equal(DepositStatus.Credited, (await DepositBook.LoadAsync(app, started.DepositId)).Status);
    }
}
