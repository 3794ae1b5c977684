using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds;

public static class FundsCounters
{
    public const string DepositsInReview = "funds.depositsInReview";
    public const string DepositsToConfirm = "funds.depositsToConfirm";
    public const string PlatformCreditsWaiting = "funds.platformWaiting";
    public const string ReconciliationBreaks = "funds.reconciliationBreaks";

    public static IEnumerable<CounterDefinition> All()
    {
        yield return new(DepositsInReview, "Deposits in manual review", FundsPermissions.View, "/funds/deposits?view=review",
            (db, _, ct) => db.Deposits.CountAsync(d => d.Status == DepositStatus.ManualReview, ct));
        yield return new(DepositsToConfirm, "Deposits to confirm", FundsPermissions.View, "/funds/deposits?view=confirm",
            (db, _, ct) => db.Deposits.CountAsync(d => d.Status == DepositStatus.AwaitingConfirmation, ct));
        yield return new(PlatformCreditsWaiting, "Balance operations waiting for the platform", FundsPermissions.View, "/funds/deposits?view=platform",
            (db, _, ct) => db.PlatformBalanceOperations.CountAsync(o => o.Status != BalanceOperationStatus.Applied, ct));
        yield return new(ReconciliationBreaks, "Reconciliation breaks to resolve", FundsPermissions.View, "/funds/reconciliation",
            (db, _, ct) => db.ReconciliationBreaks.CountAsync(b => b.Status == Reconciliation.BreakStatus.Open, ct));
    }
}
