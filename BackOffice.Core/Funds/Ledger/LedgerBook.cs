using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Ledger;

/// <summary>A posting written, or the one already written under the same kind and reference.</summary>
public sealed record PostedTransaction(long TransactionId, bool AlreadyPosted);

/// <summary>
/// Writes postings inside someone else's command (a confirmed deposit, a paid withdrawal): the transaction, its
/// entries and the accounts' balances commit or roll back together with that command.
/// </summary>
public static class LedgerBook
{
    public static async Task<Result<PostedTransaction>> PostAsync(BackOfficeDb db, LedgerPosting posting, string postedBy, DateTime now, CancellationToken ct)
    {
        var existing = await db.LedgerTransactions.AsNoTracking()
            .Where(t => t.Kind == posting.Kind && t.Reference == posting.Reference).Select(t => (long?)t.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id) return new PostedTransaction(id, true);

        var transaction = new LedgerTransaction { Kind = posting.Kind, Reference = posting.Reference, PostedAt = now, PostedBy = postedBy };
        db.LedgerTransactions.Add(transaction);
        var lines = new List<(LedgerAccount Account, PostingLine Line)>();
        foreach (var line in posting.Lines)
        {
            var account = await AccountAsync(db, line.Account, line.Amount.Currency, now, ct);
            account.BalanceMinor = checked(account.BalanceMinor + line.Amount.Minor);
            lines.Add((account, line));
        }
        await db.SaveChangesAsync(ct); // the transaction's and any new account's ids
        foreach (var (account, line) in lines)
            db.LedgerEntries.Add(new LedgerEntry
            {
                TransactionId = transaction.Id, AccountId = account.Id, AmountMinor = line.Amount.Minor, Currency = line.Amount.Currency, Memo = line.Memo,
            });
        await db.SaveChangesAsync(ct);
        return new PostedTransaction(transaction.Id, false);
    }

    /// <summary>Accounts whose kept balance differs from the sum of their entries (the ledger check); empty when all agree.</summary>
    public static async Task<IReadOnlyList<(string Code, string Currency, long Kept, long FromEntries)>> MismatchesAsync(BackOfficeDb db, CancellationToken ct)
    {
        var sums = await db.LedgerEntries.AsNoTracking().GroupBy(e => e.AccountId).Select(g => new { g.Key, Sum = g.Sum(e => e.AmountMinor) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var accounts = await db.LedgerAccounts.AsNoTracking().ToListAsync(ct);
        return [.. accounts.Where(a => a.BalanceMinor != sums.GetValueOrDefault(a.Id)).Select(a => (a.Code, a.Currency, a.BalanceMinor, sums.GetValueOrDefault(a.Id)))];
    }

    public static async Task<LedgerAccount> AccountAsync(BackOfficeDb db, string code, string currency, DateTime now, CancellationToken ct)
    {
        var account = db.LedgerAccounts.Local.FirstOrDefault(a => a.Code == code && a.Currency == currency)
                      ?? await db.LedgerAccounts.FirstOrDefaultAsync(a => a.Code == code && a.Currency == currency, ct);
        if (account is not null) return account;
        account = new LedgerAccount { Code = code, Currency = currency, OpenedAt = now };
        db.LedgerAccounts.Add(account);
        return account;
    }
}
