using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Core.Reports.Facts.ReportFactsInvalidation;

namespace BackOffice.Core.Reports.Accounts;

/// <summary>
/// A client with a live account of a type, with the client's status now and since when: one row per client and type. The
/// account report's lists of clients in a status (waiting for documents now, closed in the period), filtered by an account
/// type, read the type's clients in that status from its index in the order they came to it, instead of testing every
/// such client's accounts (tens of thousands of tests for "waiting for documents", where no client holds a live account yet).
/// </summary>
public sealed class ClientAccountType
{
    public long ClientId { get; set; }
    public int AccountTypeId { get; set; }
    public ClientStatus Status { get; set; }
    public DateTime StatusChangedAt { get; set; }
}

/// <summary>
/// Keeps <see cref="ClientAccountType"/> equal to the clients and their accounts, in the transaction of every command that
/// changes them: a client's status, an account opened, moved to another type or made a demo. Every client the command touched
/// has its rows written again from the data, not adjusted. Built from scratch by <see cref="RebuildAsync"/> (the migration, a
/// bulk load).
/// </summary>
public sealed class ClientAccountTypes(BackOfficeDb db)
{
    private const string Table = "\"ClientAccountTypes\"";

    public static readonly string RebuildSql = $"DELETE FROM {Table};\n" + InsertSql("1 = 1");

    public static Task RebuildAsync(BackOfficeDb db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(RebuildSql, ct);

    private static string InsertSql(string clients) => $"""
        INSERT INTO {Table} ("ClientId", "AccountTypeId", "Status", "StatusChangedAt")
        SELECT DISTINCT c."Id", t."AccountTypeId", c."Status", c."StatusChangedAt"
        FROM "Clients" c
        JOIN "TradingAccounts" t ON t."ClientId" = c."Id" AND NOT t."IsDemo"
        WHERE {clients};
        """;

    /// <summary>
    /// The scope's clients in a status (since <paramref name="fromUtc"/>, before <paramref name="toUtc"/>, when given), in the order
    /// they came to it, then by id: with an account type alone from the type's own index; otherwise from the clients' (of the
    /// status and country, or manager), testing the type on each, as those are already few.
    /// </summary>
    public static IQueryable<Client> InStatus(BackOfficeDb db, ReportScope s, ClientStatus status, DateTime? fromUtc = null, DateTime? toUtc = null)
    {
        if (s.AccountTypeId is not { } type || s.Countries is not null || s.StaffId is not null)
        {
            var clients = s.Clients(db).Where(c => c.Status == status);
            if (fromUtc is { } from) clients = clients.Where(c => c.StatusChangedAt >= from);
            if (toUtc is { } to) clients = clients.Where(c => c.StatusChangedAt < to);
            return clients.OrderBy(c => c.StatusChangedAt).ThenBy(c => c.Id);
        }
        var rows = db.ClientAccountTypes.AsNoTracking().Where(x => x.AccountTypeId == type && x.Status == status);
        if (fromUtc is { } since) rows = rows.Where(x => x.StatusChangedAt >= since);
        if (toUtc is { } until) rows = rows.Where(x => x.StatusChangedAt < until);
        return from x in rows
               join c in s.Clients(db, byAccountType: false) on x.ClientId equals c.Id
               orderby x.StatusChangedAt, x.ClientId
               select c;
    }

    internal async Task KeepAsync(IEnumerable<EntityChange> changes, CancellationToken ct)
    {
        var clients = new HashSet<long>();
        foreach (var change in changes)
        {
            if (change.Entry is not { } entry) continue;
            switch (entry.Entity)
            {
                case Client client when change.State == "Modified" && Touches(change, nameof(Client.Status), nameof(Client.StatusChangedAt)):
                    clients.Add(client.Id);
                    break;
                case TradingAccount account when Touches(change, nameof(TradingAccount.AccountTypeId), nameof(TradingAccount.IsDemo), nameof(TradingAccount.ClientId)):
                    clients.Add(account.ClientId);
                    if (change.Before?.GetValueOrDefault(nameof(TradingAccount.ClientId)) is long was) clients.Add(was);
                    break;
            }
        }
        if (clients.Count == 0) return;
        await RewriteAsync(db, 72010005, clients, list => $"DELETE FROM {Table} WHERE \"ClientId\" IN ({list});\n" + InsertSql($"c.\"Id\" IN ({list})"), ct);
    }
}
