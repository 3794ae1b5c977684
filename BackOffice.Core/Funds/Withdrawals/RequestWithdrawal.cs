using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Operations;
using BackOffice.Core.Platform;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Funds.Withdrawals;

public sealed record WithdrawalRequested(long WithdrawalId, string Reference, ApprovalLevel Level, WithdrawalStatus Status, IReadOnlyList<WithdrawalCheck> Checks);

/// <summary>A withdrawal entered by finance or support at the client's request.</summary>
[RequiresPermission(FundsPermissions.Withdraw)]
public sealed record RequestWithdrawal(long TradingAccountId, string Channel, long DestinationId, decimal Amount, string Currency)
    : IBackOfficeCommand<Result<WithdrawalRequested>>, IDescribedCommand, IWithdrawalRequest
{
    public string Describe() => $"Request a {Amount} {Currency} withdrawal through {Channel}";

    string? IDescribedCommand.Reason => null;
}

/// <summary>The client asking for a withdrawal in the portal (through the client API); the account is named by its login.</summary>
[SystemCommand]
public sealed record RequestWithdrawalFromApi(long ClientId, long Login, string Channel, long DestinationId, decimal Amount, string Currency)
    : IBackOfficeCommand<Result<WithdrawalRequested>>, IWithdrawalRequest;

/// <summary>The checks a withdrawal would meet now, without requesting it: what the request screen shows before it is sent.</summary>
[RequiresPermission(FundsPermissions.View)]
public sealed record PreviewWithdrawal(long TradingAccountId, string Channel, long DestinationId, decimal Amount, string Currency)
    : IBackOfficeQuery<Result<WithdrawalPreview>>;

public sealed record WithdrawalPreview(IReadOnlyList<WithdrawalCheck> Checks, ApprovalLevel Level, string LevelWhy);

/// <summary>What a withdrawal request must have, whoever makes it.</summary>
public interface IWithdrawalRequest : Deposits.IDepositRequest
{
    long DestinationId { get; }
}

public sealed class WithdrawalRequestRules : AbstractValidator<IWithdrawalRequest>
{
    public WithdrawalRequestRules()
    {
        RuleFor(x => x.Channel).NotEmpty().WithMessage("Choose a payout method.");
        RuleFor(x => x.Amount).GreaterThan(0).WithMessage("The amount must be more than zero.");
        RuleFor(x => x.Currency).NotEmpty().WithMessage("Choose a currency.");
        RuleFor(x => x.DestinationId).GreaterThan(0).WithMessage("Choose where the money goes.");
    }
}

public sealed class RequestWithdrawalValidator : AbstractValidator<RequestWithdrawal>
{
    public RequestWithdrawalValidator() => Include(new WithdrawalRequestRules());
}

public sealed class RequestWithdrawalFromApiValidator : AbstractValidator<RequestWithdrawalFromApi>
{
    public RequestWithdrawalFromApiValidator() => Include(new WithdrawalRequestRules());
}

