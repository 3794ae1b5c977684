using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Partners;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Core.Reports.Facts.ReportFactsInvalidation;

namespace BackOffice.Core.Reports.Partners;

/// <summary>
/// How many clients a partner has in one segment of the clients (country, account manager, account type, each kept or "any",
/// as <see cref="Facts.FactSegment"/>), counting each client's latest attribution. The partner report's "clients now" reads only
/// its filter's rows, whatever the filter.
/// </summary>
public sealed class PartnerClientCount : Facts.ISegmentRow
{
    public long Id { get; set; }
    public long PartnerId { get; set; }
    public string Country { get; set; } = "";
    public string ManagerId { get; set; } = "";
    public int AccountTypeId { get; set; }
    public int Clients { get; set; }
}

/// <summary>
/// Keeps <see cref="PartnerClientCount"/> equal to the attributions, in the transaction of every command that changes them: a
/// client attributed or reassigned, a client moved to another country or manager, an account of another type opened. Every
/// partner the command touched is counted again from its attributions, not adjusted by a difference.
/// </summary>
public sealed class PartnerClientCounts(BackOfficeDb db)
{
    private const string Table = "\"PartnerClientCounts\"";

    /// <summary>Every count, from the latest attributions: clients once each for "any type", and once for each type they hold.</summary>
    public static readonly string RebuildSql = $"DELETE FROM {Table};\n" + InsertSql("1 = 1");

    public static Task RebuildAsync(BackOfficeDb db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(RebuildSql, ct);

    private static string InsertSql(string partners)
    {
        const string segment = """
            a."PartnerId", CASE WHEN k.c = 1 THEN cl."Country" ELSE '' END, CASE WHEN k.m = 1 THEN COALESCE(cl."ManagerId", '-') ELSE '' END
            """;
        const string from = """
            FROM "ClientAttributions" a
            JOIN "Clients" cl ON cl."Id" = a."ClientId"
            CROSS JOIN (SELECT 0 AS c, 0 AS m UNION ALL SELECT 1, 0 UNION ALL SELECT 0, 1 UNION ALL SELECT 1, 1) k
            """;
        return $"""
            INSERT INTO {Table} ("PartnerId", "Country", "ManagerId", "AccountTypeId", "Clients")
            SELECT {segment}, 0, COUNT(*)
            {from}
            WHERE a."To" IS NULL AND {partners}
            GROUP BY 1, 2, 3
            UNION ALL
            SELECT {segment}, t."AccountTypeId", COUNT(DISTINCT a."Id")
            {from}
            JOIN "TradingAccounts" t ON t."ClientId" = a."ClientId" AND NOT t."IsDemo"
            WHERE a."To" IS NULL AND {partners}
            GROUP BY 1, 2, 3, 4;
            """;
    }

    /// <summary>
    /// Each partner's clients now in the scope's segment (the countries of a region group added up). The kept counts hold each
    /// client's latest attribution; a reassignment dated later than now is taken back out here, from the few attributions that
    /// start after now.
    /// </summary>
    public static async Task<Dictionary<long, int>> ReadAsync(BackOfficeDb db, ReportScope s, CancellationToken ct)
    {
        var rows = s.InSegment(db.PartnerClientCounts.AsNoTracking());
        var counts = await rows.GroupBy(x => x.PartnerId).Select(g => new { g.Key, Clients = g.Sum(x => x.Clients) }).ToDictionaryAsync(g => g.Key, g => g.Clients, ct);

        var now = s.NowUtc;
        // Not DISTINCT in SQL: the planner would then walk every attribution in client order rather than the few from the index by start.
        var later = (await db.ClientAttributions.AsNoTracking().Where(a => a.From > now).Select(a => a.ClientId).ToListAsync(ct)).Distinct().ToList();
        if (later.Count == 0) return counts;
        var theirs = await s.Clients(db).Where(c => later.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        foreach (var a in await db.ClientAttributions.AsNoTracking().Where(a => theirs.Contains(a.ClientId)).ToListAsync(ct))
        {
            var inForce = a.From <= now && (a.To == null || a.To > now);
            var kept = a.To == null;
            if (inForce == kept) continue;
            var n = counts.GetValueOrDefault(a.PartnerId) + (inForce ? 1 : -1);
            if (n == 0) counts.Remove(a.PartnerId);
            else counts[a.PartnerId] = n;
        }
        return counts;
    }

    internal async Task KeepAsync(IEnumerable<EntityChange> changes, CancellationToken ct)
    {
        var partners = new HashSet<long>();
        var clients = new HashSet<long>(); // clients whose segments moved: their partner's counts
        foreach (var change in changes)
        {
            if (change.Entry is not { } entry) continue;
            switch (entry.Entity)
            {
                case ClientAttribution attribution when Touches(change, nameof(ClientAttribution.To), nameof(ClientAttribution.PartnerId), nameof(ClientAttribution.ClientId)):
                    partners.Add(attribution.PartnerId);
                    if (change.Before?.GetValueOrDefault(nameof(ClientAttribution.PartnerId)) is long was) partners.Add(was);
                    break;
                case Client client when change.State == "Modified" && Touches(change, nameof(Client.Country), nameof(Client.ManagerId)):
                    clients.Add(client.Id);
                    break;
                case TradingAccount account when Touches(change, nameof(TradingAccount.AccountTypeId), nameof(TradingAccount.IsDemo), nameof(TradingAccount.ClientId)):
                    clients.Add(account.ClientId);
                    break;
            }
        }
        foreach (var chunk in clients.Chunk(1_000))
            partners.UnionWith(await db.ClientAttributions.AsNoTracking().Where(a => chunk.Contains(a.ClientId) && a.To == null).Select(a => a.PartnerId).ToListAsync(ct));
        if (partners.Count == 0) return;
        await RewriteAsync(db, 72010003, partners, list => $"DELETE FROM {Table} WHERE \"PartnerId\" IN ({list});\n" + InsertSql($"a.\"PartnerId\" IN ({list})"), ct);
    }
}
