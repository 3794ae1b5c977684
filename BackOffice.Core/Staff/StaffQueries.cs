using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Common.Pipeline;
using BackOffice.Core.Staff.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff;

public sealed record StaffRow(string Id, string UserName, string DisplayName, string? Email, bool Disabled, bool TwoFactorEnabled,
    bool LockedOut, IReadOnlyList<string> Roles, DateTime? LastSignIn);

[RequiresPermission(StaffPermissions.ManageStaff)]
public sealed record StaffList : IBackOfficeQuery<IReadOnlyList<StaffRow>>;

public sealed class StaffListHandler(BackOfficeDb db, TimeProvider clock) : IQueryHandler<StaffList, IReadOnlyList<StaffRow>>
{
    public async ValueTask<IReadOnlyList<StaffRow>> Handle(StaffList query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ToListAsync(ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct);
        var lastSignIn = await db.LoginEvents.Where(e => e.Kind == LoginEventKind.Success && e.StaffId != null)
            .GroupBy(e => e.StaffId).Select(g => new { StaffId = g.Key!, At = g.Max(e => e.At) }).ToListAsync(ct);
        return users.Select(u => new StaffRow(u.Id, u.UserName!, u.DisplayName, u.Email, u.Disabled, u.TwoFactorEnabled,
            u.LockoutEnd is { } end && end > now,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
            lastSignIn.FirstOrDefault(l => l.StaffId == u.Id)?.At)).ToList();
    }
}

public sealed record RoleRow(string Id, string Name, string Description, bool RequiresTwoFactor, IReadOnlySet<string> Permissions, int Members);

/// <summary>The role → permission matrix as it stands.</summary>
[RequiresPermission(StaffPermissions.RequestRoleChange)]
public sealed record RoleMatrix : IBackOfficeQuery<IReadOnlyList<RoleRow>>;

public sealed class RoleMatrixHandler(BackOfficeDb db) : IQueryHandler<RoleMatrix, IReadOnlyList<RoleRow>>
{
    public async ValueTask<IReadOnlyList<RoleRow>> Handle(RoleMatrix query, CancellationToken ct)
    {
        var roles = await db.Roles.AsNoTracking().ToListAsync(ct);
        var permissions = await db.RolePermissions.AsNoTracking().ToListAsync(ct);
        var members = await db.UserRoles.AsNoTracking().GroupBy(r => r.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var order = DefaultRoles.All.Select(b => b.Name).ToList();
        return roles.OrderBy(r => order.IndexOf(r.Name!) is var i && i < 0 ? int.MaxValue : i).ThenBy(r => r.Name)
            .Select(r => new RoleRow(r.Id, r.Name!, r.Description, r.RequiresTwoFactor,
                permissions.Where(p => p.RoleId == r.Id).Select(p => p.Permission).ToHashSet(),
                members.FirstOrDefault(m => m.Key == r.Id)?.Count ?? 0)).ToList();
    }
}

public sealed record MyAccessInfo(string StaffId, string UserName, string DisplayName, IReadOnlySet<string> Permissions, IReadOnlyList<string> Roles,
    bool TwoFactorEnabled, bool TwoFactorRequired, string TimeZone, bool DarkMode);

/// <summary>Who I am and what I may do: drives the navigation and the two-factor enrolment requirement.</summary>
[RequiresPermission(Permissions.SignedIn)]
public sealed record MyAccess : IBackOfficeQuery<MyAccessInfo>;

public sealed class MyAccessHandler(BackOfficeDb db, CommandContext context, StaffAccess access) : IQueryHandler<MyAccess, MyAccessInfo>
{
    public async ValueTask<MyAccessInfo> Handle(MyAccess query, CancellationToken ct)
    {
        var id = context.Actor.StaffId!;
        var me = await db.Users.AsNoTracking().FirstAsync(u => u.Id == id, ct);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == id select r).AsNoTracking().ToListAsync(ct);
        var permissions = await access.GetPermissionsAsync(id, ct) ?? new HashSet<string>();
        return new MyAccessInfo(id, me.UserName!, me.DisplayName, permissions, roles.Select(r => r.Name!).ToList(),
            me.TwoFactorEnabled, roles.Any(r => r.RequiresTwoFactor), me.TimeZone, me.DarkMode);
    }
}

public sealed record LoginEventRow(DateTime At, string UserName, LoginEventKind Kind, string? Ip, string? UserAgent);

[RequiresPermission(StaffPermissions.ViewSecurity)]
public sealed record LoginEvents(int Take = 200) : IBackOfficeQuery<IReadOnlyList<LoginEventRow>>;

public sealed class LoginEventsHandler(BackOfficeDb db) : IQueryHandler<LoginEvents, IReadOnlyList<LoginEventRow>>
{
    public async ValueTask<IReadOnlyList<LoginEventRow>> Handle(LoginEvents query, CancellationToken ct) =>
        await db.LoginEvents.AsNoTracking().OrderByDescending(e => e.At).Take(query.Take)
            .Select(e => new LoginEventRow(e.At, e.UserName, e.Kind, e.Ip, e.UserAgent)).ToListAsync(ct);
}
