using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>A partner's client as the partner portal may show it: no full e-mail, no name.</summary>
public sealed record ApiPartnerClient(long Number, string Email, string Country, string Status, DateTime RegisteredAt, DateTime AttributedFrom);

/// <summary>The clients attributed to a partner now, for the partner portal; null when there is no such partner.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record PartnerClientsForApi(long PartnerId) : IBackOfficeQuery<IReadOnlyList<ApiPartnerClient>?>;

public sealed class PartnerClientsForApiHandler(BackOfficeDb db) : IQueryHandler<PartnerClientsForApi, IReadOnlyList<ApiPartnerClient>?>
{
    public async ValueTask<IReadOnlyList<ApiPartnerClient>?> Handle(PartnerClientsForApi query, CancellationToken ct)
    {
        if (!await db.Partners.AnyAsync(p => p.Id == query.PartnerId, ct)) return null;
        var rows = await (from a in db.ClientAttributions.AsNoTracking()
                          where a.PartnerId == query.PartnerId && a.To == null
                          join c in db.Clients.AsNoTracking() on a.ClientId equals c.Id
                          orderby a.From
                          select new { c.Number, c.Email, c.Country, c.Status, c.RegisteredAt, a.From }).Take(10_000).ToListAsync(ct);
        return [.. rows.Select(r => new ApiPartnerClient(r.Number, MaskEmail(r.Email), r.Country, r.Status.ToString(), r.RegisteredAt, r.From))];
    }

    /// <summary>"jane.doe@example.com" → "j•••@example.com".</summary>
    public static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        return at <= 0 ? "•••" : email[0] + "•••" + email[at..];
    }
}
