using BackOffice.Core.Common;
using BackOffice.Core.Operations;
using BackOffice.Core.Operations.Alerts;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Regions;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Access;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Core.Staff.Members;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Tests.Reports.ReportBook;

namespace BackOffice.Tests.Reports;

/// <summary>Each runs on a day of its own (the 27th), so what the demo seeding did on the 26th stays out of the figures.</summary>
[Trait("Category", "Database")]
public sealed class PermissionReportTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task Administrator_operations_sensitive_changes_role_changes_abnormal_sign_ins_and_four_eyes_by_checker()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        var day = new DateOnly(2026, 11, 27);
        var support = await app.ActorAsync("support");
        var risk = await app.ActorAsync("risk");
        var granted = await app.SendAs("admin", new AssignStaffRoles(support.StaffId!, "support", [DefaultRoles.Support, DefaultRoles.Risk], "Covers the risk desk"));
        var refused = await app.SendAs("admin", new AssignStaffRoles(risk.StaffId!, "risk", [DefaultRoles.Risk, DefaultRoles.Finance], "Holiday cover"));
        Assert.True(granted.IsPendingApproval && refused.IsPendingApproval);
        app.Clock.Advance(TimeSpan.FromHours(1));
        Must.Succeed(await app.SendAs("admin2", new RejectPendingOperation(refused.PendingOperationId!.Value, "Finance needs two-factor first")));
        app.Clock.Advance(TimeSpan.FromHours(1));
        Must.Succeed(await app.SendAs("admin2", new ApprovePendingOperation(granted.PendingOperationId!.Value, "Agreed with the head of risk")));
        Must.Succeed(await app.SendAs("admin", new CreateRegionGroup("Baltics", ["PL", "FI"])));
        for (var i = 0; i < 2; i++)
            Must.Succeed(await app.Scopes.SendAsAsync(new RecordLoginEvent(risk.StaffId, "risk", LoginEventKind.Failure, "203.0.113.9", "tests"), ReportBook.SystemActor));
        Must.Succeed(await app.Scopes.SendAsAsync(new RecordLoginEvent(risk.StaffId, "risk", LoginEventKind.Success, "203.0.113.9", "tests"), ReportBook.SystemActor));

        var report = await RunAsync(app, ReportKind.Permissions, new ReportFilter(day, day), "admin");
        Assert.Equal(1L, report.Value("Four-eyes approved"));
        Assert.Equal(1L, report.Value("Four-eyes rejected"));
        Assert.Equal(0L, report.Value("Four-eyes expired"));
        Assert.Equal(1.5m, report.Value("Average time to decide")); // 1 h and 2 h
        Assert.Equal(["admin2", 1L, 1L, 1.5m], report.Row("checkers", "admin2"));
        Assert.Equal(1L, report.Value("Role changes"));
        var change = report.Table("role-changes").Rows.Single();
        Assert.Equal(("admin", "admin2", nameof(AssignStaffRoles)), (change[1], change[2], change[3]));
        var riskRole = await app.Db(db => db.Roles.Where(r => r.Name == DefaultRoles.Risk).Select(r => r.Id).SingleAsync());
        Assert.Contains(riskRole, (string)change[7]!); // the assignment added, as the audit trail recorded it
        var sensitive = Assert.Single(report.Table("sensitive").Rows, r => (string?)r[3] == nameof(AssignStaffRoles));
        Assert.Equal("Covers the risk desk", sensitive[6]);
        Assert.Equal(2L, report.Value("Abnormal sign-ins"));
        Assert.All(report.Table("sign-ins").Rows, r => Assert.Equal(("risk", "Failure"), (r[1], r[2])));
        // Administrators' own entries: two requests, a rejection, an approval, the executed change (made by admin) and the region group.
        var actions = report.Table("admin-operations").Rows.Select(r => (string)r[2]!).ToList();
        string[] expected = [nameof(RequestFourEyesOperation), nameof(RequestFourEyesOperation), nameof(RejectPendingOperation), nameof(AssignStaffRoles),
            nameof(ApprovePendingOperation), nameof(CreateRegionGroup)];
        Assert.Equal(expected.Order(), actions.Order());
        Assert.Equal((long)actions.Count, report.Value("Administrator operations"));

        // Staff means who acted: admin2 decided both and approved the executed change.
        var byChecker = await RunAsync(app, ReportKind.Permissions, new ReportFilter(day, day, Staff: "admin2"), "admin");
        Assert.Equal((1L, 1L, 0L), (byChecker.Value("Four-eyes approved"), byChecker.Value("Four-eyes rejected"), byChecker.Value("Abnormal sign-ins")));
        var byRisk = await RunAsync(app, ReportKind.Permissions, new ReportFilter(day, day, Staff: "risk"), "admin");
        Assert.Equal((2L, 0L, 0L), (byRisk.Value("Abnormal sign-ins"), byRisk.Value("Administrator operations"), byRisk.Value("Four-eyes approved")));

        // The lists follow the staff member as maker and as approver: admin made the change, admin2 approved it; risk did neither.
        var byMaker = await RunAsync(app, ReportKind.Permissions, new ReportFilter(day, day, Staff: "admin"), "admin");
        foreach (var (filtered, who) in new[] { (byMaker, 1), (byChecker, 2) })
        {
            var row = Assert.Single(filtered.Table("sensitive").Rows, r => (string?)r[3] == nameof(AssignStaffRoles));
            Assert.Equal(who == 1 ? "admin" : "admin2", row[who]);
            Assert.Equal(nameof(AssignStaffRoles), Assert.Single(filtered.Table("role-changes").Rows)[3]);
        }
        Assert.DoesNotContain(byRisk.Table("sensitive").Rows, r => (string?)r[3] == nameof(AssignStaffRoles));
        Assert.Empty(byRisk.Table("role-changes").Rows);
    }
}

