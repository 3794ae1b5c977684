using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Floor;
using BackOffice.Core.Staff.Access;
using Microsoft.AspNetCore.SignalR;

namespace BackOffice.Web.Hubs;

/// <summary>
/// After commits: recomputes the touched counters and pushes them and new alerts through the
/// hub to each staff member allowed to see them, then the live floor — computed once per round and sent whole to the open
/// floors. Bursts are coalesced: at most one push round every <see cref="MinInterval"/>.
/// </summary>
public sealed class LivePusher(LiveOperations live, IServiceScopeFactory scopes, IHubContext<OperationsHub> hub, TimeProvider clock,
    FloorWatchers floorWatchers, ILogger<LivePusher> log) : BackgroundService
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastPush = DateTimeOffset.MinValue;
        var reader = live.Changes;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                var since = clock.GetUtcNow() - lastPush;
                if (since < MinInterval)
                    await Task.Delay(MinInterval - since, stoppingToken);
                var counters = new HashSet<string>();
                var alerts = new List<Core.Common.RaisedAlert>();
                while (reader.TryRead(out var change))
                {
                    counters.UnionWith(change.Counters);
                    alerts.AddRange(change.Alerts);
                }
                lastPush = clock.GetUtcNow();
                try
                {
                    await PushAsync(counters, alerts, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "Pushing live counters failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task PushAsync(HashSet<string> counters, List<Core.Common.RaisedAlert> alerts, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        var access = scope.ServiceProvider.GetRequiredService<StaffAccess>();
        var audiences = new Dictionary<string, IReadOnlyList<string>>();
        // Who may see it is read now, not when the screen connected: a revoked permission or a
        // disabled member stops receiving at once, on every node (user sends travel the backplane).
        async Task<IReadOnlyList<string>> Audience(string permission) =>
            audiences.TryGetValue(permission, out var staff) ? staff : audiences[permission] = await access.StaffHoldingAsync(permission, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var name in counters)
        {
            if (live.Find(name) is not { } counter) continue;
            var value = await counter.Compute(db, now, ct);
            await hub.Clients.Users(await Audience(counter.Permission)).SendAsync("counter", counter.Name, value, ct);
        }
        foreach (var alert in alerts)
            await hub.Clients.Users(await Audience(alert.Permission))
                .SendAsync("alert", new AlertPush(alert.Id, alert.Kind, alert.Severity, alert.Message), ct);

        // Everything on the floor is a counter's queue, an alert, or money that moved with one: any change moves the floor.
        if (!floorWatchers.Watched || (counters.Count == 0 && alerts.Count == 0)) return;
        var watchers = await Audience(ReportsPermissions.Floor);
        if (watchers.Count == 0) return;
        var board = scope.ServiceProvider.GetRequiredService<FloorBoard>();
        foreach (var (staff, snapshot) in await board.ForStaffAsync(watchers, ct))
            await hub.Clients.Groups([.. staff.Select(OperationsHub.FloorGroup)]).SendAsync("floor", snapshot, ct);
    }
}
