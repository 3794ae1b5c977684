using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

/// <summary>
/// The four-eyes workflow across two administrators in two browsers: a role change is requested
/// in one, approved in the other, and the first one's navigation badge updates without a reload.
/// </summary>
[Trait("Category", "Browser")]
[Collection("Browser")]
public sealed class RoleChangeWorkflowTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _fixture;

    public RoleChangeWorkflowTests(BrowserFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task A_role_change_requested_by_one_administrator_is_approved_by_another_and_the_badge_updates_live()
    {
        var visitor = await _fixture.Browser.NewPageAsync(new() { BaseURL = _fixture.App.BaseAddress.ToString() });
        await visitor.GotoAsync("/account/login");
        await BrowserFixture.ScreenshotAsync(visitor, "login");
        await visitor.CloseAsync();

        var maker = await _fixture.SignedInPageAsync("admin");
        await BrowserFixture.ScreenshotAsync(maker, "dashboard");

        await maker.ClickAsync("[data-testid='nav-admin-roles']");
        await BrowserFixture.WaitInteractiveAsync(maker);
        await maker.ClickAsync("[data-testid='role-select']");
        await maker.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "Support", Exact = true }).ClickAsync();
        await maker.Locator("[data-testid='perm-audit.view']").CheckAsync(new() { Force = true }); // MudBlazor hides the native input under its icon
        await maker.Locator("[data-testid='role-reason']").FillAsync("Support answers audit questions");
        await BrowserFixture.ScreenshotAsync(maker, "roles");
        await maker.ClickAsync("[data-testid='request-role-change']");

        var badge = maker.Locator("[data-testid='badge-operations.pending']");
        await Expect(badge).ToHaveTextAsync("1", new() { Timeout = 10_000 });

        var checker = await _fixture.SignedInPageAsync("admin2");
        await checker.ClickAsync("[data-testid='nav-operations-pending']");
        await BrowserFixture.WaitInteractiveAsync(checker);
        var approve = checker.Locator("[data-testid^='approve-']").First;
        await Expect(approve).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(checker, "pending-approvals");
        await approve.ClickAsync();
        await checker.ClickAsync("[data-testid='confirm-approve']");

        // The maker's screen learns about it through the hub: no reload.
        await Expect(badge).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        Assert.True(await _fixture.App.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(
            db.RolePermissions, p => p.Permission == "audit.view" && db.Roles.Any(r => r.Id == p.RoleId && r.Name == "Support"))));

        foreach (var (path, name) in new[]
                 {
                     ("/operations/alerts", "alerts"), ("/admin/staff", "staff"), ("/admin/audit", "audit"),
                     ("/admin/webhooks", "webhooks"), ("/admin/sign-ins", "sign-ins"), ("/profile", "profile"),
                 })
        {
            await maker.GotoAsync(path);
            await BrowserFixture.WaitInteractiveAsync(maker);
            await BrowserFixture.ScreenshotAsync(maker, name);
        }
    }
}
