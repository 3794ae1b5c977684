using BackOffice.Core.Partners;
using BackOffice.Tests.Accounts;
using BackOffice.Web.Features.Partners;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BackOffice.Tests.Pages;

public sealed class PartnersPageTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task An_IB_manager_creates_a_sub_partner_attributes_a_client_and_asks_for_a_move()
    {
        var top = await ClientBook.RegisterAsync(app);
        Must.Succeed(await app.SendAs("ib", new CreatePartner(top, "NORTH-DESK", null)));
        var sub = await ClientBook.ClientAsync(app, await ClientBook.RegisterAsync(app));
        var brought = await ClientBook.ClientAsync(app, await ClientBook.RegisterAsync(app));

        await using var ib = await PageTestContext.AsAsync(app, "ib");
        var dialogs = ib.Context.Render<MudDialogProvider>();
        var page = ib.Context.Render<PartnersPage>();
        page.WaitForElement("[data-testid='partner-NORTH-DESK']");

        page.Find("[data-testid='new-partner']").Click();
        var number = dialogs.WaitForComponent<MudNumericField<long?>>();
        await dialogs.InvokeAsync(() => number.Instance.ValueChanged.InvokeAsync(sub.Number));
        dialogs.Find("[data-testid='partner-code']").Change("north-sub");
        dialogs.Find("[data-testid='partner-parent']").Change("NOWHERE");
        dialogs.Find("[data-testid='partner-save']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("There is no partner NOWHERE.", dialogs.Find("[data-testid='partner-error']").TextContent));
        dialogs.Find("[data-testid='partner-parent']").Change("north-desk");
        dialogs.Find("[data-testid='partner-save']").Click();
        var row = page.WaitForElement("[data-testid='partner-NORTH-SUB']");
        Assert.Contains("level 2", row.TextContent);

        page.Find("[data-testid='attribute-client']").Click();
        number = dialogs.WaitForComponent<MudNumericField<long?>>();
        await dialogs.InvokeAsync(() => number.Instance.ValueChanged.InvokeAsync(brought.Number));
        dialogs.Find("[data-testid='partner-code']").Change("NORTH-SUB");
        dialogs.Find("[data-testid='partner-save']").Click();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid='partner-clients-NORTH-SUB']").TextContent.Trim()), TimeSpan.FromSeconds(5));

        page.Find("[data-testid='move-NORTH-SUB']").Click();
        dialogs.WaitForElement("[data-testid='partner-parent']").Change("north-sub");
        dialogs.Find("[data-testid='partner-reason']").Change("Desk reorganised");
        dialogs.Find("[data-testid='partner-save']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be its own parent", dialogs.Find("[data-testid='partner-error']").TextContent), TimeSpan.FromSeconds(5));
        dialogs.Find("[data-testid='partner-parent']").Change("");
        dialogs.Find("[data-testid='partner-save']").Click();
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("[data-testid='partner-save']")), TimeSpan.FromSeconds(5));
        Assert.Equal(1, await app.Db(db => db.PendingOperations.CountAsync(o => o.Summary.Contains("under the top of the tree"))));
        Assert.Equal(PartnerStatus.Active, await app.Db(db => db.Partners.Where(p => p.Code == "NORTH-SUB").Select(p => p.Status).FirstAsync()));
    }
}
