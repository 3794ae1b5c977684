using BackOffice.Core.Common;
using Mediator;

namespace BackOffice.Core.Reports.Floor;

/// <summary>
/// The live floor as the signed-in staff member sees it now: read when a floor opens, and again every
/// <c>Reports:Floor:RefreshSeconds</c> so waiting items age on screen; changes in between are pushed.
/// </summary>
[RequiresPermission(ReportsPermissions.Floor)]
public sealed record LiveFloor : IBackOfficeQuery<FloorSnapshot>;

public sealed class LiveFloorHandler(FloorBoard board, CommandContext context) : IQueryHandler<LiveFloor, FloorSnapshot>
{
    public async ValueTask<FloorSnapshot> Handle(LiveFloor query, CancellationToken ct)
    {
        var mine = await board.ForStaffAsync([context.Actor.StaffId!], ct);
        return mine.Single().Snapshot;
    }
}
