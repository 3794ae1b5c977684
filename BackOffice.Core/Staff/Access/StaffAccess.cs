using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff.Access;

/// <summary>Reads what a staff member may do, from the role → permission matrix as it is now.</summary>
public sealed class StaffAccess(BackOfficeDb db)
{
    /// <summary>The permissions held (none until a required two-factor enrolment is done), or null when the staff member does not exist or is disabled.</summary>
    public async Task<IReadOnlySet<string>?> GetPermissionsAsync(string staffId, CancellationToken ct = default)
    {
        var member = await db.Users.AsNoTracking().Where(u => u.Id == staffId && !u.Disabled)
            .Select(u => new { u.TwoFactorEnabled }).FirstOrDefaultAsync(ct);
        if (member is null)
            return null;
        // A role that requires two-factor grants nothing until the member has enrolled.
        if (!member.TwoFactorEnabled && await (
                from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                where ur.UserId == staffId && r.RequiresTwoFactor select r.Id).AnyAsync(ct))
            return new HashSet<string>();
        var codes = await (
            from ur in db.UserRoles.AsNoTracking()
            join rp in db.RolePermissions.AsNoTracking() on ur.RoleId equals rp.RoleId
            where ur.UserId == staffId
            select rp.Permission).Distinct().ToListAsync(ct);
        return codes.ToHashSet();
    }

    public async Task<IReadOnlyList<string>> StaffHoldingAsync(string permission, CancellationToken ct = default) =>
        await (
            from ur in db.UserRoles.AsNoTracking()
            join rp in db.RolePermissions.AsNoTracking() on ur.RoleId equals rp.RoleId
            join u in db.Users.AsNoTracking() on ur.UserId equals u.Id
            where rp.Permission == permission && !u.Disabled
            select u.Id).Distinct().ToListAsync(ct);
}
