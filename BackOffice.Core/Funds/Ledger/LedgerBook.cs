using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

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
        if (await PostedUnder(db, posting.Kind, posting.Reference, ct) is { } id) return new PostedTransaction(id, true);

        var transaction = db.LedgerTransactions.Add(new LedgerTransaction { Kind = posting.Kind, Reference = posting.Reference, PostedAt = now, PostedBy = postedBy });
        var stored = new List<LedgerAccount>();
        await foreach (var a in AccountsNamed(db, [.. posting.Lines.Select(l => l.Account).Distinct()]).WithCancellation(ct))
            stored.Add(a);
        foreach (var line in posting.Lines)
        {
            var account = stored.FirstOrDefault(a => a.Code == line.Account && a.Currency == line.Amount.Currency)
                          ?? Opened(db, line.Account, line.Amount.Currency, now);
            account.BalanceMinor = checked(account.BalanceMinor + line.Amount.Minor);
            var entry = db.LedgerEntries.Add(new LedgerEntry { AmountMinor = line.Amount.Minor, Currency = line.Amount.Currency, Memo = line.Memo });
            Refer(entry.Property(e => e.TransactionId), transaction.Property(t => t.Id));
            Refer(entry.Property(e => e.AccountId), db.Entry(account).Property(a => a.Id));
        }
        await db.SaveChangesAsync(ct); // one save: the transaction, any new account, then the entries with the ids the database gave them
        return new PostedTransaction(transaction.Entity.Id, false);
    }

    /// <summary>
    /// Points an entry at its transaction or account. A row added in this command has no id until the save: the entry then
    /// holds EF Core's temporary key for it, which the save replaces with the database's once that row is inserted.
    /// </summary>
    private static void Refer(PropertyEntry<LedgerEntry, long> reference, PropertyEntry key)
    {
        reference.CurrentValue = (long)key.CurrentValue!;
        reference.IsTemporary = key.IsTemporary;
    }

    // Run for every posting: compiled once rather than translated from LINQ each time.
    private static readonly Func<BackOfficeDb, string, string, CancellationToken, Task<long?>> PostedUnder = EF.CompileAsyncQuery(
        (BackOfficeDb db, string kind, string reference, CancellationToken ct) =>
            db.LedgerTransactions.AsNoTracking().Where(t => t.Kind == kind && t.Reference == reference).Select(t => (long?)t.Id).FirstOrDefault());

    /// <summary>The posting's accounts in every currency, tracked, in one query.</summary>
    private static readonly Func<BackOfficeDb, string[], IAsyncEnumerable<LedgerAccount>> AccountsNamed = EF.CompileAsyncQuery(
        (BackOfficeDb db, string[] codes) => db.LedgerAccounts.Where(a => codes.Contains(a.Code)));

    /// <summary>Accounts whose kept balance differs from the sum of their entries (the ledger check); empty when all agree.</summary>
    public static async Task<IReadOnlyList<(string Code, string Currency, long Kept, long FromEntries)>> MismatchesAsync(BackOfficeDb db, CancellationToken ct)
    {
        var sums = await db.LedgerEntries.AsNoTracking().GroupBy(e => e.AccountId).Select(g => new { g.Key, Sum = g.Sum(e => e.AmountMinor) })
            .ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        var accounts = await db.LedgerAccounts.AsNoTracking().ToListAsync(ct);
        return [.. accounts.Where(a => a.BalanceMinor != sums.GetValueOrDefault(a.Id)).Select(a => (a.Code, a.Currency, a.BalanceMinor, sums.GetValueOrDefault(a.Id)))];
    }

    /// <summary>An account not stored yet: one added earlier in this command, or a new one.</summary>
    private static LedgerAccount Opened(BackOfficeDb db, string code, string currency, DateTime now)
    {
        if (db.LedgerAccounts.Local.FirstOrDefault(a => a.Code == code && a.Currency == currency) is { } added) return added;
        var account = new LedgerAccount { Code = code, Currency = currency, OpenedAt = now };
        db.LedgerAccounts.Add(account);
        return account;
    }
}
