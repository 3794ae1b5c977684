using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Channels;

/// <summary>What an administrator sets on a payment channel. Code and kind are fixed once the channel exists.</summary>
public sealed record ChannelSettings(
    string Name,
    string[] Currencies,
    decimal MinAmount,
    decimal MaxAmount,
    decimal FeeFixed,
    decimal FeePercent,
    string[] Countries,
    string[] AccountTypes,
    bool Deposits,
    bool Withdrawals,
    decimal? AutoApproveUpTo,
    string? Instructions,
    bool Enabled,
    string? Provider = null)
{
    public static ChannelSettings Of(PaymentChannel c) => new(c.Name, [.. c.CurrencyList], c.MinAmount, c.MaxAmount, c.FeeFixed, c.FeePercent,
        [.. c.CountryList], [.. c.AccountTypeList], c.Deposits, c.Withdrawals, c.AutoApproveUpTo, c.Instructions, c.Enabled, c.Provider);

    public void ApplyTo(PaymentChannel c)
    {
        c.Name = Name.Trim();
        c.Currencies = string.Join(",", Currencies.Select(x => x.Trim().ToUpperInvariant()).Where(x => x.Length > 0).Distinct());
        c.MinAmount = MinAmount;
        c.MaxAmount = MaxAmount;
        c.FeeFixed = FeeFixed;
        c.FeePercent = FeePercent;
        c.Countries = string.Join(",", Countries.Select(x => x.Trim().ToUpperInvariant()).Where(x => x.Length > 0).Distinct().Order());
        c.AccountTypes = string.Join(",", AccountTypes.Select(x => x.Trim()).Where(x => x.Length > 0).Distinct());
        c.Deposits = Deposits;
        c.Withdrawals = Withdrawals;
        c.AutoApproveUpTo = AutoApproveUpTo;
        c.Instructions = string.IsNullOrWhiteSpace(Instructions) ? null : Instructions.Trim();
        c.Enabled = Enabled;
        if (!string.IsNullOrWhiteSpace(Provider)) c.Provider = Provider.Trim().ToLowerInvariant();
    }
}

public sealed class ChannelSettingsValidator : AbstractValidator<ChannelSettings>
{
    public ChannelSettingsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("A name is required.").MaximumLength(80);
        RuleFor(x => x.Currencies).NotEmpty().WithMessage("At least one currency is required.");
        RuleForEach(x => x.Currencies).Must(c => Common.Currencies.Find(c.Trim().ToUpperInvariant()) is not null)
            .WithMessage((_, c) => $"{c} is not a currency this console handles.");
        RuleForEach(x => x.Countries).Must(c => Accounts.Countries.Exists(c.Trim().ToUpperInvariant()))
            .WithMessage((_, c) => $"{c} is not an ISO 3166 country code.");
        RuleFor(x => x.MinAmount).GreaterThan(0).WithMessage("The minimum must be more than zero.");
        RuleFor(x => x).Must(x => x.MaxAmount == 0 || x.MaxAmount >= x.MinAmount).WithName("MaxAmount")
            .WithMessage("The maximum must be at least the minimum (0 for no maximum).");
        RuleFor(x => x.FeeFixed).GreaterThanOrEqualTo(0).WithMessage("The fixed fee cannot be negative.");
        RuleFor(x => x.FeePercent).InclusiveBetween(0, 20).WithMessage("The percentage fee is between 0 and 20.");
        RuleFor(x => x.AutoApproveUpTo).GreaterThanOrEqualTo(0).When(x => x.AutoApproveUpTo is not null)
            .WithMessage("Automatic approval is up to an amount of zero or more (empty for never).");
        RuleFor(x => x).Must(x => x.Deposits || x.Withdrawals).WithName("Deposits").WithMessage("A channel takes deposits, withdrawals or both.");
        RuleFor(x => x.Instructions).MaximumLength(1000);
    }
}

[RequiresPermission(FundsPermissions.Channels)]
/// <param name="ExpectedVersion">The version the administrator loaded: a channel changed since is not overwritten.</param>
public sealed record UpdatePaymentChannel(int ChannelId, ChannelSettings Settings, string Reason, long? ExpectedVersion = null)
    : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Change payment channel {Settings.Name}";
}

public sealed class UpdatePaymentChannelValidator : AbstractValidator<UpdatePaymentChannel>
{
    public UpdatePaymentChannelValidator()
    {
        RuleFor(x => x.Settings).NotNull().SetValidator(new ChannelSettingsValidator());
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.");
    }
}

public sealed class PaymentChannelHandlers(BackOfficeDb db, Effects effects, IEnumerable<Payments.IPaymentProvider> providers)
    : ICommandHandler<UpdatePaymentChannel, Result>
{
    public async ValueTask<Result> Handle(UpdatePaymentChannel command, CancellationToken ct)
    {
        var channel = await db.PaymentChannels.FirstOrDefaultAsync(c => c.Id == command.ChannelId, ct);
        if (channel is null) return Error.NotFound("The payment channel");
        if (command.ExpectedVersion is { } v && v != channel.Version)
            return Error.Conflict($"{channel.Name} was changed by someone else since you opened it; reload and apply your change again.");
        if (command.Settings.Provider?.Trim().ToLowerInvariant() is { Length: > 0 } name && name != channel.Provider)
        {
            var provider = providers.FirstOrDefault(p => p.Name == name);
            if (provider is null || !provider.Serves(channel.Kind))
                return Error.Validation(new Dictionary<string, string[]>
                {
                    ["Provider"] = [$"'{name}' cannot carry a {channel.Kind} channel; choose one of {string.Join(", ", providers.Where(p => p.Serves(channel.Kind)).Select(p => p.Name))}."],
                });
            if (provider.NotReadyFor(channel) is { } missing)
                return Error.Validation(new Dictionary<string, string[]> { ["Provider"] = [missing] });
        }
        command.Settings.ApplyTo(channel);
        effects.About(nameof(PaymentChannel), channel.Id.ToString());
        return Result.Ok();
    }
}
