using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff.Access;

/// <summary>
/// Someone must always be able to administer roles, and every role change needs a second
/// administrator to approve it. A change that would leave no enabled holder of
/// <c>admin.roles</c>, or fewer than two enabled approvers (when there were two), is refused.
/// Checked after the change is saved inside the command's transaction, so a refusal rolls it back.
/// </summary>
public static class AdministratorGuard
{
    /// <summary>Enabled staff who can approve role changes (and have enrolled two-factor where their role requires it).</summary>
    public static async Task<int> ApproversAsync(BackOfficeDb db, CancellationToken ct) =>
        (await new StaffAccess(db).StaffHoldingAsync(StaffPermissions.ApproveRoleChange, ct)).Count;

    public static async Task<Error?> CheckAsync(BackOfficeDb db, int approversBefore, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        var administrators = (await new StaffAccess(db).StaffHoldingAsync(StaffPermissions.RequestRoleChange, ct)).Count;
        if (administrators == 0)
            return Error.Rule("staff.last_administrator", "This would leave no enabled administrator who can manage roles; it was refused.");
        if (await ApproversAsync(db, ct) < Math.Min(2, approversBefore))
            return Error.Rule("staff.too_few_approvers",
                "This would leave fewer than two administrators able to approve role changes, so no role change could be approved any more. Appoint another administrator first.");
        return null;
    }
}
