using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Staff;

[Trait("Category", "Database")]
public sealed class StaffMemberTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public StaffMemberTests(SharedApp app) => _app = app;

    private Task<string> IdOf(string userName) => _app.Db(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).FirstAsync());

    [Fact]
    public async Task Disabling_yourself_is_refused()
    {
        var error = Must.Fail(await _app.SendAs("admin", new DisableStaffMember(await IdOf("admin"), "testing")), "staff.self_disable");
        Assert.Contains("your own account", error.Message, StringComparison.Ordinal);
        Assert.False(await _app.Db(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Disabled).FirstAsync()));
    }

    [Fact]
    public async Task Disabling_one_of_the_two_administrators_is_refused_while_no_third_can_approve()
    {
        await using var app = new TestApp(); // this test changes who administers: it gets its own database
        var admin2 = await app.Db(db => db.Users.Where(u => u.UserName == "admin2").Select(u => u.Id).FirstAsync());
        var error = Must.Fail(await app.SendAs("admin", new DisableStaffMember(admin2, "leaves the company")), "staff.too_few_approvers");
        Assert.Contains("Appoint another administrator first", error.Message, StringComparison.Ordinal);
        Assert.False(await app.Db(db => db.Users.Where(u => u.Id == admin2).Select(u => u.Disabled).FirstAsync()));
    }

    [Fact]
    public async Task Disabling_the_last_administrator_is_refused()
    {
        await using var app = new TestApp();
        await using (var scope = app.Scopes.CreateAsyncScope())
        {
            // Setting the scene directly: admin2 has already left, and Support was given staff management.
            var db = scope.ServiceProvider.GetRequiredService<Core.Common.Data.BackOfficeDb>();
            (await db.Users.FirstAsync(u => u.UserName == "admin2")).Disabled = true;
            var supportRole = await db.Roles.FirstAsync(r => r.Name == DefaultRoles.Support);
            db.RolePermissions.Add(new RolePermission { RoleId = supportRole.Id, Permission = StaffPermissions.ManageStaff });
            await db.SaveChangesAsync();
        }
        var admin = await app.Db(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).FirstAsync());
        var error = Must.Fail(await app.SendAs("support", new DisableStaffMember(admin, "takeover")), "staff.last_administrator");
        Assert.Contains("no enabled administrator", error.Message, StringComparison.Ordinal);
        Assert.False(await app.Db(db => db.Users.Where(u => u.UserName == "admin").Select(u => u.Disabled).FirstAsync()));
    }

    [Fact]
    public async Task Creating_staff_with_a_taken_user_name_is_refused_per_field()
    {
        var error = Must.Fail(await _app.SendAs("admin", new CreateStaffMember("support", "Other", "o@example.com", "long-enough-password")), "validation");
        Assert.Contains("UserName", error.Fields!.Keys);
    }
}
