using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Edd;

public sealed record EddRow(long EddCaseId, long ClientId, long Number, string Name, ClientStatus Status, Risk.RiskLevel? RiskLevel, DateTime OpenedAt,
    string Reasons, int ItemsDone);

/// <summary>Enhanced due diligence still open, oldest first.</summary>
[RequiresPermission(KycPermissions.View)]
public sealed record EddQueue(int Take = 200) : IBackOfficeQuery<IReadOnlyList<EddRow>>;

public sealed class EddQueueHandler(BackOfficeDb db) : IQueryHandler<EddQueue, IReadOnlyList<EddRow>>
{
    public async ValueTask<IReadOnlyList<EddRow>> Handle(EddQueue query, CancellationToken ct) =>
        await (from e in db.EddCases.AsNoTracking()
               join c in db.Clients.AsNoTracking() on e.ClientId equals c.Id
               join k in db.KycCases.AsNoTracking() on e.ClientId equals k.ClientId into risk
               from k in risk.DefaultIfEmpty()
               where e.Status == EddStatus.Open
               orderby e.OpenedAt
               select new EddRow(e.Id, c.Id, c.Number, c.DisplayName, c.Status, k == null ? null : k.RiskLevel, e.OpenedAt, e.Reasons,
                   (e.SourceOfWealthEvidence ? 1 : 0) + (e.SourceOfFundsEvidence ? 1 : 0) + (e.SeniorManagementApproval ? 1 : 0) + (e.EnhancedMonitoring ? 1 : 0)))
            .Take(Math.Clamp(query.Take, 1, 1000)).ToListAsync(ct);
}
