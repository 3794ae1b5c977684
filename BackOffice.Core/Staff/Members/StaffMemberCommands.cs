using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff.Access;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Core.Staff.Members;

[RequiresPermission(StaffPermissions.ManageStaff)]
public sealed record CreateStaffMember(string UserName, string DisplayName, string Email, [property: Secret] string Password)
    : IBackOfficeCommand<Result<string>>;

public sealed class CreateStaffMemberValidator : AbstractValidator<CreateStaffMember>
{
    public CreateStaffMemberValidator()
    {
        RuleFor(x => x.UserName).NotEmpty().WithMessage("A user name is required.")
            .Matches("^[a-zA-Z0-9._-]{3,64}$").WithMessage("User names are 3–64 letters, digits, dots, dashes or underscores.");
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage("A display name is required.").MaximumLength(120);
        RuleFor(x => x.Email).NotEmpty().EmailAddress().WithMessage("A valid e-mail address is required.");
        RuleFor(x => x.Password).NotEmpty().MinimumLength(12).WithMessage("The initial password must have at least 12 characters.");
    }
}

public sealed class CreateStaffMemberHandler(UserManager<StaffMember> users, Effects effects, TimeProvider clock)
    : ICommandHandler<CreateStaffMember, Result<string>>
{
    public async ValueTask<Result<string>> Handle(CreateStaffMember command, CancellationToken ct)
    {
        if (await users.FindByNameAsync(command.UserName) is not null)
            return Error.Validation(new Dictionary<string, string[]> { ["UserName"] = ["This user name is already taken."] });
        var member = new StaffMember
        {
            UserName = command.UserName,
            Email = command.Email,
            EmailConfirmed = true,
            DisplayName = command.DisplayName,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(member, command.Password);
        if (!created.Succeeded)
            return IdentityErrors.ToError(created, "Password");
        effects.About(nameof(StaffMember), member.Id);
        effects.Publish("staff.created", new { staffId = member.Id, userName = member.UserName, displayName = member.DisplayName });
        return member.Id;
    }
}

[RequiresPermission(StaffPermissions.ManageStaff)]
public sealed record DisableStaffMember(string StaffId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Disable staff member {StaffId}";
    string? IDescribedCommand.Reason => Reason;
}

public sealed class DisableStaffMemberValidator : AbstractValidator<DisableStaffMember>
{
    public DisableStaffMemberValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.");
}

public sealed class DisableStaffMemberHandler(BackOfficeDb db, UserManager<StaffMember> users, CommandContext context, Effects effects)
    : ICommandHandler<DisableStaffMember, Result>
{
    public async ValueTask<Result> Handle(DisableStaffMember command, CancellationToken ct)
    {
        if (command.StaffId == context.Actor.StaffId)
            return Error.Rule("staff.self_disable", "You cannot disable your own account; ask another administrator.");
        var member = await db.Users.FindAsync([command.StaffId], ct);
        if (member is null) return Error.NotFound("The staff member");
        if (member.Disabled) return Error.Conflict($"{member.DisplayName} is already disabled.");
        var approvers = await AdministratorGuard.ApproversAsync(db, ct);
        member.Disabled = true;
        await users.UpdateSecurityStampAsync(member); // ends their sessions at the next validation
        effects.About(nameof(StaffMember), member.Id);
        return await AdministratorGuard.CheckAsync(db, approvers, ct) is { } refused ? refused : Result.Ok();
    }
}

[RequiresPermission(StaffPermissions.ManageStaff)]
public sealed record EnableStaffMember(string StaffId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Enable staff member {StaffId}";
    string? IDescribedCommand.Reason => Reason;
}

public sealed class EnableStaffMemberHandler(BackOfficeDb db, Effects effects) : ICommandHandler<EnableStaffMember, Result>
{
    public async ValueTask<Result> Handle(EnableStaffMember command, CancellationToken ct)
    {
        var member = await db.Users.FindAsync([command.StaffId], ct);
        if (member is null) return Error.NotFound("The staff member");
        if (!member.Disabled) return Error.Conflict($"{member.DisplayName} is already enabled.");
        member.Disabled = false;
        effects.About(nameof(StaffMember), member.Id);
        return Result.Ok();
    }
}

/// <summary>A staff member who lost their phone enrols again at next sign-in.</summary>
[RequiresPermission(StaffPermissions.ManageStaff)]
public sealed record ResetStaffTwoFactor(string StaffId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Reset two-factor enrolment of {StaffId}";
    string? IDescribedCommand.Reason => Reason;
}

public sealed class ResetStaffTwoFactorValidator : AbstractValidator<ResetStaffTwoFactor>
{
    public ResetStaffTwoFactorValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.");
}

public sealed class ResetStaffTwoFactorHandler(UserManager<StaffMember> users, Effects effects) : ICommandHandler<ResetStaffTwoFactor, Result>
{
    public async ValueTask<Result> Handle(ResetStaffTwoFactor command, CancellationToken ct)
    {
        var member = await users.FindByIdAsync(command.StaffId);
        if (member is null) return Error.NotFound("The staff member");
        await users.SetTwoFactorEnabledAsync(member, false);
        await users.ResetAuthenticatorKeyAsync(member);
        member.LastTotpStep = null;
        effects.About(nameof(StaffMember), member.Id);
        return Result.Ok();
    }
}

/// <summary>Role assignment changes what someone may do: a second administrator approves it.</summary>
[RequiresPermission(StaffPermissions.RequestRoleChange)]
[FourEyes(StaffPermissions.ApproveRoleChange)]
public sealed record AssignStaffRoles(string StaffId, string StaffName, string[] Roles, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => Roles.Length == 0
        ? $"Remove every role from {StaffName}"
        : $"Give {StaffName} the roles: {string.Join(", ", Roles)}";
    string? IDescribedCommand.Reason => Reason;
}

public sealed class AssignStaffRolesValidator : AbstractValidator<AssignStaffRoles>
{
    public AssignStaffRolesValidator()
    {
        RuleFor(x => x.StaffId).NotEmpty();
        RuleFor(x => x.Roles).NotNull();
    }
}

public sealed class AssignStaffRolesHandler(BackOfficeDb db, UserManager<StaffMember> users, RoleManager<StaffRole> roles, Effects effects)
    : ICommandHandler<AssignStaffRoles, Result>
{
    public async ValueTask<Result> Handle(AssignStaffRoles command, CancellationToken ct)
    {
        var member = await users.FindByIdAsync(command.StaffId);
        if (member is null) return Error.NotFound("The staff member");
        foreach (var role in command.Roles)
            if (!await roles.RoleExistsAsync(role))
                return Error.Validation(new Dictionary<string, string[]> { ["Roles"] = [$"There is no role called '{role}'."] });

        var approvers = await AdministratorGuard.ApproversAsync(db, ct);
        var current = await users.GetRolesAsync(member);
        var removed = current.Except(command.Roles).ToList();
        var added = command.Roles.Except(current).ToList();
        if (removed.Count > 0) await users.RemoveFromRolesAsync(member, removed);
        if (added.Count > 0) await users.AddToRolesAsync(member, added);
        effects.About(nameof(StaffMember), member.Id);
        effects.Publish("role.changed", new { staffId = member.Id, userName = member.UserName, roles = command.Roles, added, removed });
        return await AdministratorGuard.CheckAsync(db, approvers, ct) is { } refused ? refused : Result.Ok();
    }
}

internal static class IdentityErrors
{
    public static Error ToError(IdentityResult result, string field) =>
        Error.Validation(new Dictionary<string, string[]> { [field] = result.Errors.Select(e => e.Description).ToArray() });
}
