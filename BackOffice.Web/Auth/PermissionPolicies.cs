using System.Security.Claims;
using BackOffice.Core.Staff.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Auth;

public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>A policy name is a permission code: <c>[Authorize(Policy = StaffPermissions.ViewAudit)]</c>.</summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        await base.GetPolicyAsync(policyName)
        ?? new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(policyName)).Build();
}

/// <summary>Checks the matrix as it is now (cached a few seconds), so a revoked permission closes the page without a new sign-in.</summary>
public sealed class PermissionHandler(IServiceScopeFactory scopes, IMemoryCache cache) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } staffId) return;
        var granted = await PermissionsOf(staffId);
        if (granted is not null && granted.Contains(requirement.Permission))
            context.Succeed(requirement);
    }

    public async Task<IReadOnlySet<string>?> PermissionsOf(string staffId) =>
        await cache.GetOrCreateAsync("permissions:" + staffId, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(3);
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<StaffAccess>().GetPermissionsAsync(staffId);
        });
}
