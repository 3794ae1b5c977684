using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff.Roles;

/// <summary>
/// Grants and revokes permissions of a role. The matrix decides what every staff member may do,
/// so a second administrator approves; what runs on approval is exactly the delta the checker
/// read, applied to the role as it is then (another approved change in between is kept).
/// </summary>
[RequiresPermission(StaffPermissions.RequestRoleChange)]
[FourEyes(StaffPermissions.ApproveRoleChange)]
public sealed record ChangeRolePermissions(string RoleId, string RoleName, string[] Grant, string[] Revoke, string Reason)
    : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe()
    {
        var parts = new List<string>();
        if (Grant.Length > 0) parts.Add("grant " + string.Join(", ", Grant));
        if (Revoke.Length > 0) parts.Add("revoke " + string.Join(", ", Revoke));
        return $"Role {RoleName}: " + string.Join("; ", parts);
    }

    string? IDescribedCommand.Reason => Reason;
}

public sealed class ChangeRolePermissionsValidator : AbstractValidator<ChangeRolePermissions>
{
    public ChangeRolePermissionsValidator()
    {
        RuleFor(x => x.RoleId).NotEmpty();
        RuleFor(x => x.Grant).NotNull();
        RuleFor(x => x.Revoke).NotNull();
        RuleFor(x => x).Must(x => x.Grant.Length + x.Revoke.Length > 0).WithName("Grant").WithMessage("Tick or untick at least one permission.")
            .When(x => x.Grant is not null && x.Revoke is not null);
        RuleFor(x => x).Must(x => !x.Grant.Intersect(x.Revoke).Any()).WithName("Grant").WithMessage("A permission cannot be granted and revoked at once.")
            .When(x => x.Grant is not null && x.Revoke is not null);
        RuleForEach(x => x.Grant).Must(PermissionCatalogue.Exists).WithMessage("'{PropertyValue}' is not a permission of this console.");
        RuleForEach(x => x.Revoke).Must(PermissionCatalogue.Exists).WithMessage("'{PropertyValue}' is not a permission of this console.");
    }
}

public sealed class ChangeRolePermissionsHandler(BackOfficeDb db, Effects effects) : ICommandHandler<ChangeRolePermissions, Result>
{
    public async ValueTask<Result> Handle(ChangeRolePermissions command, CancellationToken ct)
    {
        var role = await db.Roles.FindAsync([command.RoleId], ct);
        if (role is null) return Error.NotFound("The role");
        var approvers = await AdministratorGuard.ApproversAsync(db, ct);
        var current = await db.RolePermissions.Where(p => p.RoleId == role.Id).ToListAsync(ct);
        db.RolePermissions.RemoveRange(current.Where(p => command.Revoke.Contains(p.Permission)));
        foreach (var code in command.Grant.Except(current.Select(p => p.Permission)))
            db.RolePermissions.Add(new RolePermission { RoleId = role.Id, Permission = code });
        role.ConcurrencyStamp = Guid.NewGuid().ToString(); // the role row records that its bundle changed
        effects.About(nameof(StaffRole), role.Id);
        var after = current.Select(p => p.Permission).Except(command.Revoke).Union(command.Grant).Order().ToArray();
        effects.Publish("role.changed", new { roleId = role.Id, role = role.Name, granted = command.Grant, revoked = command.Revoke, permissions = after });
        return await AdministratorGuard.CheckAsync(db, approvers, ct) is { } refused ? refused : Result.Ok();
    }
}

[RequiresPermission(StaffPermissions.RequestRoleChange)]
[FourEyes(StaffPermissions.ApproveRoleChange)]
public sealed record SetRoleTwoFactorRequirement(string RoleId, string RoleName, bool Required, string Reason)
    : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => Required
        ? $"Require an authenticator code at sign-in for role {RoleName}"
        : $"Stop requiring an authenticator code for role {RoleName}";

    string? IDescribedCommand.Reason => Reason;
}

public sealed class SetRoleTwoFactorRequirementHandler(BackOfficeDb db, Effects effects) : ICommandHandler<SetRoleTwoFactorRequirement, Result>
{
    public async ValueTask<Result> Handle(SetRoleTwoFactorRequirement command, CancellationToken ct)
    {
        var role = await db.Roles.FindAsync([command.RoleId], ct);
        if (role is null) return Error.NotFound("The role");
        role.RequiresTwoFactor = command.Required;
        effects.About(nameof(StaffRole), role.Id);
        return Result.Ok();
    }
}
