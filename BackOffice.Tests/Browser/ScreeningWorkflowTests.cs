using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

[Collection("Browser")]
public sealed class ScreeningWorkflowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_renamed_client_hits_the_sanctions_list_compliance_confirms_it_and_the_managers_counters_follow()
    {
        var app = fixture.App;
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var manager = await fixture.SignedInPageAsync("manager");
        var hitsBadge = manager.Locator("[data-testid='badge-kyc.screeningHits']");
        var restricted = manager.Locator("[data-testid='badge-clients.restricted']");
        await Expect(hitsBadge).ToHaveCountAsync(0);
        await Expect(restricted).ToHaveCountAsync(0);

        // Support records the client's new name; screening runs on the change and both lists answer.
        var client = await ClientBook.ClientAsync(app, id);
        var renamed = ClientBook.Person() with
        {
            FirstName = "Yekaterina", LastName = "Sokolova", DateOfBirth = new DateOnly(1980, 7, 7), Email = client.Email, Phone = client.Phone,
        };
        Must.Succeed(await app.SendAs("support", new UpdateClientProfile(id, renamed, "Name changed after marriage")));
        await Expect(hitsBadge).ToHaveTextAsync("2", new() { Timeout = 10_000 });

        var officer = await fixture.SignedInPageAsync("compliance");
        await officer.ClickAsync("[data-testid='nav-kyc-screening']");
        await BrowserFixture.WaitInteractiveAsync(officer);
        var hits = await app.Db(db => db.ScreeningHits.AsNoTracking().Where(h => h.ClientId == id).OrderBy(h => h.Id).ToListAsync());
        Assert.Equal(2, hits.Count);
        foreach (var hit in hits)
            await Expect(officer.Locator($"[data-testid='hit-{hit.Id}']")).ToContainTextAsync("Yekaterina Sokolova");
        await BrowserFixture.ScreenshotAsync(officer, "screening-hits");

        // The first is confirmed: the approved client is restricted at once and the manager's badges move.
        await officer.ClickAsync($"[data-testid='confirm-{hits[0].Id}']");
        await officer.Locator("[data-testid='reason']").FillAsync("Date of birth and passport match the listing");
        await officer.ClickAsync("[data-testid='confirm-match']");
        await Expect(officer.Locator($"[data-testid='hit-{hits[0].Id}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(hitsBadge).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        await Expect(restricted).ToHaveTextAsync("1", new() { Timeout = 10_000 });

        // The other list's entry is the same person: confirmed too, and the queue is empty.
        await officer.ClickAsync($"[data-testid='confirm-{hits[1].Id}']");
        await officer.Locator("[data-testid='reason']").FillAsync("Same person on the UK list");
        await officer.ClickAsync("[data-testid='confirm-match']");
        await Expect(officer.Locator("[data-testid='hits-empty']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(hitsBadge).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        var after = await ClientBook.ClientAsync(app, id);
        Assert.Equal((ClientStatus.Restricted, RestrictionCategory.SanctionsMatch), (after.Status, after.RestrictionCategory));
        var decided = await app.Db(db => db.ScreeningHits.AsNoTracking().Where(h => h.ClientId == id).ToListAsync());
        Assert.All(decided, h => Assert.Equal(ScreeningHitStatus.TrueMatch, h.Status));
        // Both lists name the same party: one AML case, noted twice, and one alert.
        Assert.Single(decided.Select(h => h.AmlAlertId).Distinct());
        Assert.Equal(1, await app.Db(db => db.Alerts.CountAsync(a => a.Kind == "kyc.sanctions_match" && a.EntityId == id.ToString())));
        await BrowserFixture.ScreenshotAsync(officer, "screening-decided");
    }
}
