using System.Collections.Concurrent;
using System.Security.Claims;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Floor;
using BackOffice.Core.Staff.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;

namespace BackOffice.Web.Hubs;

/// <summary>
/// Live counters and alerts, sent to staff members by id (the cookie's name identifier): the
/// pusher decides, at each push, who may see what. Connections of unknown or disabled staff are
/// refused. With Redis configured, sends reach connections on every web node.
/// </summary>
[Authorize]
public sealed class OperationsHub(StaffAccess access, FloorWatchers floorWatchers) : Hub
{
    public const string Path = "/hubs/operations";

    public override async Task OnConnectedAsync()
    {
        var staffId = Context.User?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (staffId is null || await access.GetPermissionsAsync(staffId) is null)
        {
            Context.Abort();
            return;
        }
        await base.OnConnectedAsync();
    }

    /// <summary>
    /// This connection shows the live floor: it gets the floor now, and every floor pushed after a commit while it stays and its
    /// staff member keeps the permission.
    /// </summary>
    public async Task<FloorSnapshot> WatchFloor([FromServices] FloorBoard board)
    {
        var staffId = Context.User?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (staffId is null || (await access.GetPermissionsAsync(staffId))?.Contains(ReportsPermissions.Floor) != true)
            throw new HubException("Your role does not include the live floor.");
        floorWatchers.Watch(Context.ConnectionId);
        await Groups.AddToGroupAsync(Context.ConnectionId, FloorGroup(staffId));
        return (await board.ForStaffAsync([staffId], Context.ConnectionAborted)).Single().Snapshot;
    }

    public async Task LeaveFloor()
    {
        floorWatchers.Leave(Context.ConnectionId);
        if (Context.User?.FindFirstValue(ClaimTypes.NameIdentifier) is { } staffId)
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, FloorGroup(staffId));
    }

    /// <summary>A staff member's connections that show the floor (groups span web nodes through the backplane).</summary>
    public static string FloorGroup(string staffId) => "floor:" + staffId;

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        floorWatchers.Leave(Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary>
/// The connections of this node that show the live floor: the floor is computed after a commit only while one does. With a
/// backplane, screens on other nodes cannot be counted here, so the floor is always computed.
/// </summary>
public sealed class FloorWatchers(IConfiguration configuration)
{
    private readonly ConcurrentDictionary<string, byte> _connections = new();
    private readonly bool _backplane = !string.IsNullOrWhiteSpace(configuration["Redis:ConnectionString"]);

    public bool Watched => _backplane || !_connections.IsEmpty;

    public void Watch(string connectionId) => _connections[connectionId] = 0;

    public void Leave(string connectionId) => _connections.TryRemove(connectionId, out _);
}

public sealed record AlertPush(Guid Id, string Kind, string Severity, string Message);
