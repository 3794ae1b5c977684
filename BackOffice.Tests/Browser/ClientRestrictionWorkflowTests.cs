using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Tests.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>
/// Restricting and unfreezing a client across four staff members in four browsers: compliance
/// restricts, support finds the client from the search box and reads why they cannot withdraw,
/// a second compliance officer approves lifting it, and the manager's badge follows live.
/// </summary>
[Trait("Category", "Browser")]
[Collection("Browser")]
public sealed class ClientRestrictionWorkflowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Compliance_restricts_support_reads_why_a_second_officer_lifts_it_and_the_manager_badge_moves_both_times()
    {
        var app = fixture.App;
        var id = await ClientBook.RegisterAsync(app, ClientBook.Person(email: "amaka.okonkwo@example.com", country: "NG", lastName: "Okonkwo"));
        Must.Succeed(await app.SendAs("compliance", new SubmitClientForReview(id, "Application complete")));
        await Kyc.KycBook.AcceptAllRequiredAsync(app, id);
        Must.Succeed(await app.SendAs("compliance", new ApproveClient(id, "Documents verified")));
        var client = await ClientBook.ClientAsync(app, id);

        var manager = await fixture.SignedInPageAsync("manager");
        var badge = manager.Locator("[data-testid='badge-clients.restricted']");
        await Expect(badge).ToHaveCountAsync(0);

        // Compliance finds the client and restricts them.
        var compliance = await fixture.SignedInPageAsync("compliance");
        await OpenFromSearchAsync(compliance, "Okonkwo", client.Number);
        await compliance.ClickAsync("[data-testid='action-restrict']");
        await compliance.ClickAsync("[data-testid='restrict-category']");
        await compliance.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Abnormal activity", Exact = true }).ClickAsync();
        await compliance.Locator("[data-testid='restrict-reason']").FillAsync("Deposits from several third-party cards");
        await BrowserFixture.ScreenshotAsync(compliance, "client-restrict-dialog");
        await compliance.ClickAsync("[data-testid='restrict-confirm']");
        await Expect(compliance.Locator("[data-testid='client-status']")).ToHaveTextAsync("Restricted", new() { Timeout = 10_000 });
        await Expect(badge).ToHaveTextAsync("1", new() { Timeout = 10_000 });

        // Support answers the client on the phone.
        var support = await fixture.SignedInPageAsync("support");
        await OpenFromSearchAsync(support, "amaka.okon", client.Number);
        var why = support.Locator("[data-testid='why-Withdraw']");
        await Expect(why).ToContainTextAsync("No: the client is restricted (abnormal activity");
        await Expect(why).ToContainTextAsync("Deposits from several third-party cards");
        await Expect(support.Locator("[data-testid='capability-ClosePositions']")).ToHaveAttributeAsync("data-allowed", "true");
        await BrowserFixture.ScreenshotAsync(support, "client-360-capabilities");

        // Lifting it is four-eyes: compliance asks, a second officer approves.
        await compliance.ClickAsync("[data-testid='action-lift']");
        await compliance.Locator("[data-testid='reason']").FillAsync("Cards verified as the client's own");
        await compliance.ClickAsync("[data-testid='confirm-action-lift']");
        await Expect(compliance.GetByText("Sent for approval by a second staff member")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(badge).ToHaveTextAsync("1");

        var checker = await fixture.SignedInPageAsync("compliance2");
        await checker.ClickAsync("[data-testid='nav-operations-pending']");
        await BrowserFixture.WaitInteractiveAsync(checker);
        var approve = checker.Locator("[data-testid^='approve-']").First;
        await Expect(approve).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await approve.ClickAsync();
        await checker.ClickAsync("[data-testid='confirm-approve']");

        await Expect(badge).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        Assert.Equal(ClientStatus.Approved, (await ClientBook.ClientAsync(app, id)).Status);

        await manager.ClickAsync("[data-testid='nav-clients']");
        await BrowserFixture.WaitInteractiveAsync(manager);
        await Expect(manager.Locator($"[data-testid='client-{client.Number}']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(manager, "clients");
    }

    private static async Task OpenFromSearchAsync(IPage page, string text, long number)
    {
        await page.Locator("[data-testid='client-search'] input").FillAsync(text);
        var hit = page.Locator($"[data-testid='search-hit-{number}']");
        await Expect(hit).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await hit.ClickAsync();
        // Choosing a hit navigates inside the circuit (no page load): wait for the address, not a load event.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/clients/\d+$"), new() { Timeout = 20_000 });
        await BrowserFixture.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid='client-status']")).ToBeVisibleAsync(new() { Timeout = 10_000 });
    }
}
