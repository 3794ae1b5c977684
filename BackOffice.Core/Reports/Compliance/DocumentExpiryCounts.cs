using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Reports.Facts;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Core.Reports.Facts.ReportFactsInvalidation;

namespace BackOffice.Core.Reports.Compliance;

/// <summary>
/// How many accepted documents of one segment of the clients expire on one day. Every combination of the client filters
/// (country, account manager, account type, each kept or "any", as <see cref="FactSegment"/>) has its own rows, so the
/// compliance report's "now" expiry figures read only the rows of its filter, whatever day today is: expired is the sum
/// before today, expiring the sum of the next 60 days.
/// </summary>
public sealed class DocumentExpiryCount : ISegmentRow
{
    public long Id { get; set; }
    public string Country { get; set; } = "";
    public string ManagerId { get; set; } = "";
    public int AccountTypeId { get; set; }
    public DateOnly ExpiresOn { get; set; }
    public int Documents { get; set; }
}

/// <summary>
/// Keeps <see cref="DocumentExpiryCount"/> equal to the documents, in the transaction of every command that changes them:
/// a document accepted, superseded or re-dated, a client moved to another country or manager, an account of another type
/// opened. Each count the command can have changed is counted again from the documents of that day — not adjusted by a
/// difference — so a late or out-of-order change leaves it right. Built from scratch by <see cref="RebuildAsync"/> (the
/// migration, a bulk load).
/// </summary>
public sealed class DocumentExpiryCounts(BackOfficeDb db)
{
    /// <summary>Every count, from the documents: one pass, grouped by segment and day.</summary>
    public const string RebuildSql = """
        DELETE FROM "DocumentExpiryCounts";
        INSERT INTO "DocumentExpiryCounts" ("Country", "ManagerId", "AccountTypeId", "ExpiresOn", "Documents")
        SELECT CASE WHEN k.c = 1 THEN cl."Country" ELSE '' END, CASE WHEN k.m = 1 THEN COALESCE(cl."ManagerId", '-') ELSE '' END, t.t, d."ExpiresOn", COUNT(*)
        FROM "KycDocuments" d
        JOIN "Clients" cl ON cl."Id" = d."ClientId"
        CROSS JOIN (SELECT 0 AS c, 0 AS m UNION ALL SELECT 1, 0 UNION ALL SELECT 0, 1 UNION ALL SELECT 1, 1) k
        JOIN (SELECT "Id" AS cid, 0 AS t FROM "Clients"
              UNION SELECT "ClientId", "AccountTypeId" FROM "TradingAccounts" WHERE NOT "IsDemo") t ON t.cid = cl."Id"
        WHERE d."Status" = 'Accepted' AND d."ExpiresOn" IS NOT NULL
        GROUP BY 1, 2, 3, 4;
        """;

    public static Task RebuildAsync(BackOfficeDb db, CancellationToken ct) => db.Database.ExecuteSqlRawAsync(RebuildSql, ct);

    /// <summary>The counts of the filter (the countries of a region group added up): all, expired before today, expiring before <paramref name="soon"/>.</summary>
    public static async Task<(long All, long Expired, long Expiring)> ReadAsync(BackOfficeDb db, ReportScope s, DateOnly today, DateOnly soon, CancellationToken ct)
    {
        var rows = s.InSegment(db.DocumentExpiryCounts.AsNoTracking());
        var sums = await rows.GroupBy(_ => 1).Select(g => new
        {
            All = g.Sum(x => (long)x.Documents),
            Expired = g.Sum(x => x.ExpiresOn < today ? (long)x.Documents : 0),
            Expiring = g.Sum(x => x.ExpiresOn >= today && x.ExpiresOn < soon ? (long)x.Documents : 0),
        }).FirstOrDefaultAsync(ct);
        return sums is null ? (0, 0, 0) : (sums.All, sums.Expired, sums.Expiring);
    }

