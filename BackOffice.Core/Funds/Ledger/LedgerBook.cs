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
    /// <summary>
    /// Adds the posting's transaction and entries and moves its accounts' balances. Inside a command they are written by
    /// the command's own save, with its other rows; the transaction's id is taken from the database first, so the rows
    /// that name it (a platform operation's comment, a deposit's posting) can be written in that same save. Outside a
    /// command (seeding, a test) the posting is saved at once.
    /// </summary>
    public static async Task<Result<PostedTransaction>> PostAsync(BackOfficeDb db, LedgerPosting posting, string postedBy, DateTime now, CancellationToken ct)
    {
        if (db.Tracked<LedgerTransaction>().FirstOrDefault(t => t.Kind == posting.Kind && t.Reference == posting.Reference) is { } added)
            return new PostedTransaction(added.Id, true);
        if (await PostedUnder(db, posting.Kind, posting.Reference, ct) is { } id) return new PostedTransaction(id, true);

        var transaction = db.LedgerTransactions.Add(new LedgerTransaction
        {
            Id = db.InCommand ? await NextTransactionIdAsync(db, ct) : 0, Kind = posting.Kind, Reference = posting.Reference, PostedAt = now, PostedBy = postedBy,
        });
        var stored = await AccountsAsync(db, [.. posting.Lines.Select(l => l.Account).Distinct()], ct);
        foreach (var line in posting.Lines)
        {
            var account = stored.FirstOrDefault(a => a.Code == line.Account && a.Currency == line.Amount.Currency)
                          ?? Opened(db, line.Account, line.Amount.Currency, now);
            account.BalanceMinor = checked(account.BalanceMinor + line.Amount.Minor);
            var entry = db.LedgerEntries.Add(new LedgerEntry { AmountMinor = line.Amount.Minor, Currency = line.Amount.Currency, Memo = line.Memo });
            Refer(entry.Property(nameof(LedgerEntry.TransactionId)), transaction.Property(nameof(LedgerTransaction.Id)));
            Refer(entry.Property(nameof(LedgerEntry.AccountId)), db.Entry(account).Property(nameof(LedgerAccount.Id)));
        }
        if (!db.InCommand)
            await db.SaveChangesAsync(ct); // one save: the transaction, any new account, then the entries with the ids the database gave them
        return new PostedTransaction(transaction.Entity.Id, false);
    }

    /// <summary>
    /// The id the database will give the next ledger transaction. PostgreSQL hands it out from the column's sequence.
    /// SQLite: the command's transaction took the write lock at its start (BEGIN IMMEDIATE), so no one else adds one until
    /// it ends, and the next id is one past the highest stored or added in this command.
    /// </summary>
    private static async Task<long> NextTransactionIdAsync(BackOfficeDb db, CancellationToken ct)
    {
        var next = (await db.ReadAsync("ledger.next-transaction-id", d => d.IsPostgres
            ? """SELECT nextval(pg_get_serial_sequence('"LedgerTransactions"', 'Id'))"""
            : """SELECT COALESCE(MAX("Id"), 0) + 1 FROM "LedgerTransactions" """, r => r.GetInt64(0), ct))[0];
        return db.IsPostgres ? next : Math.Max(next, db.Tracked<LedgerTransaction>().Select(t => t.Id + 1).DefaultIfEmpty(0).Max());
    }

    /// <summary>
    /// Points an entry at its transaction or account. A row added in this command has no id until the save: the entry then
    /// holds EF Core's temporary key for it, which the save replaces with the database's once that row is inserted.
    /// </summary>
    private static void Refer(PropertyEntry reference, PropertyEntry key)
    {
        reference.CurrentValue = key.CurrentValue;
        reference.IsTemporary = key.IsTemporary;
    }

    /// <summary>The transaction already posted under this kind and reference, if any: a fixed statement, run for every posting.</summary>
    private static async Task<long?> PostedUnder(BackOfficeDb db, string kind, string reference, CancellationToken ct)
    {
        var ids = await db.ReadAsync<LedgerTransaction, long>("ledger.posted-under", d =>
        {
            var (table, c) = AppendOnlyInsert.Names<LedgerTransaction>(d);
            return $"SELECT {c(nameof(LedgerTransaction.Id))} FROM {table} WHERE {c(nameof(LedgerTransaction.Kind))} = @p0 AND {c(nameof(LedgerTransaction.Reference))} = @p1 LIMIT 1";
        }, r => r.GetInt64(0), ct, (nameof(LedgerTransaction.Kind), kind), (nameof(LedgerTransaction.Reference), reference));
        return ids.Count == 0 ? null : ids[0];
    }

    /// <summary>
    /// The posting's accounts in every currency, tracked, in one query. Most postings name two or three accounts: those
    /// run one fixed statement whose SQL never changes (a list of codes would be expanded into the SQL on every call).
    /// </summary>
    private static async Task<List<LedgerAccount>> AccountsAsync(BackOfficeDb db, string[] codes, CancellationToken ct)
    {
        if (codes.Length is 0 or > 3) return await db.LedgerAccounts.Where(a => codes.Contains(a.Code)).ToListAsync(ct);
        return await db.TrackedRowsAsync<LedgerAccount>("ledger.up-to-three-accounts", d =>
        {
            var (_, c) = AppendOnlyInsert.Names<LedgerAccount>(d);
            return $"WHERE {c(nameof(LedgerAccount.Code))} IN (@p0, @p1, @p2)";
        }, ct, (nameof(LedgerAccount.Code), codes[0]), (nameof(LedgerAccount.Code), codes[Math.Min(1, codes.Length - 1)]), (nameof(LedgerAccount.Code), codes[^1]));
    }

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
        if (db.Tracked<LedgerAccount>().FirstOrDefault(a => a.Code == code && a.Currency == currency) is { } added) return added;
        var account = new LedgerAccount { Code = code, Currency = currency, OpenedAt = now };
        db.LedgerAccounts.Add(account);
        return account;
    }
}
