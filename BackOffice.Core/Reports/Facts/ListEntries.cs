using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Partners;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Core.Reports.Facts.ReportFactsInvalidation;

namespace BackOffice.Core.Reports.Facts;

/// <summary>Which report list a <see cref="ListEntry"/> belongs to.</summary>
public enum ListEntryKind
{
    /// <summary>A deposit that failed; <see cref="ListEntry.At"/> is when it was started.</summary>
    FailedDeposit,

    /// <summary>A payout that failed; <see cref="ListEntry.At"/> is when it was requested.</summary>
    FailedWithdrawal,

    /// <summary>A deposit refunded; <see cref="ListEntry.At"/> is when it was refunded.</summary>
    Refund,

    /// <summary>A client attributed to a partner; <see cref="ListEntry.At"/> is when the attribution starts.</summary>
    Attribution,
}

/// <summary>
/// A row of a report list (a failed payment, a refund, an attribution) filed under every segment of clients it belongs to: the
/// client's country or any, the client's account manager or any, an account type or any (the segment of no filter at all is
/// left out: that list walks the rows themselves). A payment is in the type of the account paid into or out of; an attribution
/// in every type its client holds a real account of, as the report's type filter selects clients. A filtered list reads its
/// own segment's keys in time order from one index, instead of walking the period and reading each row's client.
/// </summary>
public sealed class ListEntry : ISegmentRow
{
    public long Id { get; set; }
    public ListEntryKind Kind { get; set; }
    public string Country { get; set; } = "";
    public string ManagerId { get; set; } = "";
    public int AccountTypeId { get; set; }
    public long ClientId { get; set; }

    /// <summary>The deposit's, the withdrawal's or the attribution's id.</summary>
    public long RowId { get; set; }

    public DateTime At { get; set; }
}

/// <summary>A row of a list: when it counts, and its id. A list is ordered and cut by its keys before its rows are read.</summary>
public sealed class ListKey
{
    public DateTime At { get; init; }
    public long Id { get; init; }
}

/// <summary>
/// Keeps <see cref="ListEntry"/> equal to the data, in the transaction of every command that changes it: a deposit or payout
/// that fails, a deposit refunded, a client attributed or reassigned, a client moved to another country or manager, an account
/// opened or moved to another type. Every client such a command touches has all their rows written again from their data,
/// never adjusted by a difference. Built from scratch by <see cref="RebuildAsync"/> (the migration, a bulk load).
/// </summary>
public sealed class ListEntries(BackOfficeDb db)
{
    private const string Table = "\"ListEntries\"";

    /// <summary>Per payment kind: the payments it comes from, which of them count, and their time.</summary>
    private static readonly (ListEntryKind Kind, string From, string Status, string At)[] Payments =
    [
        (ListEntryKind.FailedDeposit, "\"Deposits\"", nameof(DepositStatus.Failed), "p.\"CreatedAt\""),
        (ListEntryKind.FailedWithdrawal, "\"Withdrawals\"", nameof(WithdrawalStatus.Failed), "p.\"CreatedAt\""),
        (ListEntryKind.Refund, "\"Deposits\"", nameof(DepositStatus.Refunded), "p.\"DecidedAt\""),
    ];

    private const string Head = $"INSERT INTO {Table} (\"Kind\", \"Country\", \"ManagerId\", \"AccountTypeId\", \"ClientId\", \"RowId\", \"At\")";

    private const string Segment = $"""
        CASE WHEN k.c = 1 THEN cl."Country" ELSE '' END, CASE WHEN k.m = 1 THEN COALESCE(cl."ManagerId", '{FactSegment.NoManager}') ELSE '' END
        """;

    /// <summary>Country, manager, or both; and the same again with an account type.</summary>
    private const string WithoutType = "(SELECT 1 AS c, 0 AS m UNION ALL SELECT 0, 1 UNION ALL SELECT 1, 1)";

    private const string WithType = "(SELECT 0 AS c, 0 AS m UNION ALL SELECT 1, 0 UNION ALL SELECT 0, 1 UNION ALL SELECT 1, 1)";

