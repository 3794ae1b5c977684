using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Partners;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// The demo's partner network, as it would stand after half a year: a three-level tree (about forty introducing brokers
/// for the full demo book) whose partners signed up six months ago, and about a third of the other clients attributed
/// to them from the day they registered through a referral link.
/// </summary>
public static class DemoPartners
{
    public static async Task<int> SeedAsync(BackOfficeDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Partners.AnyAsync(ct)) return 0;
        var approved = await db.Clients.AsNoTracking().Where(c => c.Status == ClientStatus.Approved).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.DisplayName, c.Kind }).ToListAsync(ct);
        var count = Math.Min(40, approved.Count / 10);
        if (count < 3) return 0;
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-180);
        string[] desks = ["ALPHA", "BRAVO", "CEDAR", "DELTA", "EMBER", "FALCON", "GROVE", "HARBOR", "IRIS", "JADE"];
        var random = new Random(6);
        var stride = approved.Count / count;
        var partners = new List<Partner>();
        var topCount = Math.Max(1, count / 8);
        var secondCount = Math.Max(1, count * 3 / 8);
        for (var i = 0; i < count; i++)
        {
            var level = i < topCount ? 1 : i < topCount + secondCount ? 2 : 3;
            var parent = level == 1 ? null : level == 2 ? partners[random.Next(topCount)] : partners[topCount + random.Next(secondCount)];
            var code = level == 1 ? $"{desks[i % desks.Length]}-FX" : $"{parent!.Code.Split('-')[0]}-{i + 1:00}";
            var partner = new Partner
            {
                Code = code, ClientId = approved[i * stride].Id, Name = approved[i * stride].DisplayName,
                Status = i % 17 == 16 ? PartnerStatus.Suspended : PartnerStatus.Active, StatusReason = i % 17 == 16 ? "Marketing material under review" : null,
                ParentId = parent?.Id, CreatedAt = since.AddDays(level - 1), CreatedBy = "ib",
            };
            db.Partners.Add(partner);
            await db.SaveChangesAsync(ct);
            db.PartnerParentLinks.Add(new PartnerParentLink { PartnerId = partner.Id, ParentId = partner.ParentId, From = partner.CreatedAt, By = "ib", Reason = "partner created" });
            if (partner.Status != PartnerStatus.Active)
                db.PartnerStatusChanges.Add(new PartnerStatusChange { PartnerId = partner.Id, Status = partner.Status, From = partner.CreatedAt, By = "ib", Reason = partner.StatusReason });
            partners.Add(partner);
        }

        var partnerClients = partners.Select(p => p.ClientId).ToHashSet();
        var clients = await db.Clients.AsNoTracking().Where(c => c.RegisteredAt > since).OrderBy(c => c.Id).Select(c => new { c.Id, c.RegisteredAt }).ToListAsync(ct);
        var attributed = 0;
        foreach (var c in clients.Where(c => !partnerClients.Contains(c.Id)))
        {
            if (random.NextDouble() > 0.35) continue;
            var partner = partners[random.Next(partners.Count)];
            db.ClientAttributions.Add(new ClientAttribution
            {
                ClientId = c.Id, PartnerId = partner.Id, From = c.RegisteredAt < partner.CreatedAt ? partner.CreatedAt : c.RegisteredAt,
                Source = AttributionSource.Registration, By = $"referral code {partner.Code}",
            });
            attributed++;
        }
        await db.SaveChangesAsync(ct);
        // Written directly, not by commands: the partner report's client counts are counted once.
        await Core.Reports.Partners.PartnerClientCounts.RebuildAsync(db, ct);
        return partners.Count;
    }
}
