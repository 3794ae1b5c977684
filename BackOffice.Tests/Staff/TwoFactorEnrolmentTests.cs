using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Access;
using BackOffice.Core.Staff.Profile;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Staff;

[Trait("Category", "Database")]
public sealed class TwoFactorEnrolmentTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public TwoFactorEnrolmentTests(SharedApp app) => _app = app;

    private string CodeFor(string key, int offset = 0) => Totp.Code(Totp.DecodeBase32(key), Totp.StepAt(_app.Clock.GetUtcNow()) + offset);

    [Fact]
    public async Task Enrolment_turns_two_factor_on_only_once_a_code_from_the_new_key_is_confirmed()
    {
        var setup = await _app.SendAs("support", new StartTwoFactorEnrolment());
        Must.Succeed(setup);
        Assert.StartsWith("otpauth://totp/BackOffice%3Asupport?secret=", setup.Value!.AuthenticatorUri, StringComparison.Ordinal);
        Assert.False(await _app.Db(db => db.Users.Where(u => u.UserName == "support").Select(u => u.TwoFactorEnabled).FirstAsync()));

        Must.Fail(await _app.SendAs("support", new ConfirmTwoFactorEnrolment("12345")), "validation");
        Must.Fail(await _app.SendAs("support", new ConfirmTwoFactorEnrolment(CodeFor(setup.Value.SharedKey, 5))), "validation");
        Must.Succeed(await _app.SendAs("support", new ConfirmTwoFactorEnrolment(CodeFor(setup.Value.SharedKey))));
        Assert.True(await _app.Db(db => db.Users.Where(u => u.UserName == "support").Select(u => u.TwoFactorEnabled).FirstAsync()));
        // The pending key is consumed: confirming again needs a new set-up.
        var reused = await _app.SendAs("support", new ConfirmTwoFactorEnrolment(CodeFor(setup.Value.SharedKey)));
        Must.Fail(reused, "two_factor.not_started");
    }

    [Fact]
    public async Task Re_enrolling_keeps_the_current_authenticator_working_until_the_new_one_is_confirmed()
    {
        var before = await _app.QueryAs("admin2", new MyAccess());
        Must.Succeed(await _app.SendAs("admin2", new StartTwoFactorEnrolment()));
        var during = await _app.QueryAs("admin2", new MyAccess());
        Assert.True(during.TwoFactorEnabled);
        Assert.Equal(before.Permissions.Count, during.Permissions.Count); // an administrator is not locked out mid-way
        var audit = await _app.Db(db => db.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync());
        Assert.Equal(nameof(StartTwoFactorEnrolment), audit.Action);
        Assert.DoesNotContain("PendingAuthenticatorKey", audit.After ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_whose_role_requires_two_factor_holds_no_permission_until_enrolled()
    {
        var finance2 = await _app.Db(db => db.Users.Where(u => u.UserName == "finance2").Select(u => u.Id).FirstAsync());
        Must.Succeed(await _app.SendAs("admin", new Core.Staff.Members.ResetStaffTwoFactor(finance2, "lost phone")));
        var locked = await _app.QueryAs("finance2", new MyAccess());
        Assert.True(locked.TwoFactorRequired);
        Assert.False(locked.TwoFactorEnabled);
        Assert.Empty(locked.Permissions);
        Must.Fail(await _app.SendAs("finance2", new Core.Operations.Alerts.AcknowledgeAlert(Guid.NewGuid())), "forbidden");

        var setup = await _app.SendAs("finance2", new StartTwoFactorEnrolment()); // their own profile stays open to them
        Must.Succeed(await _app.SendAs("finance2", new ConfirmTwoFactorEnrolment(CodeFor(setup.Value!.SharedKey))));
        var restored = await _app.QueryAs("finance2", new MyAccess());
        Assert.Contains(Core.Operations.OperationsPermissions.ManageAlerts, restored.Permissions);
    }
}
