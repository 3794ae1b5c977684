using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using BackOffice.Core.Operations.Alerts;
using BackOffice.Core.Reports.Regions;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Access;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Core.Staff.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// What the demo's reports stand on beyond the book itself: a few region groups, and each demo client's moves along the
/// lifecycle (submitted, approved, restricted, closed) as the status history would hold them, so time to approve and the
/// funnel have real figures. The demo book writes clients with their status directly; this writes the moves that led there.
/// The region groups and a morning of staff activity (a role change approved, one rejected, failed sign-ins, alerts handled)
/// go through the real commands, so the permission and abnormal events reports have an audit trail to read.
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

    public static async Task SeedAsync(IServiceScopeFactory scopes, BackOfficeDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (!await db.RegionGroups.AnyAsync(ct))
            await StaffActivityAsync(scopes, db, ct);
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
        await db.Database.ExecuteSqlRawAsync(Core.Accounts.Lifecycle.ClientMoves.ApprovedAtFromHistorySql, ct); // the history was written directly
    }

    private static async Task StaffActivityAsync(IServiceScopeFactory scopes, BackOfficeDb db, CancellationToken ct)
    {
        var staff = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.Id, ct);
        Actor As(string user) => new(staff[user], user, "127.0.0.1", "demo", Actor.NewCorrelationId());
        async Task<Result> Send(string user, IBackOfficeCommand<Result> command) => await scopes.SendAsAsync(command, As(user), ct);
        foreach (var (name, countries) in Groups)
            await scopes.SendAsAsync(new CreateRegionGroup(name, countries), As("admin"), ct);
        var granted = await Send("admin", new AssignStaffRoles(staff["risk"], "risk", [DefaultRoles.Risk, DefaultRoles.Support], "Covers the support desk on Fridays"));
        if (granted.PendingOperationId is { } grant)
            await Send("admin2", new ApprovePendingOperation(grant, "Agreed with the head of support"));
        var refused = await Send("admin", new AssignStaffRoles(staff["support"], "support", [DefaultRoles.Support, DefaultRoles.Finance], "Holiday cover"));
        if (refused.PendingOperationId is { } refusal)
            await Send("admin2", new RejectPendingOperation(refusal, "Finance needs two-factor enrolment first"));
        var system = Actor.System("sign-in");
        for (var i = 0; i < 5; i++)
            await scopes.SendAsAsync(new RecordLoginEvent(staff["finance"], "finance", LoginEventKind.Failure, "203.0.113.24", "demo"), system, ct);
        foreach (var ip in new[] { "127.0.0.1", "198.51.100.40" })
            await scopes.SendAsAsync(new RecordLoginEvent(staff["admin2"], "admin2", LoginEventKind.Success, ip, "demo"), system, ct);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.Status == AlertStatus.Open).OrderBy(a => a.RaisedAt).Take(4).Select(a => a.Id).ToListAsync(ct);
        foreach (var id in alerts.Take(3))
            await Send("finance2", new AcknowledgeAlert(id));
        foreach (var id in alerts.Take(2))
            await Send("finance2", new ResolveAlert(id, "Checked with the provider: settled"));
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
