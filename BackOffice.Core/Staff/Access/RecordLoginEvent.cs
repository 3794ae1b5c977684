using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Staff.Access;

public sealed class LoginMonitoringOptions
{
    /// <summary>Failures for one user name within the window that raise an alert.</summary>
    public int FailureBurst { get; set; } = 5;

    public int WindowMinutes { get; set; } = 10;
}

/// <summary>Stores a sign-in event; a burst of failures or a sign-in from a new address raises a security alert.</summary>
[SystemCommand]
public sealed record RecordLoginEvent(string? StaffId, string UserName, LoginEventKind Kind, string? Ip, string? UserAgent)
    : IBackOfficeCommand<Result>;

public sealed class RecordLoginEventHandler(BackOfficeDb db, Effects effects, TimeProvider clock, IOptions<LoginMonitoringOptions> options)
    : ICommandHandler<RecordLoginEvent, Result>
{
    public async ValueTask<Result> Handle(RecordLoginEvent command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = now.AddMinutes(-options.Value.WindowMinutes);
        var userName = command.UserName.Length > 256 ? command.UserName[..256] : command.UserName;
        db.LoginEvents.Add(new LoginEvent
        {
            At = now, StaffId = command.StaffId, UserName = userName, Kind = command.Kind, Ip = command.Ip,
            UserAgent = command.UserAgent is { Length: > 512 } ua ? ua[..512] : command.UserAgent,
        });
        effects.About("LoginEvent", userName);

        if (command.Kind is LoginEventKind.Failure or LoginEventKind.TwoFactorFailure or LoginEventKind.LockedOut)
        {
            var failures = await db.LoginEvents.CountAsync(e => e.UserName == userName && e.At >= window &&
                (e.Kind == LoginEventKind.Failure || e.Kind == LoginEventKind.TwoFactorFailure || e.Kind == LoginEventKind.LockedOut), ct) + 1;
            var alreadyAlerted = await db.Alerts.AnyAsync(a => a.Kind == AlertKinds.LoginBurst && a.EntityId == userName && a.RaisedAt >= window, ct);
            if (failures >= options.Value.FailureBurst && !alreadyAlerted)
                AlertKinds.Raise(db, effects, now, AlertKinds.LoginBurst, AlertSeverity.Warning,
                    $"{failures} failed sign-ins for '{userName}' in {options.Value.WindowMinutes} minutes (last from {command.Ip}).", "Staff", userName);
        }
        else if (command.Kind == LoginEventKind.Success && command.StaffId is not null && command.Ip is not null)
        {
            var known = await db.LoginEvents.Where(e => e.StaffId == command.StaffId && e.Kind == LoginEventKind.Success)
                .Select(e => e.Ip).Distinct().ToListAsync(ct);
            if (known.Count > 0 && !known.Contains(command.Ip))
            {
                db.LoginEvents.Add(new LoginEvent { At = now, StaffId = command.StaffId, UserName = userName, Kind = LoginEventKind.NewIp, Ip = command.Ip, UserAgent = command.UserAgent });
                AlertKinds.Raise(db, effects, now, AlertKinds.NewIpLogin, AlertSeverity.Info,
                    $"{userName} signed in from a new address {command.Ip}.", "Staff", command.StaffId);
            }
        }
        return Result.Ok();
    }
}
