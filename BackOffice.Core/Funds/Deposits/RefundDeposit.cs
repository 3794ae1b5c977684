using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Funds.Payments;
using BackOffice.Core.Platform;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Deposits;

/// <summary>
/// Gives a deposit back to its source: a credited one takes the money off the client's account (what is still available
/// of it) and the platform, and its fee back from fees; a rejected one was never credited. Card and crypto are refunded
/// through the provider (the reference is the idempotency key); a wire is returned from the bank and its reference recorded.
/// </summary>
[RequiresPermission(FundsPermissions.Refund)]
public sealed record RefundDeposit(long DepositId, string Reason, string? BankReference = null) : IBackOfficeCommand<Result<string>>, IDescribedCommand
{
    public string Describe() => $"Refund deposit {DepositId} to its source";
}

public sealed class RefundDepositValidator : AbstractValidator<RefundDeposit>
{
    public RefundDepositValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(300);
}

public sealed class RefundDepositHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, IEnumerable<IPaymentProvider> providers)
    : ICommandHandler<RefundDeposit, Result<string>>
{
    public async ValueTask<Result<string>> Handle(RefundDeposit command, CancellationToken ct)
    {
        var deposit = await db.Deposits.FirstOrDefaultAsync(d => d.Id == command.DepositId, ct);
        if (deposit is null) return Error.NotFound("The deposit");
        if (deposit.Status is not (DepositStatus.Credited or DepositStatus.Rejected))
            return Error.Conflict($"Deposit {deposit.Reference} is {deposit.Status.Describe()}: only a credited or rejected deposit can be refunded.");
        var channel = await db.PaymentChannels.AsNoTracking().FirstAsync(c => c.Id == deposit.ChannelId, ct);
        var paid = deposit.Paid ?? deposit.Amount;
        var now = clock.GetUtcNow().UtcDateTime;
        var reference = deposit.Reference + "-R";

        if (deposit.Status == DepositStatus.Credited)
        {
            var net = paid - deposit.Fee;
            var available = await Withdrawals.WithdrawalChecks.BalanceAsync(db, DepositMoves.ClientAccount(deposit.TradingAccountId), deposit.Currency, ct);
            if (available < net)
                return Error.Rule("refund.balance", $"Refunding {deposit.Reference} takes {net} back from the account, which has {available} available.");
        }
        if (channel.Kind == ChannelKind.BankWire && string.IsNullOrWhiteSpace(command.BankReference))
            return Error.Validation(new Dictionary<string, string[]> { ["BankReference"] = ["Return the wire from the bank, then enter the bank's reference of the return."] });

        string proof;
        if (channel.Kind == ChannelKind.BankWire)
            proof = command.BankReference!.Trim();
        else
        {
            var provider = providers.FirstOrDefault(p => p.Name == channel.Provider);
            if (provider is null) return Error.Rule("channel.provider", $"{channel.Name} is set to use '{channel.Provider}', which this installation does not have.");
            try
            {
                proof = await provider.RefundAsync(channel, deposit.ProviderOrderId ?? deposit.Reference, paid, reference, ct);
            }
            catch (PaymentProviderException e)
            {
                return Error.Rule(e.Transient ? "provider.unavailable" : "provider.refused",
                    e.Transient ? $"{channel.Name} is not answering ({e.Message}); nothing was refunded. Try again shortly." : $"{channel.Name} refused the refund: {e.Message}");
            }
        }

        if (deposit.Status == DepositStatus.Credited)
        {
            var lines = new List<PostingLine>
            {
                new(DepositMoves.ClientAccount(deposit.TradingAccountId), -(paid - deposit.Fee), reference), new(channel.ClearingAccount, paid, reference),
            };
            if (deposit.Fee.IsPositive) lines.Add(new PostingLine(DepositMoves.FeesAccount, -deposit.Fee, $"{reference} fee returned"));
            var posted = (await LedgerBook.PostAsync(db, LedgerPosting.Create("deposit.refund", deposit.Reference, lines).Value!, context.Actor.Name, now, ct)).Value!;
            var account = await db.TradingAccounts.AsNoTracking().FirstAsync(a => a.Id == deposit.TradingAccountId, ct);
            DepositMoves.QueueOnPlatform(db, account, BalanceOperationType.Balance, -(paid - deposit.Fee), posted.TransactionId, $"refund {deposit.Reference}", now);
            effects.Touch(FundsCounters.PlatformCreditsWaiting);
        }
        deposit.Status = DepositStatus.Refunded;
        deposit.DecidedBy = context.Actor.Name;
        deposit.DecidedAt = now;
        deposit.ReviewNote = DepositMoves.Fit($"{deposit.ReviewNote} Refunded ({proof}): {command.Reason.Trim()}".Trim(), 500);
        effects.About(nameof(Deposit), deposit.Id.ToString());
        effects.Publish("deposit.refunded", new { depositId = deposit.Id, reference = deposit.Reference, clientId = deposit.ClientId, amount = paid.Amount, currency = paid.Currency, proof });
        return $"Refunded {paid} to the source ({proof}).";
    }
}
