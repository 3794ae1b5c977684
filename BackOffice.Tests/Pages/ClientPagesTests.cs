using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Tests.Accounts;
using BackOffice.Web.Features.Clients;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BackOffice.Tests.Pages;

public sealed class ClientPagesTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task The_capability_panel_shows_each_capability_with_its_answer()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Restricted);
        var view = await app.QueryAs("support", new BackOffice.Core.Accounts.Clients.GetClient360(id));
        await using var page = await PageTestContext.AsAsync(app, "support");

        var cut = page.Context.Render<CapabilityPanel>(p => p.Add(x => x.Capabilities, view!.Capabilities));

        Assert.Equal(7, cut.FindAll("tr[data-testid^='capability-']").Count);
        Assert.Equal("false", cut.Find("[data-testid='capability-Withdraw']").GetAttribute("data-allowed"));
        Assert.Equal("true", cut.Find("[data-testid='capability-ClosePositions']").GetAttribute("data-allowed"));
        Assert.Contains("restricted (abnormal activity", cut.Find("[data-testid='why-Withdraw']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_page_offers_compliance_the_lift_and_support_only_follow_ups()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Restricted);

        await using (var support = await PageTestContext.AsAsync(app, "support"))
        {
            var cut = support.Context.Render<Client360Page>(p => p.Add(x => x.ClientId, id));
            cut.WaitForElement("[data-testid='client-status']");
            Assert.Empty(cut.FindAll("[data-testid='action-lift']"));
            Assert.NotEmpty(cut.FindAll("[data-testid='action-communication']"));
            Assert.Contains("Restricted", cut.Find("[data-testid='client-status']").TextContent, StringComparison.Ordinal);
        }

        await using var compliance = await PageTestContext.AsAsync(app, "compliance");
        var dialogs = compliance.Context.Render<MudDialogProvider>();
        var page = compliance.Context.Render<Client360Page>(p => p.Add(x => x.ClientId, id));
        page.WaitForElement("[data-testid='action-lift']").Click();
        dialogs.WaitForElement("[data-testid='reason']").Input("Passport renewed");
        dialogs.Find("[data-testid='confirm-action-lift']").Click();
        page.WaitForAssertion(() => Assert.True(
            app.Db(db => System.Threading.Tasks.Task.FromResult(db.PendingOperations.Any(o => o.Summary == $"Lift the restriction of client {id}"))).GetAwaiter().GetResult()),
            TimeSpan.FromSeconds(5));
        Assert.Equal(ClientStatus.Restricted, (await ClientBook.ClientAsync(app, id)).Status);
    }

    [Fact]
    public async Task The_grid_opened_from_a_counter_shows_only_that_status_and_exports_with_the_same_filter()
    {
        var restricted = await ClientBook.InStatusAsync(app, ClientStatus.Restricted);
        var approved = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var number = (await ClientBook.ClientAsync(app, restricted)).Number;
        var other = (await ClientBook.ClientAsync(app, approved)).Number;
        await using var page = await PageTestContext.AsAsync(app, "compliance");

        var navigation = page.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("status", "Restricted"));
        var cut = page.Context.Render<ClientsPage>();

        cut.WaitForElement($"[data-testid='client-{number}']");
        Assert.Empty(cut.FindAll($"[data-testid='client-{other}']"));
        Assert.All(cut.FindAll("tbody .mud-chip"), chip => Assert.Contains("Restricted", chip.TextContent, StringComparison.Ordinal));
        Assert.Equal("/export/clients?status=Restricted", cut.Find("[data-testid='export-clients']").GetAttribute("href"));
    }

    [Fact]
    public async Task A_drift_alert_is_resynced_with_one_click_from_the_alerts_page()
    {
        var (_, account) = await ClientBook.ApprovedWithAccountAsync(app);
        ClientBook.Simulator(app).Drift(account.Login, leverage: 300);
        await BackOffice.Infrastructure.Platform.PlatformReconciliation.RunAsync(app.Scopes,
            app.Services.GetRequiredService<BackOffice.Core.Platform.ITradingPlatform>(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, CancellationToken.None);
        var alert = await app.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Alerts,
            a => a.Kind == BackOffice.Core.Operations.AlertKinds.PlatformDrift && a.EntityId == account.Id.ToString()));
        await using var page = await PageTestContext.AsAsync(app, "risk");

        var cut = page.Context.Render<BackOffice.Web.Features.Operations.AlertsPage>();
        cut.WaitForElement($"[data-testid='resync-alert-{alert.Id}']").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-testid='resync-alert-{alert.Id}']")), TimeSpan.FromSeconds(5));
        await ClientBook.SyncAsync(app);
        Assert.Equal(100, (await ClientBook.Simulator(app).GetAccountAsync(account.Login, CancellationToken.None)).Settings.Leverage);
    }
}
