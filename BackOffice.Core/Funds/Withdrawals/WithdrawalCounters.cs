using BackOffice.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Withdrawals;

public static class WithdrawalCounters
{
    public const string PendingL1 = "funds.withdrawalsL1";
    public const string PendingL2 = "funds.withdrawalsL2";
    public const string PendingL3 = "funds.withdrawalsL3";
    public const string AwaitingPayout = "funds.awaitingPayout";
    public const string DestinationsToVerify = "funds.destinationsToVerify";

    public static string ForLevel(ApprovalLevel level) => level switch
    {
        ApprovalLevel.L1 => PendingL1,
        ApprovalLevel.L2 => PendingL2,
        ApprovalLevel.L3 => PendingL3,
        _ => AwaitingPayout,
    };

    /// <summary>A withdrawal waits at the level after the highest one approved.</summary>
    public static IEnumerable<CounterDefinition> All()
    {
        yield return new(PendingL1, "Withdrawals waiting at L1", FundsPermissions.ApproveL1, "/funds/withdrawals?view=l1",
            (db, _, ct) => db.Withdrawals.CountAsync(w => w.Status == WithdrawalStatus.PendingApproval && w.ApprovedLevel == ApprovalLevel.Automatic, ct));
        yield return new(PendingL2, "Withdrawals waiting at L2", FundsPermissions.ApproveL2, "/funds/withdrawals?view=l2",
            (db, _, ct) => db.Withdrawals.CountAsync(w => w.Status == WithdrawalStatus.PendingApproval && w.ApprovedLevel == ApprovalLevel.L1, ct));
        yield return new(PendingL3, "Withdrawals waiting at L3", FundsPermissions.ApproveL3, "/funds/withdrawals?view=l3",
            (db, _, ct) => db.Withdrawals.CountAsync(w => w.Status == WithdrawalStatus.PendingApproval && w.ApprovedLevel == ApprovalLevel.L2, ct));
        yield return new(AwaitingPayout, "Approved, awaiting payout", FundsPermissions.View, "/funds/withdrawals?view=payout",
            (db, _, ct) => db.Withdrawals.CountAsync(w => w.Status == WithdrawalStatus.Approved, ct));
        yield return new(DestinationsToVerify, "Payout destinations to verify", FundsPermissions.Destinations, "/funds/withdrawals?view=destinations",
            (db, _, ct) => db.PayoutDestinations.CountAsync(d => d.Status == DestinationStatus.Unverified, ct));
    }
}
