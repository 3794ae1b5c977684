using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff.Roles;

/// <summary>Sets the whole permission list of a role. The matrix decides what every staff member may do, so a second administrator approves.</summary>
[RequiresPermission(StaffPermissions.RequestRoleChange)]
[FourEyes(StaffPermissions.ApproveRoleChange)]
public sealed record ChangeRolePermissions(string RoleId, string RoleName, string[] Permissions, string Reason)
    : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string[] Granted { get; init; } = [];
    public string[] Revoked { get; init; } = [];

    public string Describe()
    {
        var parts = new List<string>();
        if (Granted.Length > 0) parts.Add("grant " + string.Join(", ", Granted));
        if (Revoked.Length > 0) parts.Add("revoke " + string.Join(", ", Revoked));
        return $"Role {RoleName}: " + (parts.Count > 0 ? string.Join("; ", parts) : "set permissions to " + string.Join(", ", Permissions));
    }

    string? IDescribedCommand.Reason => Reason;
}

public sealed class ChangeRolePermissionsValidator : AbstractValidator<ChangeRolePermissions>
{
    public ChangeRolePermissionsValidator()
    {
        RuleFor(x => x.RoleId).NotEmpty();
        RuleForEach(x => x.Permissions).Must(PermissionCatalogue.Exists).WithMessage("'{PropertyValue}' is not a permission of this console.");
    }
}

public sealed class ChangeRolePermissionsHandler(BackOfficeDb db, Effects effects) : ICommandHandler<ChangeRolePermissions, Result>
{
    public async ValueTask<Result> Handle(ChangeRolePermissions command, CancellationToken ct)
    {
        var role = await db.Roles.FindAsync([command.RoleId], ct);
        if (role is null) return Error.NotFound("The role");
        var current = await db.RolePermissions.Where(p => p.RoleId == role.Id).ToListAsync(ct);
        var wanted = command.Permissions.ToHashSet();
        db.RolePermissions.RemoveRange(current.Where(p => !wanted.Contains(p.Permission)));
        foreach (var code in wanted.Except(current.Select(p => p.Permission)))
            db.RolePermissions.Add(new RolePermission { RoleId = role.Id, Permission = code });
        role.ConcurrencyStamp = Guid.NewGuid().ToString(); // the role row records that its bundle changed
        effects.About(nameof(StaffRole), role.Id);
        effects.Publish("role.changed", new { roleId = role.Id, role = role.Name, permissions = wanted.Order().ToArray() });
        return await AdministratorGuard.CheckAsync(db, ct) is { } refused ? refused : Result.Ok();
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
