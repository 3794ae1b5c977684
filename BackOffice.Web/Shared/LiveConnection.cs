using BackOffice.Core.Common;
using BackOffice.Core.Operations;
using BackOffice.Core.Reports.Floor;
using BackOffice.Web.Auth;
using BackOffice.Web.Hubs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR.Client;

namespace BackOffice.Web.Shared;

/// <summary>
/// This browser tab's connection to the operations hub (the circuit connects to its own
/// server with the staff member's cookie), and the counters it keeps current.
/// </summary>
public sealed class LiveConnection(NavigationManager navigation, CircuitClient client, IConfiguration configuration, CommandSender sender,
    ILogger<LiveConnection> log) : IAsyncDisposable
{
    private HubConnection? _hub;
    // Written on the hub client's thread, read while the circuit renders: guarded, and read as snapshots.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CounterValue> _counters = [];
    private readonly List<AlertPush> _recentAlerts = [];

    public event Action? CountersChanged;
    public event Action<AlertPush>? AlertReceived;

    /// <summary>The live floor, when this tab shows it: once when it starts watching, then after every change.</summary>
    public event Action<FloorSnapshot>? FloorReceived;

    private volatile bool _watchingFloor;

    public IReadOnlyCollection<CounterValue> Counters
    {
        get
        {
            lock (_gate) return _counters.Values.ToArray();
        }
    }

    public IReadOnlyList<AlertPush> RecentAlerts
    {
        get
        {
            lock (_gate) return _recentAlerts.ToArray();
        }
    }
    public bool Connected => _hub?.State == HubConnectionState.Connected;

    public int? Count(string name)
    {
        lock (_gate) return _counters.TryGetValue(name, out var c) ? c.Value : null;
    }

    public async Task StartAsync()
    {
        if (_hub is not null) return;
        var initial = await sender.QueryAsync(new MyCounters());
        lock (_gate)
            foreach (var c in initial)
                _counters[c.Name] = c;
        CountersChanged?.Invoke();

        var baseUrl = configuration["BackOffice:InternalBaseUrl"] is { Length: > 0 } internalUrl ? internalUrl : navigation.BaseUri;
        _hub = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), OperationsHub.Path.TrimStart('/')), o =>
            {
                if (client.Cookie is { Length: > 0 } cookie)
                    o.Headers["Cookie"] = cookie;
            })
            .WithAutomaticReconnect()
            .Build();
        _hub.On<string, int>("counter", (name, value) =>
        {
            lock (_gate)
                if (_counters.TryGetValue(name, out var c))
                    _counters[name] = c with { Value = value };
            CountersChanged?.Invoke();
        });
        _hub.On<AlertPush>("alert", alert =>
        {
            lock (_gate)
            {
                _recentAlerts.Insert(0, alert);
                if (_recentAlerts.Count > 20) _recentAlerts.RemoveAt(_recentAlerts.Count - 1);
            }
            AlertReceived?.Invoke(alert);
        });
        _hub.On<FloorSnapshot>("floor", ReceiveFloor);
        // A connection that comes back is a new one on the server: it asks for the floor again.
        _hub.Reconnected += _ => _watchingFloor ? AskForFloorAsync() : Task.CompletedTask;
        try
        {
            await _hub.StartAsync();
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Live updates unavailable for this screen");
        }
        if (_watchingFloor && Connected)
            await AskForFloorAsync();
    }

    /// <summary>This tab shows the live floor: the hub sends it now (or as soon as the connection is up) and after every change.</summary>
    public async Task WatchFloorAsync()
    {
        _watchingFloor = true;
        if (Connected)
            await AskForFloorAsync();
    }

    public async Task LeaveFloorAsync()
    {
        _watchingFloor = false;
        if (Connected)
        {
            try
            {
                await _hub!.InvokeAsync("LeaveFloor");
            }
            catch (Exception ex)
            {
                log.LogWarning(ex, "Leaving the live floor failed");
            }
        }
    }

    private async Task AskForFloorAsync()
    {
        try
        {
            ReceiveFloor(await _hub!.InvokeAsync<FloorSnapshot>("WatchFloor"));
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "The live floor is not pushed to this screen");
        }
    }

    internal void ReceiveFloor(FloorSnapshot floor)
    {
        if (_watchingFloor)
            FloorReceived?.Invoke(floor);
    }

    public async ValueTask DisposeAsync()
    {
        if (_hub is not null)
            await _hub.DisposeAsync();
    }
}
