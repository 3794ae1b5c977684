using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Ledger;

public sealed record LedgerCheckResult(int Accounts, int Entries, int Unbalanced, IReadOnlyList<string> Mismatches)
{
    public bool Clean => Unbalanced == 0 && Mismatches.Count == 0;
}

/// <summary>
/// Recomputes every account's balance from its entries and checks every transaction sums to zero per currency. A
/// difference raises a critical alert: the ledger is the record of the clients' money and must never disagree with itself.
/// </summary>
[RequiresPermission(FundsPermissions.LedgerCheck)]
public sealed record CheckLedger : IBackOfficeCommand<Result<LedgerCheckResult>>;

public sealed class CheckLedgerHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<CheckLedger, Result<LedgerCheckResult>>
{
    public async ValueTask<Result<LedgerCheckResult>> Handle(CheckLedger command, CancellationToken ct)
    {
        var mismatches = (await LedgerBook.MismatchesAsync(db, ct))
            .Select(m => $"{m.Code} {m.Currency}: kept {new Money(m.Kept, m.Currency)}, entries add up to {new Money(m.FromEntries, m.Currency)}").ToList();
        var unbalanced = await db.LedgerEntries.AsNoTracking().GroupBy(e => new { e.TransactionId, e.Currency })
            .Where(g => g.Sum(e => e.AmountMinor) != 0).CountAsync(ct);
        var result = new LedgerCheckResult(await db.LedgerAccounts.CountAsync(ct), await db.LedgerEntries.CountAsync(ct), unbalanced, mismatches);
        effects.About("Ledger", "check");
        if (!result.Clean)
            AlertKinds.Raise(db, effects, clock.GetUtcNow().UtcDateTime, AlertKinds.LedgerMismatch, AlertSeverity.Critical,
                $"The ledger check found {unbalanced} unbalanced transaction(s) and {mismatches.Count} account(s) whose balance differs from its entries"
                + (mismatches.Count > 0 ? ": " + string.Join("; ", mismatches.Take(5)) : "") + ".");
        return result;
    }
}
