using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.AccountTypes;

/// <summary>What an administrator sets on an account type.</summary>
public sealed record AccountTypeSettings(
    string Name,
    string PlatformGroup,
    string[] Currencies,
    int DefaultLeverage,
    int MaxLeverage,
    int[] AllowedLeverages,
    long MinFirstDepositMinor,
    bool SwapFree,
    bool IsDemo,
    bool Active)
{
    public void ApplyTo(AccountType t)
    {
        t.Name = Name.Trim();
        t.PlatformGroup = PlatformGroup.Trim();
        t.Currencies = string.Join(",", Currencies.Select(c => c.Trim().ToUpperInvariant()).Distinct());
        t.DefaultLeverage = DefaultLeverage;
        t.MaxLeverage = MaxLeverage;
        t.AllowedLeverages = string.Join(",", AllowedLeverages.Distinct().Order());
        t.MinFirstDepositMinor = MinFirstDepositMinor;
        t.SwapFree = SwapFree;
        t.IsDemo = IsDemo;
        t.Active = Active;
    }
}

public sealed class AccountTypeSettingsValidator : AbstractValidator<AccountTypeSettings>
{
    public AccountTypeSettingsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("A name is required.").MaximumLength(60);
        RuleFor(x => x.PlatformGroup).NotEmpty().WithMessage("The platform group is required.").MaximumLength(120);
        RuleFor(x => x.Currencies).NotEmpty().WithMessage("At least one currency is required.");
        RuleForEach(x => x.Currencies).Matches("^[A-Za-z]{3}$").WithMessage("Currencies are ISO 4217 codes such as USD.");
        RuleFor(x => x.MaxLeverage).InclusiveBetween(1, 3000).WithMessage("The maximum leverage is between 1 and 3000.");
        RuleFor(x => x.AllowedLeverages).NotEmpty().WithMessage("List the leverages clients may choose.");
        RuleFor(x => x).Must(x => x.AllowedLeverages.All(l => l > 0 && l <= x.MaxLeverage))
            .WithName("AllowedLeverages").WithMessage("Every allowed leverage must be positive and at most the maximum.");
        RuleFor(x => x).Must(x => x.AllowedLeverages.Contains(x.DefaultLeverage))
            .WithName("DefaultLeverage").WithMessage("The default leverage must be one of the allowed leverages.");
        RuleFor(x => x.MinFirstDepositMinor).GreaterThanOrEqualTo(0).WithMessage("The minimum first deposit cannot be negative.");
    }
}

[RequiresPermission(AccountsPermissions.ConfigureTypes)]
public sealed record CreateAccountType(AccountTypeSettings Settings) : IBackOfficeCommand<Result<int>>;

public sealed class CreateAccountTypeValidator : AbstractValidator<CreateAccountType>
{
    public CreateAccountTypeValidator() => RuleFor(x => x.Settings).NotNull().SetValidator(new AccountTypeSettingsValidator());
}

/// <summary>Applies to accounts opened from now on; existing accounts keep their settings.</summary>
[RequiresPermission(AccountsPermissions.ConfigureTypes)]
/// <param name="ExpectedVersion">The version the administrator loaded: a type changed since then is not overwritten.</param>
public sealed record UpdateAccountType(int AccountTypeId, AccountTypeSettings Settings, string Reason, long? ExpectedVersion = null) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Change account type {Settings.Name}";
}

public sealed class UpdateAccountTypeValidator : AbstractValidator<UpdateAccountType>
{
    public UpdateAccountTypeValidator()
    {
        RuleFor(x => x.Settings).NotNull().SetValidator(new AccountTypeSettingsValidator());
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.");
    }
}

public sealed class AccountTypeHandlers(BackOfficeDb db, Effects effects) :
    ICommandHandler<CreateAccountType, Result<int>>,
    ICommandHandler<UpdateAccountType, Result>
{
    public async ValueTask<Result<int>> Handle(CreateAccountType command, CancellationToken ct)
    {
        var name = command.Settings.Name.Trim();
        if (await db.AccountTypes.AnyAsync(t => t.Name == name, ct))
            return Error.Validation(new Dictionary<string, string[]> { ["Name"] = [$"An account type called {name} already exists."] });
        var type = new AccountType();
        command.Settings.ApplyTo(type);
        db.AccountTypes.Add(type);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(AccountType), type.Id.ToString());
        return type.Id;
    }

    public async ValueTask<Result> Handle(UpdateAccountType command, CancellationToken ct)
    {
        var type = await db.AccountTypes.FirstOrDefaultAsync(t => t.Id == command.AccountTypeId, ct);
        if (type is null) return Error.NotFound("The account type");
        if (command.ExpectedVersion is { } expected && expected != type.Version)
            return Error.Conflict($"Someone changed {type.Name} since you opened it. Nothing was saved: reload and make your change again.");
        var name = command.Settings.Name.Trim();
        if (await db.AccountTypes.AnyAsync(t => t.Name == name && t.Id != type.Id, ct))
            return Error.Validation(new Dictionary<string, string[]> { ["Name"] = [$"An account type called {name} already exists."] });
        command.Settings.ApplyTo(type);
        effects.About(nameof(AccountType), type.Id.ToString());
        return Result.Ok();
    }
}

/// <summary>Changes one cell of the status → capability matrix. Applies to every client of that status at once.</summary>
[RequiresPermission(AccountsPermissions.ConfigureTypes)]
public sealed record SetStatusCapability(ClientStatus Status, Capability Capability, bool Allowed, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"{(Allowed ? "Allow" : "Forbid")} {Capability.Describe()} for {Status.Describe()} clients";
}

public sealed class SetStatusCapabilityValidator : AbstractValidator<SetStatusCapability>
{
    public SetStatusCapabilityValidator()
    {
        RuleFor(x => x.Status).IsInEnum().WithMessage("Unknown status.");
        RuleFor(x => x.Capability).IsInEnum().WithMessage("Unknown capability.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.");
    }
}

/// <summary>The platform follows at once: every account of every client in that status gets the rights the new matrix implies.</summary>
public sealed class SetStatusCapabilityHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<SetStatusCapability, Result>
{
    public async ValueTask<Result> Handle(SetStatusCapability command, CancellationToken ct)
    {
        if (command.Status == ClientStatus.Closed && command.Allowed)
            return Error.Rule("matrix.closed", "A closed client can do nothing; the Closed row cannot allow anything.");
        var cell = await db.StatusCapabilities.FirstOrDefaultAsync(c => c.Status == command.Status && c.Capability == command.Capability, ct);
        if (cell is null)
            db.StatusCapabilities.Add(cell = new StatusCapability { Status = command.Status, Capability = command.Capability });
        if (cell.Allowed == command.Allowed)
            return Error.Conflict("The matrix already says so.");
        cell.Allowed = command.Allowed;
        await db.SaveChangesAsync(ct);
        await Sync.AccountSync.ApplyStatusToAllAsync(db, command.Status, $"capability matrix: {command.Describe()}", clock.GetUtcNow().UtcDateTime, ct);
        effects.About("CapabilityMatrix", $"{command.Status}/{command.Capability}");
        effects.Touch(AccountsCounters.SyncFailures);
        return Result.Ok();
    }
}
