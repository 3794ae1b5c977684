using BackOffice.Core.Common;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Staff;

[Trait("Category", "Database")]
public sealed class LoginMonitoringTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public LoginMonitoringTests(SharedApp app) => _app = app;

    private Task Record(string? staffId, string user, LoginEventKind kind, string ip) =>
        _app.Scopes.SendAsAsync(new RecordLoginEvent(staffId, user, kind, ip, "tests"), Actor.System("sign-in"));

    [Fact]
    public async Task A_sign_in_from_a_new_address_raises_a_security_alert_once_the_usual_address_is_known()
    {
        var id = await _app.Db(db => db.Users.Where(u => u.UserName == "ib").Select(u => u.Id).FirstAsync());
        await Record(id, "ib", LoginEventKind.Success, "10.0.0.5"); // first ever sign-in: nothing to compare with
        await Record(id, "ib", LoginEventKind.Success, "10.0.0.5");
        Assert.False(await _app.Db(db => db.Alerts.AnyAsync(a => a.Kind == AlertKinds.NewIpLogin && a.EntityId == id)));

        await Record(id, "ib", LoginEventKind.Success, "203.0.113.9");
        var alert = await _app.Db(db => db.Alerts.SingleAsync(a => a.Kind == AlertKinds.NewIpLogin && a.EntityId == id));
        Assert.Contains("203.0.113.9", alert.Message, StringComparison.Ordinal);
        Assert.True(await _app.Db(db => db.LoginEvents.AnyAsync(e => e.StaffId == id && e.Kind == LoginEventKind.NewIp)));
        // Security alerts go to staff holding security.view.
        Assert.Equal(StaffPermissions.ViewSecurity, AlertKinds.PermissionFor(AlertKinds.NewIpLogin));
    }

    [Fact]
    public async Task A_burst_of_failures_raises_one_alert_not_one_per_failure()
    {
        for (var i = 0; i < 8; i++)
            await Record(null, "ghost-user", LoginEventKind.Failure, "198.51.100.7");
        Assert.Equal(1, await _app.Db(db => db.Alerts.CountAsync(a => a.Kind == AlertKinds.LoginBurst && a.EntityId == "ghost-user")));
    }

    [Fact]
    public async Task The_application_refuses_to_change_an_audit_entry()
    {
        await Record(null, "someone", LoginEventKind.Failure, "198.51.100.8");
        await using var scope = _app.Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Common.Data.BackOfficeDb>();
        var entry = await db.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync();
        entry.Reason = "rewritten";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.AuditEntries.Remove(await db.AuditEntries.OrderBy(a => a.Sequence).FirstAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}