    /// <summary>
    /// The rows of the clients <paramref name="clients"/> selects (an SQL condition on a client id column, given its name), from
    /// the data: each payment or attribution once per segment.
    /// </summary>
    private static string InsertSql(Func<string, string> clients) => string.Join("\n", Payments.Select(s => $"""
        {Head}
        SELECT '{s.Kind}', {Segment}, CASE WHEN k.t = 1 THEN a."AccountTypeId" ELSE 0 END, p."ClientId", p."Id", {s.At}
        FROM {s.From} p
        JOIN "Clients" cl ON cl."Id" = p."ClientId"
        LEFT JOIN "TradingAccounts" a ON a."Id" = p."TradingAccountId"
        CROSS JOIN (SELECT c, m, 0 AS t FROM {WithoutType} x UNION ALL SELECT c, m, 1 FROM {WithType} y) k
        WHERE p."Status" = '{s.Status}' AND {s.At} IS NOT NULL AND (k.t = 0 OR a."Id" IS NOT NULL) AND {clients("p.\"ClientId\"")};
        """)) + $"""

        {Head}
        SELECT '{ListEntryKind.Attribution}', {Segment}, 0, p."ClientId", p."Id", p."From"
        FROM "ClientAttributions" p
        JOIN "Clients" cl ON cl."Id" = p."ClientId"
        CROSS JOIN {WithoutType} k
        WHERE {clients("p.\"ClientId\"")};
        {Head}
        SELECT '{ListEntryKind.Attribution}', {Segment}, t."AccountTypeId", p."ClientId", p."Id", p."From"
        FROM "ClientAttributions" p
        JOIN "Clients" cl ON cl."Id" = p."ClientId"
        JOIN (SELECT DISTINCT "ClientId", "AccountTypeId" FROM "TradingAccounts" WHERE NOT "IsDemo" AND {clients("\"ClientId\"")}) t ON t."ClientId" = p."ClientId"
        CROSS JOIN {WithType} k
        WHERE {clients("p.\"ClientId\"")};
        """;

    /// <summary>Every row, from the data.</summary>
    public static readonly string RebuildSql = $"DELETE FROM {Table};\n" + InsertSql(_ => "1 = 1");

    public static Task RebuildAsync(BackOfficeDb db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(RebuildSql, ct);

    /// <summary>
    /// A list's keys in time order, cut to what is shown before any row or client is read: without a client filter the
    /// <paramref name="unfiltered"/> rows of the period themselves (from their own index by time), with one the filter's own kept
    /// rows (the countries of a region group together).
    /// </summary>
    public static IQueryable<ListKey> Keys(BackOfficeDb db, ReportScope s, ListEntryKind kind, DateTime fromUtc, DateTime toUtc, IQueryable<ListKey> unfiltered) =>
        s.Shown((s.FiltersClients
                ? s.InSegment(db.ListEntries.AsNoTracking().Where(x => x.Kind == kind && x.At >= fromUtc && x.At < toUtc)).Select(e => new ListKey { At = e.At, Id = e.RowId })
                : unfiltered)
            .OrderBy(k => k.At).ThenBy(k => k.Id));

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
                case ClientAttribution a when Touches(change, nameof(ClientAttribution.From), nameof(ClientAttribution.ClientId)):
                    clients.Add(a.ClientId);
                    if (change.Before?.GetValueOrDefault(nameof(ClientAttribution.ClientId)) is long aWas) clients.Add(aWas);
                    break;
                case Client c when change.State == "Modified" && Touches(change, nameof(Client.Country), nameof(Client.ManagerId)):
                    clients.Add(c.Id);
                    break;
                // A client's attributions are in every type they hold: a new account may add one.
                case TradingAccount a when Touches(change, nameof(TradingAccount.AccountTypeId), nameof(TradingAccount.IsDemo)):
                    clients.Add(a.ClientId);
                    break;
            }
        }
        if (clients.Count == 0) return;
        await RewriteAsync(db, 72010006, clients, list => $"DELETE FROM {Table} WHERE \"ClientId\" IN ({list});\n" + InsertSql(column => $"{column} IN ({list})"), ct);
    }

    private static bool Kept(DepositStatus status) => status is DepositStatus.Failed or DepositStatus.Refunded;
}
