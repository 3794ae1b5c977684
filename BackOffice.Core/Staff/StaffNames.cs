using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff;

public static class StaffNames
{
    /// <summary>The name colleagues know the actor by ("Chris Compliance"), for records people read; the user name otherwise.</summary>
    public static async Task<string> DisplayNameAsync(BackOfficeDb db, Actor actor, CancellationToken ct) =>
        actor.StaffId is { } id
            ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? actor.Name
            : actor.Name;
}