    internal async Task KeepAsync(IEnumerable<EntityChange> changes, CancellationToken ct)
    {
        var days = new HashSet<DateOnly>();
        var clients = new HashSet<long>();
        var everyDay = new HashSet<long>(); // clients whose segments moved: every day of their documents
        var before = new List<(long ClientId, string? Country, string? Manager, int? Type)>();
        foreach (var change in changes)
        {
            if (change.Entry is not { } entry) continue;
            switch (entry.Entity)
            {
                case KycDocument document when Touches(change, nameof(KycDocument.Status), nameof(KycDocument.ExpiresOn), nameof(KycDocument.ClientId)):
                    clients.Add(document.ClientId);
                    if (document.ExpiresOn is { } expires) days.Add(expires);
                    if (change.Before?.GetValueOrDefault(nameof(KycDocument.ExpiresOn)) is DateOnly was) days.Add(was);
                    break;
                case Client client when change.State == "Modified" && Touches(change, nameof(Client.Country), nameof(Client.ManagerId)):
                    everyDay.Add(client.Id);
                    before.Add((client.Id, change.Before?.GetValueOrDefault(nameof(Client.Country)) as string ?? client.Country,
                        change.Before?.ContainsKey(nameof(Client.ManagerId)) == true ? change.Before[nameof(Client.ManagerId)] as string : client.ManagerId, null));
                    break;
                case TradingAccount account when Touches(change, nameof(TradingAccount.AccountTypeId), nameof(TradingAccount.IsDemo), nameof(TradingAccount.ClientId)):
                    everyDay.Add(account.ClientId);
                    if (change.Before?.GetValueOrDefault(nameof(TradingAccount.AccountTypeId)) is int type)
                        before.Add((account.ClientId, null, null, type));
                    break;
            }
        }
        if (clients.Count + everyDay.Count == 0) return;
        clients.UnionWith(everyDay);
        // On PostgreSQL two commands could each count a day without the other's uncommitted document: one at a time.
        if (db.IsPostgres) await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72010001)", ct);

        var now = await ClientDimensions.ReadAsync(db, clients, ct);
        var segments = new HashSet<FactSegment>();
        foreach (var (id, (country, manager, types)) in now)
        {
            var all = types.Concat(before.Where(b => b.ClientId == id && b.Type is not null).Select(b => b.Type!.Value)).ToHashSet();
            segments.UnionWith(FactSegment.Of(country, manager, all));
            foreach (var was in before.Where(b => b.ClientId == id && b.Type is null))
                segments.UnionWith(FactSegment.Of(was.Country ?? country, was.Manager, all));
        }
        foreach (var chunk in everyDay.Chunk(1_000))
            days.UnionWith(await db.KycDocuments.AsNoTracking().Where(d => chunk.Contains(d.ClientId) && d.ExpiresOn != null)
                .Select(d => d.ExpiresOn!.Value).Distinct().ToListAsync(ct));

        foreach (var day in days)
            await CountAgainAsync(day, segments, ct);
    }

    /// <summary>The counts of one day for the segments given, from that day's accepted documents.</summary>
    private async Task CountAgainAsync(DateOnly day, HashSet<FactSegment> segments, CancellationToken ct)
    {
        var owners = await db.KycDocuments.AsNoTracking().Where(d => d.Status == DocumentStatus.Accepted && d.ExpiresOn == day).Select(d => d.ClientId).ToListAsync(ct);
        var dimensions = await ClientDimensions.ReadAsync(db, owners.ToHashSet(), ct);
        var counts = segments.ToDictionary(x => x, _ => 0);
        foreach (var owner in owners)
        {
            var (country, manager, types) = dimensions[owner];
            foreach (var segment in FactSegment.Of(country, manager, types))
                if (counts.TryGetValue(segment, out var n)) counts[segment] = n + 1;
        }

        var managers = segments.Select(x => x.ManagerId).Distinct().ToList();
        var countries = segments.Select(x => x.Country).Distinct().ToList();
        var kept = await db.DocumentExpiryCounts.AsNoTracking()
            .Where(x => x.ExpiresOn == day && managers.Contains(x.ManagerId) && countries.Contains(x.Country))
            .Select(x => new { x.Id, x.Country, x.ManagerId, x.AccountTypeId }).ToListAsync(ct);
        var stale = kept.Where(x => segments.Contains(new FactSegment(x.Country, x.ManagerId, x.AccountTypeId))).Select(x => x.Id).ToList();
        if (stale.Count > 0) await db.DocumentExpiryCounts.Where(x => stale.Contains(x.Id)).ExecuteDeleteAsync(ct);
        var fresh = counts.Where(c => c.Value > 0).Select(c => new DocumentExpiryCount
        {
            Country = c.Key.Country, ManagerId = c.Key.ManagerId, AccountTypeId = c.Key.AccountTypeId, ExpiresOn = day, Documents = c.Value,
        }).ToList();
        if (fresh.Count == 0) return;
        db.DocumentExpiryCounts.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        foreach (var row in fresh) db.Entry(row).State = EntityState.Detached;
    }
}
