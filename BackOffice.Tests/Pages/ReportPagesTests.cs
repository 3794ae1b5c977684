using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Presets;
using BackOffice.Infrastructure.Excel;
using BackOffice.Tests.Reports;
using BackOffice.Web.Features.Reports;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BackOffice.Tests.Pages;

[Trait("Category", "Database")]
public sealed class ReportPagesTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Task<PageTestContext> AsAsync(string user) =>
        PageTestContext.AsAsync(app, user, s => s.AddSingleton(app.Services.GetRequiredService<ReportExports>()));

    private static IRenderedComponent<ReportPage> Open(PageTestContext page, string slug, string query)
    {
        page.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/reports/{slug}?{query}");
        return page.Context.Render<ReportPage>(p => p.Add(x => x.Slug, slug));
    }

    [Fact]
    public async Task A_report_opened_from_its_address_shows_the_figures_for_those_filters_and_apply_puts_new_ones_in_the_address()
    {
        var today = ReportBook.Today(app).ToString("yyyy-MM-dd");
        await ReportBook.RegisterAsync(app, "GR", (await app.ActorAsync("support")).StaffId);
        await ReportBook.RegisterAsync(app, "GR");
        await using var manager = await AsAsync("manager");
        var page = Open(manager, "accounts", $"from={today}&to={today}&country=GR");
        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid='figure-new-registrations']").TextContent.Trim()));
        Assert.Equal("GR Greece", page.Find("[data-testid='filter-country']").TextContent.Trim());
        Assert.Contains($"/reports/accounts/export?from={today}&to={today}&country=GR", page.Find("[data-testid='export-report']").GetAttribute("href"));
        Assert.NotEmpty(page.FindAll("[data-testid='chart-daily']"));
        Assert.NotEmpty(page.FindAll("[data-testid='table-funnel'] tbody tr"));
        // An empty list of the period says so; the list of who waits now says that no one does.
        Assert.Contains("Nothing in this period.", page.Find("[data-testid='table-closed']").TextContent);
        Assert.Contains("No client is waiting for documents now.", page.Find("[data-testid='table-pending-documents']").TextContent);

        // The staff filter (the account manager) through the filter bar: the address changes and the figures follow.
        var staff = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label!.StartsWith("Staff", StringComparison.Ordinal));
        await page.InvokeAsync(() => staff.Instance.ValueChanged.InvokeAsync("support"));
        page.Find("[data-testid='filter-apply']").Click();
        Assert.EndsWith($"/reports/accounts?from={today}&to={today}&country=GR&staff=support", manager.Context.Services.GetRequiredService<NavigationManager>().Uri);
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid='figure-new-registrations']").TextContent.Trim()));
    }

    [Fact]
    public async Task An_unknown_value_in_a_bookmarked_address_is_said_and_no_figures_show()
    {
        await using var manager = await AsAsync("manager");
        var page = Open(manager, "payments", "country=XX&staff=nobody");
        page.WaitForAssertion(() => Assert.Contains("'XX' is not a country code we know", page.Find("[data-testid='report-error']").TextContent));
        Assert.Contains("There is no staff member 'nobody'.", page.Find("[data-testid='report-error']").TextContent);
        Assert.Empty(page.FindAll("[data-testid='figures']"));
        Assert.Empty(page.FindAll("[data-testid='background-export']"));
    }

    [Fact]
    public async Task A_range_too_long_for_the_screen_offers_the_background_export_with_progress_then_a_download_link()
    {
        await using var manager = await AsAsync("manager");
        // A range just past the live maximum (366 days), so the export itself stays short.
        var page = Open(manager, "events", $"from={ReportBook.Today(app).AddDays(-400):yyyy-MM-dd}");
        page.WaitForAssertion(() => Assert.Contains("Use the background export", page.Find("[data-testid='report-error']").TextContent));
        page.Find("[data-testid='background-export']").Click();
        page.WaitForAssertion(() => Assert.StartsWith("/reports/exports/", page.Find("[data-testid='background-download']").GetAttribute("href")),
            TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task The_filters_are_saved_as_a_named_preset()
    {
        await using var finance = await AsAsync("finance2");
        var dialogs = finance.Context.Render<MudDialogProvider>();
        var page = Open(finance, "payments", "from=2026-11-01&to=2026-11-26&type=ECN");
        page.WaitForElement("[data-testid='figures']");
        page.Find("[data-testid='save-preset']").Click();
        dialogs.WaitForElement("[data-testid='preset-name']").Input("ECN November");
        dialogs.Find("[data-testid='preset-save']").Click();
        page.WaitForElement("[data-testid='presets']");
        var staffId = (await app.ActorAsync("finance2")).StaffId;
        Assert.Equal("from=2026-11-01&to=2026-11-26&type=ECN",
            await app.Db(db => db.ReportPresets.Where(p => p.OwnerId == staffId && p.Name == "ECN November").Select(p => p.Query).SingleAsync()));
    }

    [Fact]
    public async Task The_reports_page_lists_the_families_a_role_may_read()
    {
        await using var manager = await AsAsync("manager");
        var all = manager.Context.Render<ReportsPage>();
        Assert.Equal(ReportCatalogue.All.Count, all.FindAll("[data-testid^='open-']").Count);
        await using var finance = await AsAsync("finance");
        var some = finance.Context.Render<ReportsPage>();
        Assert.Equal(["open-payments"], some.FindAll("[data-testid^='open-']").Select(e => e.GetAttribute("data-testid")));
    }

    [Fact]
    public async Task An_administrator_creates_changes_and_removes_a_region_group_on_its_page()
    {
        await using var admin = await AsAsync("admin");
        var page = admin.Context.Render<RegionGroupsPage>();
        page.Find("[data-testid='group-name']").Change("Benelux");
        var countries = page.FindComponents<MudSelect<string>>().Single();
        page.Find("[data-testid='group-save']").Click();
        page.WaitForAssertion(() => Assert.Contains("Choose at least one country.", page.Markup));
        await page.InvokeAsync(() => countries.Instance.SelectedValuesChanged.InvokeAsync(new HashSet<string> { "BE", "NL" }));
        page.Find("[data-testid='group-save']").Click();
        page.WaitForAssertion(() => Assert.Contains("NL", page.Find("[data-testid='group-Benelux']").TextContent));

        page.Find("[data-testid='edit-Benelux']").Click();
        await page.InvokeAsync(() => countries.Instance.SelectedValuesChanged.InvokeAsync(new HashSet<string> { "BE", "NL", "FR" }));
        page.Find("[data-testid='group-save']").Click();
        page.WaitForAssertion(() => Assert.Contains("FR", page.Find("[data-testid='group-Benelux']").TextContent));
        page.Find("[data-testid='remove-Benelux']").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='group-Benelux']")));
        Assert.Equal(3, await app.Db(db => db.AuditEntries.CountAsync(a => a.EntityType == "RegionGroup")));
    }
}