public sealed class RequestWithdrawalHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, ITradingPlatform platform,
    IOptions<FundsOptions> options) :
    ICommandHandler<RequestWithdrawal, Result<WithdrawalRequested>>,
    ICommandHandler<RequestWithdrawalFromApi, Result<WithdrawalRequested>>,
    IQueryHandler<PreviewWithdrawal, Result<WithdrawalPreview>>
{
    public async ValueTask<Result<WithdrawalRequested>> Handle(RequestWithdrawalFromApi command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.AsNoTracking().Where(a => a.Login == command.Login && a.ClientId == command.ClientId)
            .Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        if (account is null) return Error.NotFound($"Trading account {command.Login} of this client");
        return await RequestAsync(new RequestWithdrawal(account.Value, command.Channel, command.DestinationId, command.Amount, command.Currency), null, ct);
    }

    public ValueTask<Result<WithdrawalRequested>> Handle(RequestWithdrawal command, CancellationToken ct) =>
        new(RequestAsync(command, context.Actor.StaffId, ct));

    public async ValueTask<Result<WithdrawalPreview>> Handle(PreviewWithdrawal query, CancellationToken ct)
    {
        var loaded = await LoadAsync(new RequestWithdrawal(query.TradingAccountId, query.Channel, query.DestinationId, query.Amount, query.Currency), ct);
        if (!loaded.Succeeded) return loaded.Error!;
        var (account, channel, destination, amount) = loaded.Value!;
        var checks = await WithdrawalChecks.RunAsync(db, platform, clock, options.Value, account, channel, destination, amount, ct);
        var (level, why) = await ApprovalPolicy.LevelForAsync(db, options.Value, account.ClientId, amount, channel.Kind, ct);
        return new WithdrawalPreview(checks, level, why);
    }

    private async Task<Result<(Accounts.TradingAccounts.TradingAccount, Channels.PaymentChannel, PayoutDestination, Money)>> LoadAsync(
        RequestWithdrawal command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.TradingAccountId, ct);
        if (account is null) return Error.NotFound("The trading account");
        if (account.IsDemo) return Error.Rule("withdrawal.demo_account", $"Account {account.Login} is a demo account; it holds no real money.");
        var amount = Money.From(command.Amount, command.Currency);
        if (!amount.Succeeded) return Error.Validation(new Dictionary<string, string[]> { ["Amount"] = [amount.Error!.Message] });
        if (amount.Value.Currency != account.Currency)
            return Error.Validation(new Dictionary<string, string[]> { ["Currency"] = [$"Account {account.Login} is held in {account.Currency}; withdraw in {account.Currency}."] });
        var channel = await db.PaymentChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Code == command.Channel.Trim().ToLower(), ct);
        if (channel is null) return Error.NotFound($"The payout method '{command.Channel}'");
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == account.ClientId, ct);
        var type = await db.AccountTypes.AsNoTracking().Where(t => t.Id == account.AccountTypeId).Select(t => t.Name).FirstAsync(ct);
        if (channel.Refuses(amount.Value, client.Country, type, deposit: false) is { } refused) return refused;
        var destination = await db.PayoutDestinations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == command.DestinationId && d.ClientId == client.Id, ct);
        if (destination is null) return Error.NotFound("The payout destination");
        return (account, channel, destination, amount.Value);
    }

    private async Task<Result<WithdrawalRequested>> RequestAsync(RequestWithdrawal command, string? staffId, CancellationToken ct)
    {
        var loaded = await LoadAsync(command, ct);
        if (!loaded.Succeeded) return loaded.Error!;
        var (account, channel, destination, amount) = loaded.Value!;
        var checks = await WithdrawalChecks.RunAsync(db, platform, clock, options.Value, account, channel, destination, amount, ct);
        var failed = checks.Where(c => !c.Passed).ToList();
        if (failed.Count > 0)
            return Error.Rule("withdrawal.checks", "The withdrawal cannot be requested: " + string.Join(" ", failed.Select(f => $"{f.Name}: {f.Detail}")));

        var now = clock.GetUtcNow().UtcDateTime;
        var (level, _) = await ApprovalPolicy.LevelForAsync(db, options.Value, account.ClientId, amount, channel.Kind, ct);
        var reference = "W-" + await Sequences.NextAsync(db, Sequences.Withdrawal, ct);
        var reserve = LedgerPosting.Transfer("withdrawal.reserve", reference, DepositMoves.ClientAccount(account.Id),
            WithdrawalChecks.ReservedAccount(account.Id), amount, reference).Value!;
        var posted = (await LedgerBook.PostAsync(db, reserve, context.Actor.Name, now, ct)).Value!;
        // Two requests at once: the second finds the balance already reserved (or fails on the account's version).
        if (db.LedgerAccounts.Local.First(a => a.Code == DepositMoves.ClientAccount(account.Id) && a.Currency == amount.Currency).BalanceMinor < 0)
            return Error.Rule("withdrawal.checks", "The withdrawal cannot be requested: Available balance: another withdrawal reserved the money first.");
        DepositMoves.QueueOnPlatform(db, account, BalanceOperationType.Balance, -amount, posted.TransactionId, $"withdrawal {reference}", now);

        var withdrawal = new Withdrawal
        {
            Reference = reference, ClientId = account.ClientId, TradingAccountId = account.Id, ChannelId = channel.Id, DestinationId = destination.Id,
            AmountMinor = amount.Minor, Currency = amount.Currency, AmountUsd = Math.Round(options.Value.UsdValue(amount), 2),
            Status = level == ApprovalLevel.Automatic ? WithdrawalStatus.Approved : WithdrawalStatus.PendingApproval,
            RequiredLevel = level, ApprovedLevel = ApprovalLevel.Automatic, WaitingSince = now,
            Checks = DepositMoves.Fit(string.Join("\n", checks), 4000)!, RequestedBy = DepositMoves.Fit(context.Actor.Name, 160)!, RequestedByStaffId = staffId,
            CreatedAt = now, ReserveTransactionId = posted.TransactionId,
        };
        db.Withdrawals.Add(withdrawal);
        await db.SaveChangesAsync(ct);
        await WithdrawalMoves.RequestedAsync(db, effects, options.Value, withdrawal, channel, destination, $"from account {account.Login}",
            new { login = account.Login }, now, ct);
        return new WithdrawalRequested(withdrawal.Id, reference, level, withdrawal.Status, checks);
    }
}
