using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Platform;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Funds.Adjustments;

public sealed record TransferDone(long TransferId, string Reference, Money Sent, Money Received);

/// <summary>
/// Moves money between two live accounts of the same client: within the client's capabilities and what the sending
/// account's open positions can bear. Between currencies, the rate (receiving units per sending unit) is required and kept.
/// </summary>
[RequiresPermission(FundsPermissions.Transfer)]
public sealed record TransferBetweenAccounts(long FromAccountId, long ToAccountId, decimal Amount, string Currency, decimal? Rate = null)
    : IBackOfficeCommand<Result<TransferDone>>, IDescribedCommand
{
    public string Describe() => $"Transfer {Amount} {Currency} from trading account {FromAccountId} to {ToAccountId}";

    string? IDescribedCommand.Reason => null;
}

/// <summary>The client moving money between their accounts in the portal; the accounts are named by login.</summary>
[SystemCommand]
public sealed record TransferBetweenAccountsFromApi(long ClientId, long FromLogin, long ToLogin, decimal Amount, string Currency, decimal? Rate = null)
    : IBackOfficeCommand<Result<TransferDone>>;

public sealed class TransferBetweenAccountsValidator : AbstractValidator<TransferBetweenAccounts>
{
    public TransferBetweenAccountsValidator()
    {
        RuleFor(x => x.Amount).GreaterThan(0).WithMessage("The amount must be more than zero.");
        RuleFor(x => x.Currency).NotEmpty().WithMessage("Choose a currency.");
        RuleFor(x => x.ToAccountId).NotEqual(x => x.FromAccountId).WithMessage("Choose two different accounts.");
        RuleFor(x => x.Rate).GreaterThan(0).When(x => x.Rate is not null).WithMessage("The rate must be more than zero.");
    }
}

public sealed class TransferBetweenAccountsHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, ITradingPlatform platform,
    IOptions<FundsOptions> options) :
    ICommandHandler<TransferBetweenAccounts, Result<TransferDone>>, ICommandHandler<TransferBetweenAccountsFromApi, Result<TransferDone>>
{
    public async ValueTask<Result<TransferDone>> Handle(TransferBetweenAccountsFromApi command, CancellationToken ct)
    {
        var ids = await db.TradingAccounts.AsNoTracking().Where(a => a.ClientId == command.ClientId && (a.Login == command.FromLogin || a.Login == command.ToLogin))
            .ToDictionaryAsync(a => a.Login, a => a.Id, ct);
        if (!ids.TryGetValue(command.FromLogin, out var from) || !ids.TryGetValue(command.ToLogin, out var to))
            return Error.NotFound("One of the two accounts of this client");
        return await Handle(new TransferBetweenAccounts(from, to, command.Amount, command.Currency, command.Rate), ct);
    }

    public async ValueTask<Result<TransferDone>> Handle(TransferBetweenAccounts command, CancellationToken ct)
    {
        if (command.FromAccountId == command.ToAccountId) return Error.Rule("transfer.same_account", "Choose two different accounts.");
        var from = await db.TradingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.FromAccountId, ct);
        var to = await db.TradingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.ToAccountId, ct);
        if (from is null || to is null) return Error.NotFound("The trading account");
        if (from.ClientId != to.ClientId) return Error.Rule("transfer.other_client", "Transfers go between accounts of the same client only.");
        if (from.IsDemo || to.IsDemo) return Error.Rule("transfer.demo_account", "Demo accounts hold no real money.");
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == from.ClientId, ct);
        var can = ClientCapabilities.Evaluate(client, await ClientCapabilities.MatrixAsync(db, ct)).First(a => a.Capability == Capability.InternalTransfer);
        if (!can.Allowed) return Error.Rule("transfer.not_allowed", "The client cannot transfer between accounts. " + can.Why);

        var sent = Money.From(command.Amount, command.Currency);
        if (!sent.Succeeded) return Error.Validation(new Dictionary<string, string[]> { ["Amount"] = [sent.Error!.Message] });
        if (sent.Value.Currency != from.Currency)
            return Error.Validation(new Dictionary<string, string[]> { ["Currency"] = [$"Account {from.Login} is held in {from.Currency}; transfer in {from.Currency}."] });
        var sameCurrency = from.Currency == to.Currency;
        if (!sameCurrency && command.Rate is null)
            return Error.Validation(new Dictionary<string, string[]> { ["Rate"] = [$"{from.Currency} to {to.Currency} needs the rate used ({to.Currency} per {from.Currency})."] });
        var rate = sameCurrency ? 1m : command.Rate!.Value;
        var toInfo = Currencies.Find(to.Currency)!;
        var received = new Money((long)Math.Round(sent.Value.Amount * rate * toInfo.UnitsPerWhole, MidpointRounding.ToZero), to.Currency);
        if (!received.IsPositive) return Error.Rule("transfer.too_small", "At that rate nothing would arrive.");

        var available = await WithdrawalChecks.BalanceAsync(db, DepositMoves.ClientAccount(from.Id), from.Currency, ct);
        if (available < sent.Value) return Error.Rule("transfer.balance", $"{available} is available on account {from.Login}; {sent.Value} asked.");
        var margin = await WithdrawalChecks.MarginAsync(platform, options.Value, from, sent.Value, ct);
        if (!margin.Passed) return Error.Rule("transfer.margin", $"{margin.Name}: {margin.Detail}");

        var now = clock.GetUtcNow().UtcDateTime;
        var reference = "T-" + await Sequences.NextAsync(db, Sequences.Transfer, ct);
        var lines = sameCurrency
            ? new List<PostingLine> { new(DepositMoves.ClientAccount(from.Id), -sent.Value, reference), new(DepositMoves.ClientAccount(to.Id), received, reference) }
            : [
                new(DepositMoves.ClientAccount(from.Id), -sent.Value, reference), new("fx", sent.Value, $"{reference} at {rate}"),
                new("fx", -received, $"{reference} at {rate}"), new(DepositMoves.ClientAccount(to.Id), received, reference),
            ];
        var posted = (await LedgerBook.PostAsync(db, LedgerPosting.Create("transfer", reference, lines).Value!, context.Actor.Name, now, ct)).Value!;
        DepositMoves.QueueOnPlatform(db, from, BalanceOperationType.Balance, -sent.Value, posted.TransactionId, $"transfer {reference} out", now);
        // One comment per operation: the incoming leg carries the same transaction with a suffix.
        var incoming = DepositMoves.QueueOnPlatform(db, to, BalanceOperationType.Balance, received, posted.TransactionId, $"transfer {reference} in", now);
        incoming.Comment += "i";
        var transfer = new InternalTransfer
        {
            Reference = reference, ClientId = from.ClientId, FromAccountId = from.Id, ToAccountId = to.Id, AmountMinor = sent.Value.Minor, Currency = from.Currency,
            ToAmountMinor = received.Minor, ToCurrency = to.Currency, Rate = rate, By = context.Actor.Name, At = now, LedgerTransactionId = posted.TransactionId,
        };
        db.InternalTransfers.Add(transfer);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(InternalTransfer), transfer.Id.ToString());
        effects.Touch(FundsCounters.PlatformCreditsWaiting);
        effects.Publish("transfer.completed", new
        {
            transferId = transfer.Id, reference, clientId = from.ClientId, fromLogin = from.Login, toLogin = to.Login,
            sent = sent.Value.Amount, currency = from.Currency, received = received.Amount, toCurrency = to.Currency, rate,
        });
        return new TransferDone(transfer.Id, reference, sent.Value, received);
    }
}
