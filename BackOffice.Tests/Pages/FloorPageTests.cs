using BackOffice.Core.Operations;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Floor;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Roles;
using BackOffice.Web.Features.Reports.Floor;
using BackOffice.Web.Shared;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BackOffice.Tests.Pages;

[Trait("Category", "Database")]
public sealed class FloorPageTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Task<PageTestContext> AsAsync(string user) =>
        PageTestContext.AsAsync(app, user, s => s.AddSingleton(app.Services.GetRequiredService<IOptions<ReportsOptions>>()));

    private static string Count(IRenderedComponent<FloorPage> page, string queue) =>
        page.Find($"[data-testid='floor-count-{queue}']").TextContent.Trim();

    private async Task RequestRoleChangeAsync(string permission)
    {
        var role = await app.Db(db => db.Roles.FirstAsync(r => r.Name == DefaultRoles.Support));
        var result = await app.SendAs("admin", new ChangeRolePermissions(role.Id, role.Name!, [permission], [], "for the floor page test"));
        Assert.True(result.IsPendingApproval, result.ToString());
    }

    [Fact]
    public async Task The_floor_shows_every_queue_takes_each_pushed_floor_at_once_and_reads_itself_again_as_time_passes()
    {
        await using var manager = await AsAsync("manager");
        var page = manager.Context.Render<FloorPage>();
        page.WaitForElement($"[data-testid='floor-queue-{Core.Funds.Withdrawals.WithdrawalCounters.PendingL1}']");
        var before = int.Parse(Count(page, SpineCounters.PendingOperations));
        Assert.NotEmpty(page.FindAll("[data-testid='floor-money']"));
        Assert.NotEmpty(page.FindAll("[data-testid='floor-alerts']"));
        Assert.Equal("connecting", page.Find("[data-testid='floor-live']").TextContent.Trim());

        // A floor pushed through the hub replaces the one on screen at once, and says the screen is live.
        var pushed = await app.QueryAs("manager", new LiveFloor());
        var live = manager.Context.Services.GetRequiredService<LiveConnection>();
        live.ReceiveFloor(pushed with
        {
            Queues = [.. pushed.Queues.Select(q => q.Name == SpineCounters.PendingOperations ? q with { Count = 41, Breached = 3 } : q)],
        });
        page.WaitForAssertion(() => Assert.Equal("41", Count(page, SpineCounters.PendingOperations)));
        Assert.Equal("3", page.Find($"[data-testid='floor-breached-{SpineCounters.PendingOperations}']").TextContent.Trim());
        Assert.Equal("live", page.Find("[data-testid='floor-live']").TextContent.Trim());

        // With nothing pushed, the floor reads itself again after Reports:Floor:RefreshSeconds.
        await RequestRoleChangeAsync(StaffPermissions.ExportReports);
        app.Clock.Advance(TimeSpan.FromSeconds(app.Services.GetRequiredService<IOptions<ReportsOptions>>().Value.Floor.RefreshSeconds));
        page.WaitForAssertion(() => Assert.Equal((before + 1).ToString(), Count(page, SpineCounters.PendingOperations)));
    }

    [Fact]
    public async Task The_wall_turns_its_panels_one_after_another()
    {
        await using var manager = await AsAsync("manager");
        manager.Context.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/reports/floor?wall=1");
        var page = manager.Context.Render<FloorPage>();
        var panel = () => page.Find("[data-testid='floor-wall-panel']").GetAttribute("data-panel");
        page.WaitForAssertion(() => Assert.Equal("queues:" + FloorBoard.Compliance, panel()));
        Assert.NotEmpty(page.FindAll("[data-testid='floor-headline']"));
        Assert.Empty(page.FindAll("[data-testid='floor-wall-mode']"));

        var turn = TimeSpan.FromSeconds(app.Services.GetRequiredService<IOptions<ReportsOptions>>().Value.Floor.WallRotateSeconds);
        var seen = new List<string?> { panel() };
        for (var i = 0; i < 7; i++)
        {
            var shown = panel();
            app.Clock.Advance(turn);
            page.WaitForAssertion(() => Assert.NotEqual(shown, panel()));
            seen.Add(panel());
        }
        Assert.Equal(["queues:Compliance", "queues:Funds", "queues:Partners", "queues:Operations", "money", "ages", "four-eyes", "alerts"], seen);
        app.Clock.Advance(turn);
        page.WaitForAssertion(() => Assert.Equal("queues:Compliance", panel()));
    }
}
