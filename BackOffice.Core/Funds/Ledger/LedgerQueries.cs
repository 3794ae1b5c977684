using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Ledger;

public sealed record LedgerAccountRow(long Id, string Code, string Currency, Money Balance, DateTime OpenedAt);

public sealed record LedgerEntryRow(long EntryId, long TransactionId, DateTime PostedAt, string Kind, string Reference, string PostedBy, Money Amount, string? Memo,
    IReadOnlyList<string> OtherSide);

/// <summary>Ledger accounts whose code contains the filter (the broker's own first), for the ledger explorer.</summary>
[RequiresPermission(FundsPermissions.Ledger)]
public sealed record LedgerAccounts(string? Filter = null, int Take = 200) : IBackOfficeQuery<IReadOnlyList<LedgerAccountRow>>;

/// <summary>One account's entries, newest first, each with the other side of its transaction.</summary>
[RequiresPermission(FundsPermissions.Ledger)]
public sealed record LedgerEntries(long AccountId, int Skip = 0, int Take = 50) : IBackOfficeQuery<Page<LedgerEntryRow>>;

public sealed class LedgerQueryHandlers(BackOfficeDb db) :
    IQueryHandler<LedgerAccounts, IReadOnlyList<LedgerAccountRow>>, IQueryHandler<LedgerEntries, Page<LedgerEntryRow>>
{
    public async ValueTask<IReadOnlyList<LedgerAccountRow>> Handle(LedgerAccounts query, CancellationToken ct)
    {
        var accounts = db.LedgerAccounts.AsNoTracking();
        if (query.Filter?.Trim() is { Length: > 0 } filter) accounts = accounts.Where(a => a.Code.Contains(filter) || a.Currency == filter.ToUpper());
        var rows = await accounts.OrderBy(a => a.Code.StartsWith("client:") || a.Code.StartsWith("reserved:")).ThenBy(a => a.Code).ThenBy(a => a.Currency)
            .Take(Math.Clamp(query.Take, 1, 1000)).ToListAsync(ct);
        return [.. rows.Select(a => new LedgerAccountRow(a.Id, a.Code, a.Currency, new Money(a.BalanceMinor, a.Currency), a.OpenedAt))];
    }

    public async ValueTask<Page<LedgerEntryRow>> Handle(LedgerEntries query, CancellationToken ct)
    {
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.AccountId == query.AccountId);
        var total = await entries.CountAsync(ct);
        var page = await (from e in entries
                          join t in db.LedgerTransactions.AsNoTracking() on e.TransactionId equals t.Id
                          orderby e.Id descending
                          select new { e, t }).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500)).ToListAsync(ct);
        var transactionIds = page.Select(p => p.t.Id).ToList();
        var others = await (from e in db.LedgerEntries.AsNoTracking()
                            join a in db.LedgerAccounts.AsNoTracking() on e.AccountId equals a.Id
                            where transactionIds.Contains(e.TransactionId) && e.AccountId != query.AccountId
                            select new { e.TransactionId, a.Code, e.AmountMinor, e.Currency }).ToListAsync(ct);
        var byTransaction = others.ToLookup(o => o.TransactionId, o => $"{o.Code} {new Money(o.AmountMinor, o.Currency)}");
        return new Page<LedgerEntryRow>([.. page.Select(p => new LedgerEntryRow(p.e.Id, p.t.Id, p.t.PostedAt, p.t.Kind, p.t.Reference, p.t.PostedBy,
            new Money(p.e.AmountMinor, p.e.Currency), p.e.Memo, [.. byTransaction[p.t.Id]]))], total);
    }
}
