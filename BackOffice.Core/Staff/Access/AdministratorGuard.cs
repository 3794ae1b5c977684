using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff.Access;

/// <summary>
/// Someone must always be able to administer roles: a change that would leave no enabled
/// staff member holding <c>admin.roles</c> is refused. Checked after the change is saved
/// inside the command's transaction, so the refusal rolls it back.
/// </summary>
public static class AdministratorGuard
{
    public static async Task<Error?> CheckAsync(BackOfficeDb db, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var remaining = await (
            from ur in db.UserRoles
            join rp in db.RolePermissions on ur.RoleId equals rp.RoleId
            join u in db.Users on ur.UserId equals u.Id
            where rp.Permission == StaffPermissions.RequestRoleChange && !u.Disabled
            select u.Id).Distinct().CountAsync(ct);
        return remaining > 0
            ? null
            : Error.Rule("staff.last_administrator", "This would leave no enabled administrator who can manage roles; it was refused.");
    }
}
