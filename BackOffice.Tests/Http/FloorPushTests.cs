using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BackOffice.Core.Operations;
using BackOffice.Core.Reports.Floor;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Roles;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Http;

[Trait("Category", "Database")]
public sealed class FloorPushTests(LiveApp app) : IClassFixture<LiveApp>
{
    private async Task<(HubConnection Hub, ConcurrentQueue<(FloorSnapshot Floor, long At)> Floors)> ConnectAsync(string user)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        Assert.Equal("/", (await SignIn.AsAsync(client, app, user)).Headers.Location!.ToString());
        var floors = new ConcurrentQueue<(FloorSnapshot, long)>();
        var hub = new HubConnectionBuilder().WithUrl(new Uri(app.BaseAddress, "hubs/operations"), o => o.Cookies = cookies).Build();
        hub.On<FloorSnapshot>("floor", floor => floors.Enqueue((floor, Stopwatch.GetTimestamp())));
        await hub.StartAsync();
        return (hub, floors);
    }

    [Fact]
    public async Task A_watching_floor_gets_the_floor_at_once_and_again_after_each_commit_and_others_are_refused_it()
    {
        var (manager, floors) = await ConnectAsync("manager");
        var (support, supportFloors) = await ConnectAsync("support");
        await using var _ = manager;
        await using var __ = support;

        var first = await manager.InvokeAsync<FloorSnapshot>("WatchFloor");
        var waiting = first.Queue(SpineCounters.PendingOperations)!.Count;
        var refused = await Assert.ThrowsAsync<HubException>(() => support.InvokeAsync<FloorSnapshot>("WatchFloor"));
        Assert.Contains("does not include the live floor", refused.Message);

        var role = await app.Db(db => db.Roles.FirstAsync(r => r.Name == DefaultRoles.Risk));
        var committed = Stopwatch.GetTimestamp();
        Assert.True((await app.SendAs("admin", new ChangeRolePermissions(role.Id, role.Name!, [StaffPermissions.ExportReports], [], "floor push"))).IsPendingApproval);

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3;
        while (!floors.Any(f => f.Floor.Queue(SpineCounters.PendingOperations)!.Count == waiting + 1) && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(10);
        var pushed = Assert.Single(floors, f => f.Floor.Queue(SpineCounters.PendingOperations)!.Count == waiting + 1);
        // Generous for a loaded two-core machine: the push benchmark (docs/benchmarks.md) measures the real latency.
        Assert.True(Stopwatch.GetElapsedTime(committed, pushed.At) < TimeSpan.FromSeconds(2), $"pushed after {Stopwatch.GetElapsedTime(committed, pushed.At)}");
        Assert.Contains(pushed.Floor.FourEyes, f => f.Operation == "Change role permissions");
        Assert.Empty(supportFloors);

        // A screen that leaves the floor gets no more of it.
        await manager.InvokeAsync("LeaveFloor");
        var count = floors.Count;
        Assert.True((await app.SendAs("admin", new ChangeRolePermissions(role.Id, role.Name!, [StaffPermissions.ViewAudit], [], "after leaving"))).IsPendingApproval);
        await Task.Delay(800); // more than the pusher's coalescing interval
        Assert.Equal(count, floors.Count);
    }
}
