using BackOffice.Core.Common;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Members;
using BackOffice.Core.Staff.Roles;
using BackOffice.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Common;

[Trait("Category", "Database")]
public sealed class PipelineTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public PipelineTests(SharedApp app) => _app = app;

    private Task<int> AuditCount() => _app.Db(db => db.AuditEntries.CountAsync());

    [Fact]
    public async Task A_revoked_permission_or_a_disabled_member_is_refused_on_the_very_next_command()
    {
        // The permission stage remembers permission sets between commands; a change to the matrix must reach it at once.
        var role = await _app.Db(db => db.Roles.FirstAsync(r => r.Name == DefaultRoles.Risk));
        // "Not found" means the command got past the permission stage to its handler.
        Must.Fail(await _app.SendAs("risk", new BackOffice.Core.Accounts.Sync.ResyncTradingAccount(-1, "warm the cache")), "not_found");

        var requested = await _app.SendAs("admin", new ChangeRolePermissions(role.Id, role.Name!, [], [BackOffice.Core.Accounts.AccountsPermissions.PlatformSync], "Risk no longer resyncs"));
        Must.Succeed(await _app.SendAs("admin2", new BackOffice.Core.Staff.FourEyes.ApprovePendingOperation(requested.PendingOperationId!.Value, "agreed")));
        Must.Fail(await _app.SendAs("risk", new BackOffice.Core.Accounts.Sync.ResyncTradingAccount(-1, "again")), "forbidden");

        var back = await _app.SendAs("admin", new ChangeRolePermissions(role.Id, role.Name!, [BackOffice.Core.Accounts.AccountsPermissions.PlatformSync], [], "Restore"));
        Must.Succeed(await _app.SendAs("admin2", new BackOffice.Core.Staff.FourEyes.ApprovePendingOperation(back.PendingOperationId!.Value, "agreed")));
        Must.Fail(await _app.SendAs("risk", new BackOffice.Core.Accounts.Sync.ResyncTradingAccount(-1, "restored")), "not_found");

        var risk = await _app.ActorAsync("risk");
        Must.Succeed(await _app.SendAs("admin", new DisableStaffMember(risk.StaffId!, "left the company")));
        Must.Fail(await _app.SendAs("risk", new BackOffice.Core.Accounts.Sync.ResyncTradingAccount(-1, "after leaving")), "forbidden");
        Must.Succeed(await _app.SendAs("admin", new EnableStaffMember(risk.StaffId!, "rehired")));
    }

    [Fact]
    public async Task Invalid_command_gets_field_errors_and_writes_nothing()
    {
        var before = await AuditCount();
        var result = await _app.SendAs("admin", new AddWebhookSubscription("", "ftp://crm.example", "*"));
        var error = Must.Fail(result, "validation");
        Assert.Contains("Url", error.Fields!.Keys);
        Assert.Contains("Name", error.Fields!.Keys);
        Assert.Equal(before, await AuditCount());
        Assert.Equal(0, await _app.Db(db => db.WebhookSubscriptions.CountAsync(s => s.Url == "ftp://crm.example")));
    }

    [Fact]
    public async Task Validation_runs_before_permission_and_permission_before_four_eyes()
    {
        // Support holds neither admin.webhooks nor admin.roles.
        var invalid = await _app.SendAs("support", new AddWebhookSubscription("", "not a url", "*"));
        Must.Fail(invalid, "validation");

        var valid = await _app.SendAs("support", new AddWebhookSubscription("CRM", "https://crm.example/hook", "*"));
        Must.Fail(valid, "forbidden");

        var role = await _app.Db(db => db.Roles.FirstAsync(r => r.Name == DefaultRoles.Support));
        var pendingBefore = await _app.Db(db => db.PendingOperations.CountAsync());
        var sensitive = await _app.SendAs("support", new ChangeRolePermissions(role.Id, role.Name!, ["audit.view"], [], "more access"));
        Must.Fail(sensitive, "forbidden");
        Assert.Equal(pendingBefore, await _app.Db(db => db.PendingOperations.CountAsync()));
    }

    [Fact]
    public async Task A_denied_attempt_is_logged_with_names_and_never_the_payload()
    {
        var logs = _app.Services.GetRequiredService<TestLogSink>();
        await _app.SendAs("support", new CreateStaffMember("mallory", "Mallory", "m@example.com", "secret-password-123456"));
        var lines = logs.Lines;
        Assert.Contains(lines, l => l.Contains("Permission denied", StringComparison.Ordinal) && l.Contains("CreateStaffMember", StringComparison.Ordinal)
            && l.Contains("admin.staff", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("secret-password-123456", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_command_commits_its_row_audit_entry_and_outbox_message_together()
    {
        Must.Succeed(await _app.SendAs("admin", new AddWebhookSubscription("Warehouse", "https://dw.example/hook", "staff.created")));
        var result = await _app.SendAs("admin", new CreateStaffMember("newbie", "New Bie", "newbie@example.com", "a-long-initial-password"));
        Must.Succeed(result);

        var entry = await _app.Db(db => db.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync());
        Assert.Equal("CreateStaffMember", entry.Action);
        Assert.Equal("StaffMember", entry.EntityType);
        Assert.Equal(result.Value, entry.EntityId);
        Assert.Equal("admin", entry.ActorName);
        Assert.Equal("127.0.0.1", entry.Ip);
        Assert.DoesNotContain("a-long-initial-password", entry.After!, StringComparison.Ordinal);
        Assert.DoesNotContain("PasswordHash", entry.After!, StringComparison.Ordinal);
        var message = await _app.Db(db => db.Outbox.SingleAsync(m => m.EventType == "staff.created" && m.Payload.Contains("newbie")));
        Assert.Equal(OutboxStatus.Pending, message.Status);
    }

    [Fact]
    public async Task A_refused_rule_rolls_back_everything_the_handler_did()
    {
        // The admin role losing admin.roles would leave no administrator: refused, and the matrix is unchanged.
        var admin = await _app.Db(db => db.Roles.FirstAsync(r => r.Name == DefaultRoles.Administrator));
        var before = await _app.Db(db => db.RolePermissions.CountAsync(p => p.RoleId == admin.Id));
        var op = await _app.SendAs("admin", new ChangeRolePermissions(admin.Id, admin.Name!, [], [StaffPermissions.RequestRoleChange], "tidy up"));
        Must.Succeed(op);
        var approve = await _app.SendAs("admin2", new Core.Staff.FourEyes.ApprovePendingOperation(op.PendingOperationId!.Value, null));
        var error = Must.Fail(approve, "staff.last_administrator");
        Assert.Contains("no enabled administrator", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await _app.Db(db => db.RolePermissions.CountAsync(p => p.RoleId == admin.Id)));
        var stillPending = await _app.Db(db => db.PendingOperations.FindAsync(op.PendingOperationId!.Value).AsTask());
        Assert.Equal(Core.Staff.FourEyes.PendingOperationStatus.Pending, stillPending!.Status);
    }
}
