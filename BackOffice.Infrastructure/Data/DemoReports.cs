using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Reports.Regions;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// What the demo's reports stand on beyond the book itself: a few region groups, and each demo client's moves along the
/// lifecycle (submitted, approved, restricted, closed) as the status history would hold them, so time to approve and the
/// funnel have real figures. The demo book writes clients with their status directly; this writes the moves that led there.
/// </summary>
public static class DemoReports
{
    private static readonly (string Name, string[] Countries)[] Groups =
    [
        ("GCC", ["AE", "BH", "KW", "OM", "QA", "SA"]),
        ("DACH", ["AT", "CH", "DE"]),
        ("Nordics", ["DK", "FI", "NO", "SE"]),
        ("Latin America desk", ["AR", "BR", "CL", "CO", "MX", "PE"]),
    ];

    public static async Task SeedAsync(BackOfficeDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (!await db.RegionGroups.AnyAsync(ct))
            db.RegionGroups.AddRange(Groups.Select(g => new RegionGroup { Name = g.Name, Countries = string.Join(",", g.Countries) }));
        var random = new Random(7);
        var now = clock.GetUtcNow().UtcDateTime;
        // Clients the demo's own commands already moved (a screening restriction, a withdrawal's checks) have their history.
        var clients = await db.Clients.AsNoTracking().Where(c => !db.ClientStatusChanges.Any(h => h.ClientId == c.Id))
            .Select(c => new { c.Id, c.Status, c.RegisteredAt, c.StatusChangedAt }).ToListAsync(ct);
        foreach (var c in clients.Where(c => c.Status != ClientStatus.Registered))
        {
            // Submitted within a day of registering; approved after a review of two hours to five days.
            var submitted = Min(c.RegisteredAt.AddMinutes(random.Next(10, 60 * 24)), now);
            db.ClientStatusChanges.Add(new ClientStatusChange { ClientId = c.Id, From = ClientStatus.Registered, To = ClientStatus.PendingReview, At = submitted });
            var changed = c.StatusChangedAt > submitted ? c.StatusChangedAt : submitted;
            if (c.Status == ClientStatus.PendingDocuments)
                db.ClientStatusChanges.Add(new ClientStatusChange { ClientId = c.Id, From = ClientStatus.PendingReview, To = ClientStatus.PendingDocuments, At = changed });
            if (c.Status is not (ClientStatus.Approved or ClientStatus.Restricted or ClientStatus.Closed)) continue;
            var approved = c.Status == ClientStatus.Approved ? changed : Min(submitted.AddHours(random.Next(2, 120)), changed);
            db.ClientStatusChanges.Add(new ClientStatusChange { ClientId = c.Id, From = ClientStatus.PendingReview, To = ClientStatus.Approved, At = approved });
            if (c.Status != ClientStatus.Approved)
                db.ClientStatusChanges.Add(new ClientStatusChange { ClientId = c.Id, From = ClientStatus.Approved, To = c.Status, At = changed });
        }
        await db.SaveChangesAsync(ct);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
