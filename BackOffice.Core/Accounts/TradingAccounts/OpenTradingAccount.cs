using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.Sync;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.TradingAccounts;

/// <summary>
/// Opens a trading account of a type: live for an approved client, demo for anyone not closed.
/// The login is allocated here; the platform account is created by the platform outbox.
/// </summary>
[RequiresPermission(AccountsPermissions.OpenAccount)]
public sealed record OpenTradingAccount(long ClientId, int AccountTypeId, string Currency, int? Leverage = null)
    : IBackOfficeCommand<Result<long>>;

public sealed class OpenTradingAccountValidator : AbstractValidator<OpenTradingAccount>
{
    public OpenTradingAccountValidator()
    {
        RuleFor(x => x.ClientId).GreaterThan(0).WithMessage("Choose a client.");
        RuleFor(x => x.AccountTypeId).GreaterThan(0).WithMessage("Choose an account type.");
        RuleFor(x => x.Currency).NotEmpty().Length(3).WithMessage("Choose a currency.");
    }
}

/// <summary>An approved client asking for an account in the client portal (through the client API).</summary>
[SystemCommand]
public sealed record OpenTradingAccountFromApi(long ClientId, string AccountType, string Currency, int? Leverage = null) : IBackOfficeCommand<Result<long>>;

public sealed class OpenTradingAccountFromApiValidator : AbstractValidator<OpenTradingAccountFromApi>
{
    public OpenTradingAccountFromApiValidator()
    {
        RuleFor(x => x.AccountType).NotEmpty().WithMessage("Name the account type.");
        RuleFor(x => x.Currency).NotEmpty().Length(3).WithMessage("Choose a currency.");
    }
}

public sealed class OpenTradingAccountHandler(BackOfficeDb db, Effects effects, TimeProvider clock)
    : ICommandHandler<OpenTradingAccount, Result<long>>, ICommandHandler<OpenTradingAccountFromApi, Result<long>>
{
    public async ValueTask<Result<long>> Handle(OpenTradingAccountFromApi command, CancellationToken ct)
    {
        var type = await db.AccountTypes.Where(t => t.Name == command.AccountType).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
        if (type is null)
            return Error.Validation(new Dictionary<string, string[]> { ["AccountType"] = [$"There is no account type called '{command.AccountType}'."] });
        return await Handle(new OpenTradingAccount(command.ClientId, type.Value, command.Currency, command.Leverage), ct);
    }

    public async ValueTask<Result<long>> Handle(OpenTradingAccount command, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null) return Error.NotFound("The client");
        var type = await db.AccountTypes.FirstOrDefaultAsync(t => t.Id == command.AccountTypeId, ct);
        if (type is null) return Error.NotFound("The account type");
        if (!type.Active) return Error.Rule("account_type.inactive", $"{type.Name} accounts are no longer offered.");
        if (client.Status == ClientStatus.Closed) return Error.Rule("client.closed", "The client is closed; no account can be opened.");
        if (!type.IsDemo && client.Status != ClientStatus.Approved)
            return Error.Rule("client.not_approved",
                $"Live accounts are opened for approved clients only; this client is {client.Status.Describe()}. A demo account can be opened now.");
        var currency = command.Currency.Trim().ToUpperInvariant();
        if (!type.CurrencyList.Contains(currency))
            return Error.Validation(new Dictionary<string, string[]>
            {
                ["Currency"] = [$"{type.Name} accounts are held in {string.Join(", ", type.CurrencyList)}, not {currency}."],
            });
        var leverage = command.Leverage ?? type.DefaultLeverage;
        if (type.RefuseLeverage(leverage) is { } tooHigh)
            return Error.Validation(new Dictionary<string, string[]> { ["Leverage"] = [tooHigh] });
        // Above the default is a leverage change, and leverage changes are four-eyes: opening must not be the way round it.
        if (leverage > type.DefaultLeverage)
            return Error.Validation(new Dictionary<string, string[]>
            {
                ["Leverage"] = [$"Accounts open at up to 1:{type.DefaultLeverage}; ask for 1:{leverage} as a leverage change once the account is open (a second staff member approves it)."],
            });

        var now = clock.GetUtcNow().UtcDateTime;
        var capabilities = ClientCapabilities.Evaluate(client, await ClientCapabilities.MatrixAsync(db, ct));
        var rights = ClientCapabilities.RightsFor(client, capabilities, type.IsDemo);
        var account = new TradingAccount
        {
            ClientId = client.Id,
            Login = await Sequences.NextAsync(db, type.IsDemo ? Sequences.DemoLogin : Sequences.LiveLogin, ct),
            AccountTypeId = type.Id,
            Currency = currency,
            Leverage = leverage,
            Group = type.PlatformGroup,
            IsDemo = type.IsDemo,
            Enabled = rights.Enabled,
            Trading = rights.Trading,
            OpenedAt = now,
        };
        db.TradingAccounts.Add(account);
        await db.SaveChangesAsync(ct);
        AccountSync.Queue(db, account, PlatformSyncKind.Open, "account opened", now);
        effects.About(nameof(Client), client.Id.ToString());
        effects.Publish("account.opened", new
        {
            clientId = client.Id,
            clientNumber = client.Number,
            login = account.Login,
            accountType = type.Name,
            currency,
            leverage,
            demo = type.IsDemo,
        });
        return account.Id;
    }
}
