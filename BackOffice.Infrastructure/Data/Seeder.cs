using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Infrastructure.Data;

public sealed record DemoLogin(string UserName, string Password, string Roles, string? AuthenticatorKey);

/// <summary>The seven roles on an empty database; in demo mode, one staff member per role and a second Finance, Compliance and Administrator.</summary>
public sealed class Seeder(BackOfficeDb db, UserManager<StaffMember> users, RoleManager<StaffRole> roles, TimeProvider clock)
{
    public const string DemoPassword = "Demo-Pass-2026!";

    private static readonly (string User, string Name, string Role)[] DemoStaff =
    [
        ("admin", "Alex Admin", DefaultRoles.Administrator),
        ("admin2", "Avery Admin", DefaultRoles.Administrator),
        ("compliance", "Chris Compliance", DefaultRoles.Compliance),
        ("compliance2", "Casey Compliance", DefaultRoles.Compliance),
        ("finance", "Fran Finance", DefaultRoles.Finance),
        ("finance2", "Felix Finance", DefaultRoles.Finance),
        ("support", "Sam Support", DefaultRoles.Support),
        ("risk", "Riley Risk", DefaultRoles.Risk),
        ("ib", "Ivy Partners", DefaultRoles.IbManager),
        ("manager", "Morgan Manager", DefaultRoles.Manager),
    ];

    public async Task SeedRolesAsync()
    {
        if (await db.Roles.AnyAsync()) return;
        foreach (var bundle in DefaultRoles.All)
        {
            var role = new StaffRole { Name = bundle.Name, Description = bundle.Description, RequiresTwoFactor = bundle.RequiresTwoFactor };
            await roles.CreateAsync(role);
            foreach (var p in bundle.Permissions)
                db.RolePermissions.Add(new RolePermission { RoleId = role.Id, Permission = p });
        }
        await db.SaveChangesAsync();
    }

    /// <summary>True when this start created the demo staff: the database is a new demo one, and the demo book and key may follow.</summary>
    public bool CreatedDemoStaff { get; private set; }

    /// <summary>Seeds demo staff when there is none. Staff in roles that require two-factor get an authenticator key, printed with the logins.</summary>
    public async Task<IReadOnlyList<DemoLogin>> SeedDemoStaffAsync()
    {
        if (!await db.Users.AnyAsync())
        {
            CreatedDemoStaff = true;
            foreach (var (user, name, role) in DemoStaff)
            {
                var member = new StaffMember
                {
                    UserName = user, Email = $"{user}@demo.backoffice.local", EmailConfirmed = true, DisplayName = name,
                    CreatedAt = clock.GetUtcNow().UtcDateTime, LockoutEnabled = true,
                };
                Check(await users.CreateAsync(member, DemoPassword));
                Check(await users.AddToRoleAsync(member, role));
                if (DefaultRoles.All.First(b => b.Name == role).RequiresTwoFactor)
                {
                    Check(await users.ResetAuthenticatorKeyAsync(member));
                    Check(await users.SetTwoFactorEnabledAsync(member, true));
                }
            }
        }
        var logins = new List<DemoLogin>();
        foreach (var (user, _, role) in DemoStaff)
        {
            var member = await users.FindByNameAsync(user);
            if (member is null) continue;
            logins.Add(new DemoLogin(user, DemoPassword, role, member.TwoFactorEnabled ? await users.GetAuthenticatorKeyAsync(member) : null));
        }
        return logins;
    }

    /// <summary>
    /// A key for trying the client API on a new demo database, printed once at that first start
    /// (only its hash is kept); more are issued on the API keys page.
    /// </summary>
    public async Task<string> SeedDemoApiKeyAsync()
    {
        var (key, prefix) = Core.Accounts.Api.ApiKey.Generate();
        db.ApiKeys.Add(new Core.Accounts.Api.ApiKey
        {
            Name = "Demo portal and CRM", Prefix = prefix, Hash = Core.Accounts.Api.ApiKey.HashOf(key), Scopes = "portal,crm",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return key;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
