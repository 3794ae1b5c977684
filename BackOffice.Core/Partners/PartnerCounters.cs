using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Core.Partners.Commissions;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners;

public static class PartnerCounters
{
    public const string RunsAwaitingApproval = "ib.runsAwaitingApproval";
    public const string OpenDisputes = "ib.openDisputes";
    public const string PayoutsInProgress = "ib.payoutsAwaitingApproval";

    private static readonly string PayoutCommand = typeof(PayPartnerCommission).FullName + ",";

    public static IEnumerable<CounterDefinition> All()
    {
        yield return new(RunsAwaitingApproval, "Commission runs awaiting approval", PartnerPermissions.View, "/partners/runs",
            (db, _, ct) => db.CommissionRuns.CountAsync(r => r.Status == CommissionRunStatus.Computed && r.LineCount > 0, ct));
        yield return new(OpenDisputes, "Open commission disputes", PartnerPermissions.View, "/partners/disputes",
            (db, _, ct) => db.CommissionDisputes.CountAsync(d => d.Status == DisputeStatus.Open, ct));
        // Payouts into a trading account waiting for their second manager, and withdrawals of commission not yet paid out.
        yield return new(PayoutsInProgress, "Commission payouts awaiting approval or payment", PartnerPermissions.View, "/partners/payouts",
            async (db, now, ct) =>
                await db.PendingOperations.CountAsync(o => o.Status == PendingOperationStatus.Pending && o.ExpiresAt > now && o.CommandType.StartsWith(PayoutCommand), ct)
                + await db.Withdrawals.CountAsync(w => w.PartnerId != null && (w.Status == WithdrawalStatus.PendingApproval || w.Status == WithdrawalStatus.Approved), ct),
            [SpineCounters.PendingOperations, WithdrawalCounters.PendingL1, WithdrawalCounters.PendingL2, WithdrawalCounters.PendingL3, WithdrawalCounters.AwaitingPayout]);
    }
}
