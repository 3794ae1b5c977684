using System.Text;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Infrastructure.Sanctions;
using BackOffice.Tests.Accounts;
using BackOffice.Web.Features.Kyc.Screening;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BackOffice.Tests.Pages;

public sealed class ScreeningPagesTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Task<long> EntryIdAsync(string source, string id) =>
        app.Db(db => db.ScreeningEntries.Where(e => e.Source == source && e.ExternalId == id).Select(e => e.Id).SingleAsync());

    [Fact]
    public async Task The_hits_queue_shows_both_sides_and_a_false_positive_leaves_it_with_its_reason()
    {
        var id = await ClientBook.RegisterAsync(app, ClientBook.Person() with { FirstName = "Ivan", LastName = "Petrov", DateOfBirth = new DateOnly(1971, 3, 14) });
        var entryId = await EntryIdAsync(ListEntry.Ofac, "90101");
        var hitId = await app.Db(db => db.ScreeningHits.Where(h => h.ClientId == id && h.EntryId == entryId).Select(h => h.Id).SingleAsync());
        await using var compliance = await PageTestContext.AsAsync(app, "compliance");
        var dialogs = compliance.Context.Render<MudDialogProvider>();

        var page = compliance.Context.Render<ScreeningHitsPage>();
        var card = page.WaitForElement($"[data-testid='hit-{hitId}']");
        Assert.Contains("Ivan Petrov", card.TextContent);
        Assert.Contains("Ivan Sergeevich PETROV", card.TextContent);
        Assert.Contains("OFAC SDN 90101", card.TextContent);
        Assert.Contains("RUSSIA-EO14024", card.TextContent);
        Assert.Contains("date of birth agrees", card.TextContent);
        Assert.Contains($"/kyc/clients/{id}", card.InnerHtml);

        page.Find($"[data-testid='dismiss-{hitId}']").Click();
        dialogs.WaitForElement("[data-testid='confirm-dismiss']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Reason is required", dialogs.Markup), TimeSpan.FromSeconds(5));
        dialogs.Find("[data-testid='reason']").Input("Different passport; the client is a British-born teacher");
        dialogs.Find("[data-testid='confirm-dismiss']").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid='hit-{hitId}']")), TimeSpan.FromSeconds(5));
        Assert.Equal(ScreeningHitStatus.FalsePositive, await app.Db(db => db.ScreeningHits.Where(h => h.Id == hitId).Select(h => h.Status).SingleAsync()));

        var tab = page.FindComponent<MudToggleGroup<bool>>();
        await page.InvokeAsync(() => tab.Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() => Assert.Contains("Different passport", page.Find($"[data-testid='hit-{hitId}']").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("False positive", page.Find($"[data-testid='hit-status-{hitId}']").TextContent.Trim());

        // The case screen lists the client's hits, decided ones included.
        var panel = compliance.Context.Render<ScreeningPanel>(p => p.Add(x => x.ClientId, id));
        panel.WaitForAssertion(() => Assert.Contains("Different passport", panel.Find($"[data-testid='hit-{hitId}']").TextContent), TimeSpan.FromSeconds(5));
        var clear = await ClientBook.RegisterAsync(app);
        var clearPanel = compliance.Context.Render<ScreeningPanel>(p => p.Add(x => x.ClientId, clear));
        clearPanel.WaitForElement("[data-testid='screening-clear']");
    }

    [Fact]
    public async Task The_lists_page_refuses_a_broken_file_with_its_line_then_imports_a_good_one()
    {
        await using var compliance = await PageTestContext.AsAsync(app, "compliance");
        var page = compliance.Context.Render<ScreeningListsPage>();
        page.WaitForAssertion(() => Assert.NotEqual("0", page.Find("[data-testid='source-entries-opensanctions']").TextContent.Trim()), TimeSpan.FromSeconds(5));

        var good = await File.ReadAllBytesAsync(SampleLists.OpenSanctionsFile);
        var broken = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(good).Replace("NK-demo0002,Person,Mohamed Al-Rasheed", "NK-demo0002,Person,\"Mohamed Al-Rasheed"));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(broken, "targets.simple.csv"));
        page.WaitForAssertion(() => Assert.Contains("targets.simple.csv", page.Find("[data-testid='import-file-names']").TextContent), TimeSpan.FromSeconds(5));
        page.Find("[data-testid='import-run']").Click();
        page.WaitForAssertion(() => Assert.Matches(@"targets\.simple\.csv, line \d+", page.Find("[data-testid='import-error']").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("list in force is unchanged", page.Find("[data-testid='import-error']").TextContent);

        // Without the first PEP the same export removes one entry; nothing new to screen.
        var edited = Encoding.UTF8.GetBytes(string.Join('\n', Encoding.UTF8.GetString(good).Split('\n').Where(l => !l.StartsWith("NK-demo0004,", StringComparison.Ordinal))));
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(edited, "targets.simple.csv"));
        page.Find("[data-testid='import-run']").Click();
        page.WaitForAssertion(() => Assert.Contains("1 removed", page.Find("[data-testid='import-done']").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("Nothing new to screen", page.Find("[data-testid='import-done']").TextContent);
        Assert.NotNull(await app.Db(db => db.ScreeningEntries.Where(e => e.ExternalId == "NK-demo0004").Select(e => e.RemovedAt).SingleAsync()));
        page.WaitForAssertion(() => Assert.Contains("nothing new to screen", page.Find("[data-testid='imports-table']").TextContent), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_manager_sees_the_lists_but_cannot_import()
    {
        await using var manager = await PageTestContext.AsAsync(app, "manager");
        var page = manager.Context.Render<ScreeningListsPage>();
        page.WaitForElement("[data-testid='source-ofac']");
        Assert.Empty(page.FindAll("[data-testid='import-form']"));
        Assert.Contains("every 24 hours", page.Find("[data-testid='lists-schedule']").TextContent);
    }
}
