using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.Sync;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.TradingAccounts;

/// <summary>Leverage multiplies a client's exposure: a change is four-eyes, within what the account type offers.</summary>
[RequiresPermission(AccountsPermissions.ChangeLeverage)]
[FourEyes(AccountsPermissions.ChangeLeverage)]
public sealed record ChangeLeverage(long TradingAccountId, int Leverage, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Change the leverage of trading account {TradingAccountId} to 1:{Leverage}";
}

public sealed class ChangeLeverageValidator : AbstractValidator<ChangeLeverage>
{
    public ChangeLeverageValidator()
    {
        RuleFor(x => x.Leverage).GreaterThan(0).WithMessage("Leverage must be positive.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
    }
}

public sealed class ChangeLeverageHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<ChangeLeverage, Result>
{
    public async ValueTask<Result> Handle(ChangeLeverage command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.FirstOrDefaultAsync(a => a.Id == command.TradingAccountId, ct);
        if (account is null) return Error.NotFound("The trading account");
        var client = await db.Clients.FirstAsync(c => c.Id == account.ClientId, ct);
        if (client.Status == ClientStatus.Closed) return Error.Rule("client.closed", "The client is closed; the account cannot change.");
        var type = await db.AccountTypes.FirstAsync(t => t.Id == account.AccountTypeId, ct);
        if (type.RefuseLeverage(command.Leverage) is { } refused)
            return Error.Validation(new Dictionary<string, string[]> { ["Leverage"] = [refused] });
        if (account.Leverage == command.Leverage)
            return Error.Conflict($"Account {account.Login} already has leverage 1:{command.Leverage}.");
        var from = account.Leverage;
        account.Leverage = command.Leverage;
        AccountSync.Queue(db, account, account.OnPlatform ? PlatformSyncKind.Apply : PlatformSyncKind.Open,
            $"leverage 1:{from} → 1:{command.Leverage}", clock.GetUtcNow().UtcDateTime);
        effects.About(nameof(Client), client.Id.ToString());
        effects.Publish("leverage.changed", new { clientId = client.Id, clientNumber = client.Number, login = account.Login, from, to = command.Leverage });
        return Result.Ok();
    }
}
