using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff.Access;

/// <summary>Reads what a staff member may do, from the role → permission matrix as it is now.</summary>
public sealed class StaffAccess(BackOfficeDb db, AccessCache? cache = null)
{
    /// <summary>The permissions held (none until a required two-factor enrolment is done), or null when the staff member does not exist or is disabled.</summary>
    public async Task<IReadOnlySet<string>?> GetPermissionsAsync(string staffId, CancellationToken ct = default)
    {
        if (cache is null) return await ReadAsync(staffId, ct);
        if (cache.TryGet(staffId, out var known)) return known;
        var generation = AccessCache.Generation;
        var permissions = await ReadAsync(staffId, ct);
        cache.Set(staffId, generation, permissions);
        return permissions;
    }

    private async Task<IReadOnlySet<string>?> ReadAsync(string staffId, CancellationToken ct)
    {
        // One round trip: every (role, permission) of the member, with the facts the two-factor rule needs.
        var rows = new List<Grant>();
        await foreach (var row in GrantsOf(db, staffId).WithCancellation(ct))
            rows.Add(row);
        if (rows.Count == 0)
            return null;
        // A role that requires two-factor grants nothing until the member has enrolled.
        if (!rows[0].TwoFactorEnabled && rows.Any(r => r.RequiresTwoFactor))
            return new HashSet<string>();
        return rows.Where(r => r.Permission is not null).Select(r => r.Permission!).ToHashSet();
    }

    private sealed record Grant(bool TwoFactorEnabled, bool RequiresTwoFactor, string? Permission);

    // Runs before every staff command: compiled once rather than translated from LINQ each time.
    private static readonly Func<BackOfficeDb, string, IAsyncEnumerable<Grant>> GrantsOf = EF.CompileAsyncQuery(
        (BackOfficeDb db, string staffId) =>
            from u in db.Users.AsNoTracking()
            where u.Id == staffId && !u.Disabled
            from ur in db.UserRoles.Where(x => x.UserId == u.Id).DefaultIfEmpty()
            from r in db.Roles.Where(x => ur != null && x.Id == ur.RoleId).DefaultIfEmpty()
            from rp in db.RolePermissions.Where(x => r != null && x.RoleId == r.Id).DefaultIfEmpty()
            select new Grant(u.TwoFactorEnabled, r != null && r.RequiresTwoFactor, rp != null ? rp.Permission : null));

    public async Task<IReadOnlyList<string>> StaffHoldingAsync(string permission, CancellationToken ct = default) =>
        await (
            from ur in db.UserRoles.AsNoTracking()
            join rp in db.RolePermissions.AsNoTracking() on ur.RoleId equals rp.RoleId
            join u in db.Users.AsNoTracking() on ur.UserId equals u.Id
            where rp.Permission == permission && !u.Disabled
                  && (u.TwoFactorEnabled || !db.UserRoles.Any(x => x.UserId == u.Id && db.Roles.Any(r => r.Id == x.RoleId && r.RequiresTwoFactor)))
            select u.Id).Distinct().ToListAsync(ct);
}
