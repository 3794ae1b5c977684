using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Roles;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Http;

public sealed class LiveApp() : TestApp(kestrel: true);

[Trait("Category", "Database")]
public sealed class OperationsHubTests : IClassFixture<LiveApp>
{
    private readonly LiveApp _app;

    public OperationsHubTests(LiveApp app) => _app = app;

    private async Task<(HubConnection Hub, ConcurrentQueue<(string Name, int Value, long At)> Counters)> ConnectAsync(string user)
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = _app.BaseAddress };
        var signedIn = await SignIn.AsAsync(client, _app, user);
        Assert.Equal("/", signedIn.Headers.Location!.ToString());
        var received = new ConcurrentQueue<(string, int, long)>();
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.BaseAddress, "hubs/operations"), o => o.Cookies = cookies)
            .Build();
        hub.On<string, int>("counter", (name, value) => received.Enqueue((name, value, Stopwatch.GetTimestamp())));
        await hub.StartAsync();
        return (hub, received);
    }

    [Fact]
    public async Task Anonymous_connections_are_refused()
    {
        using var client = new HttpClient { BaseAddress = _app.BaseAddress };
        var negotiate = await client.PostAsync("hubs/operations/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.Unauthorized, negotiate.StatusCode);

        var hub = new HubConnectionBuilder().WithUrl(new Uri(_app.BaseAddress, "hubs/operations")).Build();
        await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());
    }

    [Fact]
    public async Task Each_client_receives_only_the_counters_its_permissions_cover_within_a_second()
    {
        var (compliance, complianceCounters) = await ConnectAsync("compliance"); // sees pending approvals
        var (support, supportCounters) = await ConnectAsync("support");          // sees no counter
        await using var _ = compliance;
        await using var __ = support;

        var role = await _app.Db(db => db.Roles.FirstAsync(r => r.Name == DefaultRoles.Risk));
        var committed = Stopwatch.GetTimestamp();
        var result = await _app.SendAs("admin", new ChangeRolePermissions(role.Id, role.Name!, [], [OperationsPermissions.ViewAlerts], "narrow it"));
        Must.Succeed(result);
        var expected = await _app.Db(db => db.PendingOperations.CountAsync(o => o.Status == Core.Staff.FourEyes.PendingOperationStatus.Pending));

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3;
        while (!complianceCounters.Any(c => c.Name == SpineCounters.PendingOperations && c.Value == expected) && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(10);
        var push = Assert.Single(complianceCounters, c => c.Name == SpineCounters.PendingOperations && c.Value == expected);
        Assert.True(Stopwatch.GetElapsedTime(committed, push.At) < TimeSpan.FromSeconds(1), $"pushed after {Stopwatch.GetElapsedTime(committed, push.At)}");
        await Task.Delay(300); // give a wrong push the chance to arrive
        Assert.Empty(supportCounters);
        Assert.DoesNotContain(complianceCounters, c => c.Name == SpineCounters.DeadLetters);
    }

    [Fact]
    public async Task A_screen_stops_receiving_a_counter_as_soon_as_its_permission_is_revoked()
    {
        var (manager, counters) = await ConnectAsync("manager"); // Manager sees pending approvals
        await using var _ = manager;
        var role = await _app.Db(db => db.Roles.FirstAsync(r => r.Name == DefaultRoles.Manager));
        await using (var scope = _app.Scopes.CreateAsyncScope())
        {
            // The revocation itself (already approved): Manager no longer sees pending approvals.
            var db = scope.ServiceProvider.GetRequiredService<Core.Common.Data.BackOfficeDb>();
            db.RolePermissions.Remove(await db.RolePermissions.FirstAsync(p => p.RoleId == role.Id && p.Permission == OperationsPermissions.ViewPendingOperations));
            await db.SaveChangesAsync();
        }
        var support = await _app.Db(db => db.Roles.FirstAsync(r => r.Name == DefaultRoles.Support));
        Must.Succeed(await _app.SendAs("admin", new ChangeRolePermissions(support.Id, support.Name!, [StaffPermissions.ExportReports], [], "after revocation")));
        await Task.Delay(800); // more than the pusher's coalescing interval
        Assert.DoesNotContain(counters, c => c.Name == SpineCounters.PendingOperations);
    }
}
