using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using Microsoft.AspNetCore.SignalR;

namespace BackOffice.Web.Hubs;

/// <summary>
/// After commits: recomputes the touched counters and pushes them and new alerts through the
/// hub. Bursts are coalesced: at most one push round every <see cref="MinInterval"/>.
/// </summary>
public sealed class LivePusher(LiveOperations live, IServiceScopeFactory scopes, IHubContext<OperationsHub> hub, TimeProvider clock,
    ILogger<LivePusher> log) : BackgroundService
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
        if (counters.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var name in counters)
            {
                if (live.Find(name) is not { } counter) continue;
                var value = await counter.Compute(db, now, ct);
                await hub.Clients.Group(OperationsHub.GroupFor(counter.Permission)).SendAsync("counter", counter.Name, value, ct);
            }
        }
        foreach (var alert in alerts)
            await hub.Clients.Group(OperationsHub.GroupFor(alert.Permission))
                .SendAsync("alert", new AlertPush(alert.Id, alert.Kind, alert.Severity, alert.Message), ct);
    }
}
