using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners;

/// <summary>The tree and attribution as they stood at a moment: what a commission on a deal of that moment follows.</summary>
public static class PartnerHistory
{
    /// <summary>The partner a client was attributed to at <paramref name="at"/>; null when it had none.</summary>
    public static Task<long?> PartnerOfAsync(BackOfficeDb db, long clientId, DateTime at, CancellationToken ct) =>
        db.ClientAttributions.AsNoTracking()
            .Where(a => a.ClientId == clientId && a.From <= at && (a.To == null || a.To > at))
            .Select(a => (long?)a.PartnerId).FirstOrDefaultAsync(ct);

    /// <summary>The partner and its ancestors at <paramref name="at"/>, nearest first (level 1 is the partner itself).</summary>
    public static async Task<IReadOnlyList<long>> ChainAsync(BackOfficeDb db, long partnerId, DateTime at, CancellationToken ct)
    {
        var parents = await db.PartnerParentLinks.AsNoTracking()
            .Where(l => l.From <= at && (l.To == null || l.To > at))
            .ToDictionaryAsync(l => l.PartnerId, l => l.ParentId, ct);
        var chain = new List<long>();
        for (long? id = partnerId; id is { } current && !chain.Contains(current); id = parents.GetValueOrDefault(current))
            chain.Add(current);
        return chain;
    }
}

public sealed record PartnerNode(long Id, string Code, string Name, long ClientId, long ClientNumber, PartnerStatus Status, long? ParentId, int Depth,
    int Clients, int SubPartners, DateTime CreatedAt, int ActiveTraders = 0, decimal Lots = 0, Money Commission = default);

public sealed record AttributionRow(long Id, string PartnerCode, string PartnerName, DateTime From, DateTime? To, AttributionSource Source, string By, string? Reason);

/// <summary>
/// Every partner in tree order (each parent before its children), with its depth, clients now and direct sub-partners, and
/// over the last 30 days: how many of its clients traded, the lots they closed, and the commission it earned (USD lines).
/// </summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record PartnerTree : IBackOfficeQuery<IReadOnlyList<PartnerNode>>;

/// <summary>A client's partners over time, newest first.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record ClientAttributionHistory(long ClientId) : IBackOfficeQuery<IReadOnlyList<AttributionRow>>;

public sealed class PartnerQueryHandlers(BackOfficeDb db, TimeProvider clock) :
    IQueryHandler<PartnerTree, IReadOnlyList<PartnerNode>>, IQueryHandler<ClientAttributionHistory, IReadOnlyList<AttributionRow>>
{
    public async ValueTask<IReadOnlyList<PartnerNode>> Handle(PartnerTree query, CancellationToken ct)
    {
        var partners = await (from p in db.Partners.AsNoTracking()
                              join c in db.Clients.AsNoTracking() on p.ClientId equals c.Id
                              select new { p, c.Number }).ToListAsync(ct);
        var clients = await db.ClientAttributions.AsNoTracking().Where(a => a.To == null)
            .GroupBy(a => a.PartnerId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-30);
        var activity = await (from d in db.TradeDeals.AsNoTracking()
                              where d.TimeUtc >= since && d.Entry != Platform.DealEntry.In
                              join a in db.ClientAttributions.AsNoTracking() on d.ClientId equals a.ClientId
                              where a.To == null
                              group d by a.PartnerId into g
                              select new { g.Key, Traders = g.Select(x => x.ClientId).Distinct().Count(), Lots = g.Sum(x => x.Lots) })
            .ToDictionaryAsync(x => x.Key, ct);
        var earned = (await Commissions.CommissionLineStore.TotalsAsync(db, new Commissions.LineScope(From: since, Currency: "USD"), ct))
            .GroupBy(l => l.PartnerId).ToDictionary(g => g.Key, g => g.Sum(l => l.Minor));
        var byId = partners.ToDictionary(x => x.p.Id);
        var children = partners.Where(x => x.p.ParentId is not null).ToLookup(x => x.p.ParentId!.Value);
        var ordered = new List<PartnerNode>(partners.Count);
        void Walk(IEnumerable<long> ids, int depth)
        {
            foreach (var x in ids.Select(id => byId[id]).OrderBy(x => x.p.Code, StringComparer.Ordinal))
            {
                var traded = activity.GetValueOrDefault(x.p.Id);
                ordered.Add(new PartnerNode(x.p.Id, x.p.Code, x.p.Name, x.p.ClientId, x.Number, x.p.Status, x.p.ParentId, depth,
                    clients.GetValueOrDefault(x.p.Id), children[x.p.Id].Count(), x.p.CreatedAt, traded?.Traders ?? 0, traded?.Lots ?? 0,
                    new Money(earned.GetValueOrDefault(x.p.Id), "USD")));
                Walk(children[x.p.Id].Select(c => c.p.Id), depth + 1);
            }
        }
        Walk(partners.Where(x => x.p.ParentId is null).Select(x => x.p.Id), 0);
        return ordered;
    }

    public async ValueTask<IReadOnlyList<AttributionRow>> Handle(ClientAttributionHistory query, CancellationToken ct) =>
        await (from a in db.ClientAttributions.AsNoTracking()
               join p in db.Partners.AsNoTracking() on a.PartnerId equals p.Id
               where a.ClientId == query.ClientId
               orderby a.From descending, a.Id descending
               select new AttributionRow(a.Id, p.Code, p.Name, a.From, a.To, a.Source, a.By, a.Reason)).ToListAsync(ct);
}

public sealed record ClientByNumber(long Id, long Number, string Name, string? PartnerCode);

/// <summary>A client by its number, with its partner now, for the partner forms; null when there is none.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record FindClientForPartners(long Number) : IBackOfficeQuery<ClientByNumber?>;

public sealed class FindClientForPartnersHandler(BackOfficeDb db) : IQueryHandler<FindClientForPartners, ClientByNumber?>
{
    public async ValueTask<ClientByNumber?> Handle(FindClientForPartners query, CancellationToken ct) =>
        await (from c in db.Clients.AsNoTracking()
               where c.Number == query.Number
               select new ClientByNumber(c.Id, c.Number, c.DisplayName,
                   (from a in db.ClientAttributions where a.ClientId == c.Id && a.To == null
                    join p in db.Partners on a.PartnerId equals p.Id select p.Code).FirstOrDefault())).FirstOrDefaultAsync(ct);
}