[Trait("Category", "Database")]
public sealed class AbnormalEventsReportTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task Every_alert_with_its_time_to_acknowledge_and_to_resolve_by_kind_and_by_who_handled_it()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));
        var day = new DateOnly(2026, 11, 27);
        var ib = await app.ActorAsync("ib");
        // Five failed sign-ins raise a burst alert; a sign-in from a second address raises a new-address alert.
        for (var i = 0; i < 5; i++)
            Must.Succeed(await app.Scopes.SendAsAsync(new RecordLoginEvent(ib.StaffId, "ib", LoginEventKind.Failure, "198.51.100.7", "tests"), ReportBook.SystemActor));
        Must.Succeed(await app.Scopes.SendAsAsync(new RecordLoginEvent(ib.StaffId, "ib", LoginEventKind.Success, "10.0.0.1", "tests"), ReportBook.SystemActor));
        Must.Succeed(await app.Scopes.SendAsAsync(new RecordLoginEvent(ib.StaffId, "ib", LoginEventKind.Success, "10.0.0.2", "tests"), ReportBook.SystemActor));
        var alerts = await app.Db(db => db.Alerts.AsNoTracking().Where(a => a.RaisedAt >= new DateTime(2026, 11, 27, 0, 0, 0, DateTimeKind.Utc)).ToListAsync());
        var burst = Assert.Single(alerts, a => a.Kind == AlertKinds.LoginBurst);
        var newIp = Assert.Single(alerts, a => a.Kind == AlertKinds.NewIpLogin);

        // Risk acknowledges the burst after 2 h and resolves it after 5 h; an administrator resolves the new address at 5 h without acknowledging.
        app.Clock.Advance(TimeSpan.FromHours(2));
        Must.Succeed(await app.SendAs("risk", new AcknowledgeAlert(burst.Id)));
        app.Clock.Advance(TimeSpan.FromHours(3));
        Must.Succeed(await app.SendAs("risk", new ResolveAlert(burst.Id, "Forgot the new password; reset")));
        Must.Succeed(await app.SendAs("admin", new ResolveAlert(newIp.Id, "Home office")));

        var report = await RunAsync(app, ReportKind.Events, new ReportFilter(day, day));
        Assert.Equal(2L, report.Value("Alerts raised"));
        Assert.Equal(0L, report.Value("Not resolved"));
        Assert.Equal(3.5m, report.Value("Average time to acknowledge")); // 2 h and 5 h (resolved without acknowledgement)
        Assert.Equal(5m, report.Value("Average time to resolve"));
        Assert.Equal([1L, 0L, 0L, 1L, 2m, 5m], report.Row("kinds", AlertKinds.LoginBurst)[1..]);
        Assert.Equal([1L, 0L, 0L, 1L, 5m, 5m], report.Row("kinds", AlertKinds.NewIpLogin)[1..]);
        Assert.Equal([day, 2L, 0L], report.Row("daily", day));
        var row = Assert.Single(report.Table("alerts").Rows, r => (string?)r[1] == AlertKinds.LoginBurst);
        Assert.Equal(("risk", "risk", "Forgot the new password; reset"), (row[6], row[8], row[9]));

        var handledByRisk = await RunAsync(app, ReportKind.Events, new ReportFilter(day, day, Staff: "risk"));
        Assert.Equal(1L, handledByRisk.Value("Alerts raised"));
        Assert.Equal(ReportCatalogue.Of(ReportKind.Events).StaffMeaning, handledByRisk.StaffMeaning);
    }
}
