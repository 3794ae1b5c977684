using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Reports.Facts;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Core.Reports.Facts.ReportFactsInvalidation;

namespace BackOffice.Core.Reports.Payments;

/// <summary>What a <see cref="PaymentEntry"/> stands for.</summary>
public enum PaymentEntryKind
{
    /// <summary>A deposit that failed; <see cref="PaymentEntry.At"/> is when it was started.</summary>
    FailedDeposit,

    /// <summary>A payout that failed; <see cref="PaymentEntry.At"/> is when it was requested.</summary>
    FailedWithdrawal,

    /// <summary>A deposit refunded; <see cref="PaymentEntry.At"/> is when it was refunded.</summary>
    Refund,
}

/// <summary>
/// A failed payment or a refund, filed under every segment of clients its payment belongs to: the client's country or any,
/// the client's account manager or any, the type of the account paid into or out of, or any (the segment of no filter at all
/// is left out: that list walks the payments themselves). A filtered list of the payment report reads its own segment's rows
/// in time order from one index, instead of walking the period's failures or refunds and reading each one's client.
/// </summary>
public sealed class PaymentEntry : ISegmentRow
{
    public long Id { get; set; }
    public PaymentEntryKind Kind { get; set; }
    public string Country { get; set; } = "";
    public string ManagerId { get; set; } = "";
    public int AccountTypeId { get; set; }
    public long ClientId { get; set; }

    /// <summary>The deposit's or the withdrawal's id.</summary>
    public long PaymentId { get; set; }

    public DateTime At { get; set; }
}

/// <summary>
/// Keeps <see cref="PaymentEntry"/> equal to the data, in the transaction of every command that changes it: a deposit or payout
/// that fails, a deposit refunded, a client moved to another country or manager, an account moved to another type. Every client
/// such a command touches has all its rows written again from that client's payments, never adjusted by a difference. Built from
/// scratch by <see cref="RebuildAsync"/> (the migration, a bulk load).
/// </summary>
public sealed class PaymentEntries(BackOfficeDb db)
{
    private const string Table = "\"PaymentEntries\"";

    /// <summary>Per kind: the payments it comes from, which of them count, and their time.</summary>
    private static readonly (PaymentEntryKind Kind, string From, string Status, string At)[] Sources =
    [
        (PaymentEntryKind.FailedDeposit, "\"Deposits\"", nameof(DepositStatus.Failed), "p.\"CreatedAt\""),
        (PaymentEntryKind.FailedWithdrawal, "\"Withdrawals\"", nameof(WithdrawalStatus.Failed), "p.\"CreatedAt\""),
        (PaymentEntryKind.Refund, "\"Deposits\"", nameof(DepositStatus.Refunded), "p.\"DecidedAt\""),
    ];

    /// <summary>
    /// The rows of the payments <paramref name="scope"/> keeps (an SQL condition on the payment, p), from the data: each payment
    /// once per segment of its client and account. A payout from no trading account (a partner's commission) is in no type.
    /// </summary>
    private static string InsertSql(string scope) => string.Join("\n", Sources.Select(s => $"""
        INSERT INTO {Table} ("Kind", "Country", "ManagerId", "AccountTypeId", "ClientId", "PaymentId", "At")
        SELECT '{s.Kind}', CASE WHEN k.c = 1 THEN cl."Country" ELSE '' END, CASE WHEN k.m = 1 THEN COALESCE(cl."ManagerId", '{FactSegment.NoManager}') ELSE '' END,
               CASE WHEN k.t = 1 THEN a."AccountTypeId" ELSE 0 END, p."ClientId", p."Id", {s.At}
        FROM {s.From} p
        JOIN "Clients" cl ON cl."Id" = p."ClientId"
        LEFT JOIN "TradingAccounts" a ON a."Id" = p."TradingAccountId"
        CROSS JOIN (SELECT 1 AS c, 0 AS m, 0 AS t UNION ALL SELECT 0, 1, 0 UNION ALL SELECT 1, 1, 0
                    UNION ALL SELECT 0, 0, 1 UNION ALL SELECT 1, 0, 1 UNION ALL SELECT 0, 1, 1 UNION ALL SELECT 1, 1, 1) k
        WHERE p."Status" = '{s.Status}' AND {s.At} IS NOT NULL AND (k.t = 0 OR a."Id" IS NOT NULL) AND {scope};
        """));

    /// <summary>Every row, from the data.</summary>
    public static readonly string RebuildSql = $"DELETE FROM {Table};\n" + InsertSql("1 = 1");

    public static Task RebuildAsync(BackOfficeDb db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(RebuildSql, ct);

    /// <summary>The rows of one kind in the filter's segment (the countries of a region group together), between two instants. Only for a filter on clients.</summary>
    public static IQueryable<PaymentEntry> Of(BackOfficeDb db, ReportScope s, PaymentEntryKind kind, DateTime fromUtc, DateTime toUtc) =>
        s.InSegment(db.PaymentEntries.AsNoTracking().Where(x => x.Kind == kind && x.At >= fromUtc && x.At < toUtc));

    internal async Task KeepAsync(IEnumerable<EntityChange> changes, CancellationToken ct)
    {
        var clients = new HashSet<long>();
        foreach (var change in changes)
        {
            if (change.Entry is not { } entry) continue;
            switch (entry.Entity)
            {
                // Most payments never fail nor are refunded: only a change into or out of those statuses, or of a counted one, is written.
                case Deposit d when Touches(change, nameof(Deposit.Status), nameof(Deposit.CreatedAt), nameof(Deposit.DecidedAt), nameof(Deposit.TradingAccountId),
                                        nameof(Deposit.ClientId))
                                    && (Kept(d.Status) || change.Before?.GetValueOrDefault(nameof(Deposit.Status)) is DepositStatus was && Kept(was)):
                    clients.Add(d.ClientId);
                    if (change.Before?.GetValueOrDefault(nameof(Deposit.ClientId)) is long dWas) clients.Add(dWas);
                    break;
                case Withdrawal w when Touches(change, nameof(Withdrawal.Status), nameof(Withdrawal.CreatedAt), nameof(Withdrawal.TradingAccountId),
                                           nameof(Withdrawal.ClientId))
                                       && (w.Status == WithdrawalStatus.Failed || change.Before?.GetValueOrDefault(nameof(Withdrawal.Status)) is WithdrawalStatus.Failed):
                    clients.Add(w.ClientId);
                    if (change.Before?.GetValueOrDefault(nameof(Withdrawal.ClientId)) is long wWas) clients.Add(wWas);
                    break;
                case Client c when change.State == "Modified" && Touches(change, nameof(Client.Country), nameof(Client.ManagerId)):
                    clients.Add(c.Id);
                    break;
                // A new account has no payment yet.
                case TradingAccount a when change.State == "Modified" && Touches(change, nameof(TradingAccount.AccountTypeId)):
                    clients.Add(a.ClientId);
                    break;
            }
        }
        if (clients.Count == 0) return;
        await RewriteAsync(db, 72010006, clients, list => $"DELETE FROM {Table} WHERE \"ClientId\" IN ({list});\n" + InsertSql($"p.\"ClientId\" IN ({list})"), ct);
    }

    private static bool Kept(DepositStatus status) => status is DepositStatus.Failed or DepositStatus.Refunded;
}
