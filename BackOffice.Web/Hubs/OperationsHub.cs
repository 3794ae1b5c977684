using System.Security.Claims;
using BackOffice.Core.Staff.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace BackOffice.Web.Hubs;

/// <summary>
/// Live counters and alerts, sent to staff members by id (the cookie's name identifier): the
/// pusher decides, at each push, who may see what. Connections of unknown or disabled staff are
/// refused. With Redis configured, sends reach connections on every web node.
/// </summary>
[Authorize]
public sealed class OperationsHub(StaffAccess access) : Hub
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
}

public sealed record AlertPush(Guid Id, string Kind, string Severity, string Message);
