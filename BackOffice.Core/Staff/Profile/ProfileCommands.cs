using BackOffice.Core.Common;
using BackOffice.Core.Common.Pipeline;
using BackOffice.Core.Staff.Access;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace BackOffice.Core.Staff.Profile;

public sealed record TwoFactorSetup(string SharedKey, string AuthenticatorUri);

/// <summary>Creates a fresh authenticator key for the signed-in staff member to scan.</summary>
[RequiresPermission(Permissions.SignedIn)]
public sealed record StartTwoFactorEnrolment : IBackOfficeCommand<Result<TwoFactorSetup>>;

public sealed class StartTwoFactorEnrolmentHandler(UserManager<StaffMember> users, CommandContext context, Effects effects)
    : ICommandHandler<StartTwoFactorEnrolment, Result<TwoFactorSetup>>
{
    public async ValueTask<Result<TwoFactorSetup>> Handle(StartTwoFactorEnrolment command, CancellationToken ct)
    {
        var me = await users.FindByIdAsync(context.Actor.StaffId!);
        if (me is null) return Error.NotFound("Your account");
        // The current key (if any) keeps working until a code from the new one is confirmed.
        var key = users.GenerateNewAuthenticatorKey();
        me.PendingAuthenticatorKey = key;
        await users.UpdateAsync(me);
        effects.About(nameof(StaffMember), me.Id);
        var label = Uri.EscapeDataString($"BackOffice:{me.UserName}");
        return new TwoFactorSetup(key, $"otpauth://totp/{label}?secret={key}&issuer=BackOffice&digits=6");
    }
}

[RequiresPermission(Permissions.SignedIn)]
public sealed record ConfirmTwoFactorEnrolment(string Code) : IBackOfficeCommand<Result>;

public sealed class ConfirmTwoFactorEnrolmentValidator : AbstractValidator<ConfirmTwoFactorEnrolment>
{
    public ConfirmTwoFactorEnrolmentValidator() =>
        RuleFor(x => x.Code).NotEmpty().Matches(@"^\s*\d{3}\s?\d{3}\s*$").WithMessage("Enter the 6-digit code your authenticator app shows.");
}

public sealed class ConfirmTwoFactorEnrolmentHandler(UserManager<StaffMember> users, CommandContext context, Effects effects, TimeProvider clock)
    : ICommandHandler<ConfirmTwoFactorEnrolment, Result>
{
    // Where Identity's user store keeps the authenticator key.
    private const string StoreProvider = "[AspNetUserStore]";
    private const string KeyName = "AuthenticatorKey";

    public async ValueTask<Result> Handle(ConfirmTwoFactorEnrolment command, CancellationToken ct)
    {
        var me = await users.FindByIdAsync(context.Actor.StaffId!);
        if (me is null) return Error.NotFound("Your account");
        if (me.PendingAuthenticatorKey is not { } key)
            return Error.Rule("two_factor.not_started", "Start the set-up first: scan the new QR code, then enter its code.");
        var step = Totp.Match(Totp.DecodeBase32(key), command.Code, clock.GetUtcNow());
        if (step is null || step <= me.LastTotpStep)
            return Error.Validation(new Dictionary<string, string[]> { ["Code"] = ["That code is wrong or was already used. Wait for the next one."] });
        await users.SetAuthenticationTokenAsync(me, StoreProvider, KeyName, key);
        me.PendingAuthenticatorKey = null;
        me.LastTotpStep = step;
        await users.SetTwoFactorEnabledAsync(me, true);
        effects.About(nameof(StaffMember), me.Id);
        return Result.Ok();
    }
}

[RequiresPermission(Permissions.SignedIn)]
public sealed record ChangeOwnPassword([property: Secret] string CurrentPassword, [property: Secret] string NewPassword) : IBackOfficeCommand<Result>;

public sealed class ChangeOwnPasswordValidator : AbstractValidator<ChangeOwnPassword>
{
    public ChangeOwnPasswordValidator()
    {
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
        RuleFor(x => x.NewPassword).NotEmpty().MinimumLength(12).WithMessage("The new password must have at least 12 characters.");
    }
}

public sealed class ChangeOwnPasswordHandler(UserManager<StaffMember> users, CommandContext context, Effects effects)
    : ICommandHandler<ChangeOwnPassword, Result>
{
    public async ValueTask<Result> Handle(ChangeOwnPassword command, CancellationToken ct)
    {
        var me = await users.FindByIdAsync(context.Actor.StaffId!);
        if (me is null) return Error.NotFound("Your account");
        var changed = await users.ChangePasswordAsync(me, command.CurrentPassword, command.NewPassword);
        if (!changed.Succeeded)
        {
            var field = changed.Errors.Any(e => e.Code == "PasswordMismatch") ? "CurrentPassword" : "NewPassword";
            return Error.Validation(new Dictionary<string, string[]>
            {
                [field] = changed.Errors.Select(e => e.Code == "PasswordMismatch" ? "The current password is wrong." : e.Description).ToArray(),
            });
        }
        effects.About(nameof(StaffMember), me.Id);
        return Result.Ok();
    }
}

[RequiresPermission(Permissions.SignedIn)]
public sealed record SetPreferences(string TimeZone, bool DarkMode) : IBackOfficeCommand<Result>;

public sealed class SetPreferencesValidator : AbstractValidator<SetPreferences>
{
    public SetPreferencesValidator() =>
        RuleFor(x => x.TimeZone).Must(tz => TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _)).WithMessage("Unknown time zone.");
}

public sealed class SetPreferencesHandler(Common.Data.BackOfficeDb db, CommandContext context, Effects effects)
    : ICommandHandler<SetPreferences, Result>
{
    public async ValueTask<Result> Handle(SetPreferences command, CancellationToken ct)
    {
        var me = await db.Users.FindAsync([context.Actor.StaffId], ct);
        if (me is null) return Error.NotFound("Your account");
        me.TimeZone = command.TimeZone;
        me.DarkMode = command.DarkMode;
        effects.About(nameof(StaffMember), me.Id);
        return Result.Ok();
    }
}
