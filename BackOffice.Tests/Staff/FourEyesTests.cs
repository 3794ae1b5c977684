using BackOffice.Core.Common;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Core.Staff.Members;
using BackOffice.Core.Staff.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Staff;

[Trait("Category", "Database")]
public sealed class FourEyesTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public FourEyesTests(SharedApp app) => _app = app;

    private async Task<(string Id, string Name)> RoleAsync(string name)
    {
        var role = await _app.Db(db => db.Roles.FirstAsync(r => r.Name == name));
        return (role.Id, role.Name!);
    }

    private Task<bool> RoleHolds(string roleId, string permission) =>
        _app.Db(db => db.RolePermissions.AnyAsync(p => p.RoleId == roleId && p.Permission == permission));

    private async Task<Guid> RequestGrantAsync(string roleName, string permission)
    {
        var (id, name) = await RoleAsync(roleName);
        var result = await _app.SendAs("admin", new ChangeRolePermissions(id, name, [permission], [], "Support needs it"));
        Must.Succeed(result);
        Assert.True(result.IsPendingApproval);
        return result.PendingOperationId!.Value;
    }

    [Fact]
    public async Task A_role_change_waits_for_a_second_administrator_and_then_runs_as_recorded()
    {
        var (supportId, _) = await RoleAsync(DefaultRoles.Support);
        var opId = await RequestGrantAsync(DefaultRoles.Support, StaffPermissions.ViewAudit);
        Assert.False(await RoleHolds(supportId, StaffPermissions.ViewAudit));

        var op = await _app.Db(db => db.PendingOperations.SingleAsync(o => o.Id == opId));
        Assert.Equal("admin", op.MakerName);
        Assert.Equal("Support needs it", op.Reason);
        Assert.Contains("grant audit.view", op.Summary, StringComparison.Ordinal);
        Assert.Equal(StaffPermissions.ApproveRoleChange, op.CheckerPermission);

        Must.Succeed(await _app.SendAs("admin2", new ApprovePendingOperation(opId, "ok")));
        Assert.True(await RoleHolds(supportId, StaffPermissions.ViewAudit));

        var executed = await _app.Db(db => db.AuditEntries.Where(a => a.Action == nameof(ChangeRolePermissions)).OrderByDescending(a => a.Sequence).FirstAsync());
        Assert.Equal("admin", executed.ActorName);
        Assert.Equal("admin2", executed.ApproverName);
        Assert.Equal("Support needs it", executed.Reason);
        Assert.Contains(StaffPermissions.ViewAudit, executed.After!, StringComparison.Ordinal);
        var decision = await _app.Db(db => db.AuditEntries.Where(a => a.Action == nameof(ApprovePendingOperation)).OrderByDescending(a => a.Sequence).FirstAsync());
        Assert.Equal("admin2", decision.ActorName);
        Assert.Null(decision.ApproverName);
        Assert.Equal(executed.Sequence + 1, decision.Sequence);
        Assert.Equal(PendingOperationStatus.Approved, (await _app.Db(db => db.PendingOperations.SingleAsync(o => o.Id == opId))).Status);
    }

    [Fact]
    public async Task Approval_by_the_maker_is_refused()
    {
        var opId = await RequestGrantAsync(DefaultRoles.Risk, StaffPermissions.ViewAudit);
        var error = Must.Fail(await _app.SendAs("admin", new ApprovePendingOperation(opId, null)), "four_eyes.self");
        Assert.Contains("different staff member", error.Message, StringComparison.Ordinal);
        Assert.Equal(PendingOperationStatus.Pending, (await _app.Db(db => db.PendingOperations.SingleAsync(o => o.Id == opId))).Status);
    }

    [Fact]
    public async Task A_checker_without_the_checker_permission_is_refused()
    {
        var opId = await RequestGrantAsync(DefaultRoles.Risk, StaffPermissions.ViewSecurity);
        // Finance may decide pending operations in general, but not role changes.
        Must.Fail(await _app.SendAs("compliance", new ApprovePendingOperation(opId, null)), "forbidden");
    }

    [Fact]
    public async Task Two_checkers_approving_at_once_exactly_one_wins_and_the_other_is_told_who()
    {
        // A third administrator, so that two different checkers exist besides the maker.
        var created = await _app.SendAs("admin", new CreateStaffMember("admin3", "Ari Admin", "admin3@example.com", "another-long-password"));
        Must.Succeed(created);
        var assign = await _app.SendAs("admin", new AssignStaffRoles(created.Value!, "admin3", [DefaultRoles.Administrator], "cover"));
        Must.Succeed(await _app.SendAs("admin2", new ApprovePendingOperation(assign.PendingOperationId!.Value, null)));
        await using (var scope = _app.Scopes.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffMember>>();
            var admin3 = (await users.FindByNameAsync("admin3"))!;
            await users.ResetAuthenticatorKeyAsync(admin3);
            await users.SetTwoFactorEnabledAsync(admin3, true);
        }

        var opId = await RequestGrantAsync(DefaultRoles.Manager, StaffPermissions.ViewSecurity);
        var results = await Task.WhenAll(
            _app.SendAs("admin2", new ApprovePendingOperation(opId, null)),
            _app.SendAs("admin3", new ApprovePendingOperation(opId, null)));

        Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        Assert.Matches("already approved by (admin2|admin3)", loser.Error!.Message);
        var executions = await _app.Db(db => db.AuditEntries.CountAsync(a => a.Action == nameof(ChangeRolePermissions) && a.ApproverName != null
            && a.After!.Contains(StaffPermissions.ViewSecurity) && a.EntityId == db.Roles.First(r => r.Name == DefaultRoles.Manager).Id));
        Assert.Equal(1, executions);
    }

    [Fact]
    public async Task An_expired_operation_cannot_be_approved_and_is_marked_expired()
    {
        var opId = await RequestGrantAsync(DefaultRoles.IbManager, StaffPermissions.ViewAudit);
        _app.Clock.Advance(TimeSpan.FromHours(49));
        try
        {
            var error = Must.Fail(await _app.SendAs("admin2", new ApprovePendingOperation(opId, null)), "four_eyes.expired");
            Assert.Contains("expired", error.Message, StringComparison.Ordinal);
            // The scheduler wakes when the clock moves and may sweep at the same moment (then this sweep loses the
            // optimistic-concurrency race); either way the operation ends expired.
            await _app.Scopes.SendAsAsync(new ExpirePendingOperations(), Actor.System("expiry"));
            Assert.Equal(PendingOperationStatus.Expired, (await _app.Db(db => db.PendingOperations.SingleAsync(o => o.Id == opId))).Status);
            var (ibId, _) = await RoleAsync(DefaultRoles.IbManager);
            Assert.False(await RoleHolds(ibId, StaffPermissions.ViewAudit));
        }
        finally
        {
            _app.Clock.Advance(TimeSpan.FromHours(49)); // keep later tests' operations fresh relative to the moved clock
        }
    }

    [Fact]
    public async Task A_rejected_operation_never_runs_and_records_who_and_why()
    {
        var (complianceId, _) = await RoleAsync(DefaultRoles.Compliance);
        var opId = await RequestGrantAsync(DefaultRoles.Compliance, StaffPermissions.ManageStaff);
        Must.Fail(await _app.SendAs("admin2", new RejectPendingOperation(opId, "")), "validation");
        Must.Succeed(await _app.SendAs("admin2", new RejectPendingOperation(opId, "Compliance must not manage staff")));
        var op = await _app.Db(db => db.PendingOperations.SingleAsync(o => o.Id == opId));
        Assert.Equal(PendingOperationStatus.Rejected, op.Status);
        Assert.Equal("admin2", op.DecidedByName);
        Assert.False(await RoleHolds(complianceId, StaffPermissions.ManageStaff));
        var late = Must.Fail(await _app.SendAs("admin", new CancelPendingOperation(opId)), "conflict");
        Assert.Contains("rejected by admin2", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_maker_may_cancel_their_request()
    {
        var opId = await RequestGrantAsync(DefaultRoles.Support, StaffPermissions.ViewSecurity);
        Must.Fail(await _app.SendAs("admin2", new CancelPendingOperation(opId)), "four_eyes.not_maker");
        Must.Succeed(await _app.SendAs("admin", new CancelPendingOperation(opId)));
        Assert.Equal(PendingOperationStatus.Cancelled, (await _app.Db(db => db.PendingOperations.SingleAsync(o => o.Id == opId))).Status);
    }

    [Fact]
    public async Task A_four_eyes_request_without_a_reason_is_refused()
    {
        var (id, name) = await RoleAsync(DefaultRoles.Support);
        var error = Must.Fail(await _app.SendAs("admin", new ChangeRolePermissions(id, name, ["audit.view"], [], " ")), "validation");
        Assert.Contains("Reason", error.Fields!.Keys);
    }

    [Fact]
    public async Task Two_approved_changes_to_one_role_both_hold_whatever_the_order()
    {
        var (roleId, _) = await RoleAsync(DefaultRoles.Finance);
        var first = await RequestGrantAsync(DefaultRoles.Finance, StaffPermissions.ViewSecurity);
        var second = await RequestGrantAsync(DefaultRoles.Finance, StaffPermissions.VerifyAudit);
        Must.Succeed(await _app.SendAs("admin2", new ApprovePendingOperation(first, null)));
        Must.Succeed(await _app.SendAs("admin2", new ApprovePendingOperation(second, null)));
        // The second request was made before the first was approved; approving it must not undo the first.
        Assert.True(await RoleHolds(roleId, StaffPermissions.ViewSecurity));
        Assert.True(await RoleHolds(roleId, StaffPermissions.VerifyAudit));
        Assert.True(await RoleHolds(roleId, Core.Operations.OperationsPermissions.ViewDashboard));
    }

    [Fact]
    public async Task A_change_that_grants_and_revokes_the_same_permission_is_refused()
    {
        var (id, name) = await RoleAsync(DefaultRoles.Support);
        Must.Fail(await _app.SendAs("admin", new ChangeRolePermissions(id, name, ["audit.view"], ["audit.view"], "confused")), "validation");
        Must.Fail(await _app.SendAs("admin", new ChangeRolePermissions(id, name, [], [], "nothing")), "validation");
        Must.Fail(await _app.SendAs("admin", new ChangeRolePermissions(id, name, ["made.up"], [], "unknown")), "validation");
    }
}
