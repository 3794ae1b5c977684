using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Tests.Accounts;
using BackOffice.Web.Components.Layout;
using BackOffice.Web.Features.Kyc;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BackOffice.Tests.Pages;

public sealed class CountryRiskPageTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task The_page_lists_countries_by_level_with_their_clients_and_adds_and_removes_one_with_a_reason()
    {
        await ClientBook.RegisterAsync(app, ClientBook.Person(country: "LB"));
        await using var admin = await PageTestContext.AsAsync(app, "admin");
        var dialogs = admin.Context.Render<MudDialogProvider>();
        var page = admin.Context.Render<CountryRiskPage>();

        var lebanon = page.WaitForElement("[data-testid='countries-IncreasedMonitoring'] [data-testid='country-LB']");
        Assert.Equal(["LB Lebanon", "1", "1", "0"], lebanon.QuerySelectorAll("td").Take(4).Select(td => td.TextContent.Trim()));
        Assert.NotNull(page.Find("[data-testid='countries-HighRisk'] [data-testid='country-KP']"));
        Assert.Equal("3 countries", page.Find("[data-testid='count-HighRisk']").TextContent.Trim());
        Assert.Equal(CountryRiskList.Fatf.Source, page.Find("[data-testid='edition']").TextContent.Trim());

        page.Find("[data-testid='add-country']").Click();
        dialogs.WaitForElement("[data-testid='country-save']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Choose a country.", dialogs.Markup), TimeSpan.FromSeconds(5));
        var country = dialogs.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Country");
        await dialogs.InvokeAsync(() => country.Instance.ValueChanged.InvokeAsync("TH"));
        var level = dialogs.FindComponents<MudSelect<CountryRisk>>().Single();
        await dialogs.InvokeAsync(() => level.Instance.ValueChanged.InvokeAsync(CountryRisk.HighRisk));
        dialogs.Find("[data-testid='country-reason']").Input("Internal decision after a typology report");
        dialogs.Find("[data-testid='country-save']").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='countries-HighRisk'] [data-testid='country-TH']")), TimeSpan.FromSeconds(5));
        Assert.Equal("4 countries", page.Find("[data-testid='count-HighRisk']").TextContent.Trim());
        Assert.Equal(CountryRisk.HighRisk, (await app.Db(db => db.CountryRisks.SingleAsync(c => c.Code == "TH"))).Risk);

        page.Find("[data-testid='change-TH']").Click();
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindComponents<MudSelect<CountryRisk>>()), TimeSpan.FromSeconds(5));
        var back = dialogs.FindComponent<MudSelect<CountryRisk>>();
        Assert.Empty(dialogs.FindComponents<MudSelect<string>>());
        await dialogs.InvokeAsync(() => back.Instance.ValueChanged.InvokeAsync(CountryRisk.Standard));
        dialogs.Find("[data-testid='country-reason']").Input("Decision reversed");
        dialogs.Find("[data-testid='country-save']").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='country-TH']")), TimeSpan.FromSeconds(5));
        Assert.False(await app.Db(db => db.CountryRisks.AnyAsync(c => c.Code == "TH")));
    }

    [Fact]
    public async Task Support_cannot_read_the_list_and_an_administrator_finds_it_in_the_menu()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => app.QueryAs("support", new GetCountryRiskList()));
        await using var admin = await PageTestContext.AsAsync(app, "admin");
        Assert.Contains(">Country risk<", admin.Context.Render<NavMenu>().Markup, StringComparison.Ordinal);
    }
}
