using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff.FourEyes;

public enum PendingOperationView
{
    WaitingForMe,
    MadeByMe,
    History,
}

public sealed record PendingOperationRow(Guid Id, string Summary, string? Reason, string MakerName, DateTime CreatedAt, DateTime ExpiresAt,
    PendingOperationStatus Status, string? DecidedByName, DateTime? DecidedAt, string? DecisionNote, bool CanDecide, bool CanCancel);

[RequiresPermission(OperationsPermissions.ViewPendingOperations)]
public sealed record PendingOperations(PendingOperationView View) : IBackOfficeQuery<IReadOnlyList<PendingOperationRow>>;

public sealed class PendingOperationsHandler(BackOfficeDb db, CommandContext context, StaffAccess access, TimeProvider clock)
    : IQueryHandler<PendingOperations, IReadOnlyList<PendingOperationRow>>
{
    public async ValueTask<IReadOnlyList<PendingOperationRow>> Handle(PendingOperations query, CancellationToken ct)
    {
        var me = context.Actor.StaffId;
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = me is null ? new HashSet<string>() : (await access.GetPermissionsAsync(me, ct))?.ToHashSet() ?? [];
        var rows = db.PendingOperations.AsNoTracking();
        rows = query.View switch
        {
            PendingOperationView.WaitingForMe => rows.Where(o => o.Status == PendingOperationStatus.Pending && o.ExpiresAt > now && o.MakerId != me),
            PendingOperationView.MadeByMe => rows.Where(o => o.MakerId == me),
            _ => rows.Where(o => o.Status != PendingOperationStatus.Pending || o.ExpiresAt <= now),
        };
        var list = await rows.OrderByDescending(o => o.CreatedAt).Take(500).ToListAsync(ct);
        if (query.View == PendingOperationView.WaitingForMe)
            list = list.Where(o => mine.Contains(o.CheckerPermission)).ToList();
        return list.Select(o =>
        {
            var live = o.Status == PendingOperationStatus.Pending && o.ExpiresAt > now;
            return new PendingOperationRow(o.Id, o.Summary, o.Reason, o.MakerName, o.CreatedAt, o.ExpiresAt,
                live || o.Status != PendingOperationStatus.Pending ? o.Status : PendingOperationStatus.Expired,
                o.DecidedByName, o.DecidedAt, o.DecisionNote,
                live && o.MakerId != me && mine.Contains(o.CheckerPermission) && mine.Contains(OperationsPermissions.DecidePendingOperations),
                live && o.MakerId == me);
        }).ToList();
    }
}
