using System.Security.Claims;
using BackOffice.Core.Staff.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BackOffice.Web.Hubs;

/// <summary>
/// Live counters and alerts. A connection joins one group per permission its staff member
/// holds; a counter or alert is sent to the group of the permission that may see it. With
/// Redis configured, group sends reach connections on every web node.
/// </summary>
[Authorize]
public sealed class OperationsHub(StaffAccess access) : Hub
{
    public const string Path = "/hubs/operations";

    public static string GroupFor(string permission) => "perm:" + permission;

    public override async Task OnConnectedAsync()
    {
        var staffId = Context.User?.FindFirstValue(ClaimTypes.NameIdentifier);
        var permissions = staffId is null ? null : await access.GetPermissionsAsync(staffId);
        if (permissions is null)
        {
            Context.Abort();
            return;
        }
        foreach (var permission in permissions)
            await Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(permission));
        await base.OnConnectedAsync();
    }
}

public sealed record AlertPush(Guid Id, string Kind, string Severity, string Message);
