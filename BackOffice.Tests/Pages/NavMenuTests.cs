using BackOffice.Web.Components.Layout;
using Bunit;

namespace BackOffice.Tests.Pages;

public sealed class NavMenuTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public NavMenuTests(SharedApp app) => _app = app;

    [Fact]
    public async Task Support_sees_only_the_dashboard_and_their_profile()
    {
        await using var page = await PageTestContext.AsAsync(_app, "support");
        var nav = page.Context.Render<NavMenu>();
        Assert.Contains("Dashboard", nav.Markup, StringComparison.Ordinal);
        Assert.Contains("Profile and security", nav.Markup, StringComparison.Ordinal);
        foreach (var hidden in new[] { "Pending approvals", "Alerts", "Staff", "Roles and permissions", "Webhooks", "Audit trail", "Sign-in events", "Administration" })
            Assert.DoesNotContain(">" + hidden + "<", nav.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_sees_the_administration_module()
    {
        await using var page = await PageTestContext.AsAsync(_app, "admin");
        var nav = page.Context.Render<NavMenu>();
        foreach (var shown in new[] { "Pending approvals", "Alerts", "Staff", "Roles and permissions", "Webhooks", "Audit trail", "Sign-in events" })
            Assert.Contains(">" + shown + "<", nav.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_sees_approvals_and_alerts_but_not_administration()
    {
        await using var page = await PageTestContext.AsAsync(_app, "compliance");
        var nav = page.Context.Render<NavMenu>();
        Assert.Contains(">Pending approvals<", nav.Markup, StringComparison.Ordinal);
        Assert.Contains(">Audit trail<", nav.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(">Roles and permissions<", nav.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(">Staff<", nav.Markup, StringComparison.Ordinal);
    }
}
