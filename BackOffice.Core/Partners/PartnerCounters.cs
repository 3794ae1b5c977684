using BackOffice.Core.Operations;
using BackOffice.Core.Partners.Commissions;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners;

public static class PartnerCounters
{
    public const string RunsAwaitingApproval = "ib.runsAwaitingApproval";
    public const string OpenDisputes = "ib.openDisputes";

    public static IEnumerable<CounterDefinition> All()
    {
        yield return new(RunsAwaitingApproval, "Commission runs awaiting approval", PartnerPermissions.View, "/partners/runs",
            (db, _, ct) => db.CommissionRuns.CountAsync(r => r.Status == CommissionRunStatus.Computed && r.LineCount > 0, ct));
        yield return new(OpenDisputes, "Open commission disputes", PartnerPermissions.View, "/partners/disputes",
            (db, _, ct) => db.CommissionDisputes.CountAsync(d => d.Status == DisputeStatus.Open, ct));
    }
}
