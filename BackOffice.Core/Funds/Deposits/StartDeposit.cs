using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Payments;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Deposits;

/// <summary>A deposit started: where the client pays (card or crypto checkout) or what to write on the wire.</summary>
public sealed record DepositStarted(long DepositId, string Reference, string? CheckoutUrl, string? Instructions);

/// <summary>Finance or support starting a deposit for a client (on the phone, or to send a payment link).</summary>
[RequiresPermission(FundsPermissions.Deposit)]
public sealed record StartDeposit(long TradingAccountId, string Channel, decimal Amount, string Currency)
    : IBackOfficeCommand<Result<DepositStarted>>, IDescribedCommand, IDepositRequest
{
    public string Describe() => $"Start a {Amount} {Currency} deposit through {Channel}";

    string? IDescribedCommand.Reason => null;
}

/// <summary>The client starting a deposit in the client portal (through the client API): the account is named by its login.</summary>
[SystemCommand]
public sealed record StartDepositFromApi(long ClientId, long Login, string Channel, decimal Amount, string Currency)
    : IBackOfficeCommand<Result<DepositStarted>>, IDepositRequest;

/// <summary>What a deposit request must have, whoever makes it.</summary>
public interface IDepositRequest
{
    string Channel { get; }
    decimal Amount { get; }
    string Currency { get; }
}

public sealed class DepositRequestRules : AbstractValidator<IDepositRequest>
{
    public DepositRequestRules()
    {
        RuleFor(x => x.Channel).NotEmpty().WithMessage("Choose a payment method.");
        RuleFor(x => x.Amount).GreaterThan(0).WithMessage("The amount must be more than zero.");
        RuleFor(x => x.Currency).NotEmpty().WithMessage("Choose a currency.");
    }
}

public sealed class StartDepositValidator : AbstractValidator<StartDeposit>
{
    public StartDepositValidator() => Include(new DepositRequestRules());
}

public sealed class StartDepositFromApiValidator : AbstractValidator<StartDepositFromApi>
{
    public StartDepositFromApiValidator()
    {
        Include(new DepositRequestRules());
        RuleFor(x => x.Login).GreaterThan(0).WithMessage("Name the trading account by its login.");
    }
}

public sealed class StartDepositHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, IEnumerable<IPaymentProvider> providers)
    : ICommandHandler<StartDeposit, Result<DepositStarted>>, ICommandHandler<StartDepositFromApi, Result<DepositStarted>>
{
    public async ValueTask<Result<DepositStarted>> Handle(StartDepositFromApi command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.AsNoTracking().Where(a => a.Login == command.Login && a.ClientId == command.ClientId)
            .Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        if (account is null) return Error.NotFound($"Trading account {command.Login} of this client");
        return await Handle(new StartDeposit(account.Value, command.Channel, command.Amount, command.Currency), ct);
    }

    public async ValueTask<Result<DepositStarted>> Handle(StartDeposit command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.TradingAccountId, ct);
        if (account is null) return Error.NotFound("The trading account");
        if (account.IsDemo) return Error.Rule("deposit.demo_account", $"Account {account.Login} is a demo account; it holds no real money.");
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == account.ClientId, ct);
        var matrix = await ClientCapabilities.MatrixAsync(db, ct);
        var can = ClientCapabilities.Evaluate(client, matrix).First(a => a.Capability == Capability.Deposit);
        if (!can.Allowed) return Error.Rule("deposit.not_allowed", "The client cannot deposit. " + can.Why);

        var amount = Money.From(command.Amount, command.Currency);
        if (!amount.Succeeded) return Error.Validation(new Dictionary<string, string[]> { ["Amount"] = [amount.Error!.Message] });
        if (amount.Value.Currency != account.Currency)
            return Error.Validation(new Dictionary<string, string[]>
            {
                ["Currency"] = [$"Account {account.Login} is held in {account.Currency}; deposit in {account.Currency}."],
            });
        var channel = await db.PaymentChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Code == command.Channel.Trim().ToLower(), ct);
        if (channel is null) return Error.NotFound($"The payment method '{command.Channel}'");
        var type = await db.AccountTypes.AsNoTracking().Where(t => t.Id == account.AccountTypeId).Select(t => t.Name).FirstAsync(ct);
        if (channel.Refuses(amount.Value, client.Country, type, deposit: true) is { } refused) return refused;
        var provider = providers.FirstOrDefault(p => p.Name == channel.Provider);
        if (provider is null) return Error.Rule("channel.provider", $"{channel.Name} is set to use '{channel.Provider}', which this installation does not have.");

        var now = clock.GetUtcNow().UtcDateTime;
        var reference = "D-" + await Sequences.NextAsync(db, Sequences.Deposit, ct);
        StartedPayment started;
        try
        {
            started = await provider.StartDepositAsync(channel, new PaymentOrder(reference, amount.Value, client.DisplayName, client.Email,
                $"Deposit to trading account {account.Login}"), ct);
        }
        catch (PaymentProviderException e)
        {
            return Error.Rule(e.Transient ? "provider.unavailable" : "provider.refused",
                e.Transient ? $"{channel.Name} is not answering just now ({e.Message}); nothing was started. Try again shortly." : $"{channel.Name} refused the payment: {e.Message}");
        }

        var deposit = new Deposit
        {
            Reference = reference, ClientId = client.Id, TradingAccountId = account.Id, ChannelId = channel.Id,
            AmountMinor = amount.Value.Minor, Currency = amount.Value.Currency, Status = DepositStatus.AwaitingPayment,
            ProviderOrderId = DepositMoves.Fit(started.ProviderOrderId, 120), CheckoutUrl = DepositMoves.Fit(started.CheckoutUrl, 400),
            RequestedBy = DepositMoves.Fit(context.Actor.Name, 160)!, CreatedAt = now,
        };
        db.Deposits.Add(deposit);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(Deposit), deposit.Id.ToString());
        return new DepositStarted(deposit.Id, reference, started.CheckoutUrl, started.Instructions);
    }
}
