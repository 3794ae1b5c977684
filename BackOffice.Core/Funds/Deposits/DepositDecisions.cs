using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Channels;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Funds.Deposits;

/// <summary>
/// Finance matched a line of the bank statement to a wire deposit: what arrived, from whom, and the bank's reference
/// (the payment voucher). The payer and amount checks apply as to any payment; if they pass, it is credited.
/// </summary>
[RequiresPermission(FundsPermissions.ConfirmDeposit)]
public sealed record ConfirmWireDeposit(long DepositId, decimal AmountReceived, string Currency, string PayerName, string BankReference)
    : IBackOfficeCommand<Result<string>>, IDescribedCommand
{
    public string Describe() => $"Confirm wire deposit {DepositId}: {AmountReceived} {Currency} from {PayerName}";

    string? IDescribedCommand.Reason => null;
}

public sealed class ConfirmWireDepositValidator : AbstractValidator<ConfirmWireDeposit>
{
    public ConfirmWireDepositValidator()
    {
        RuleFor(x => x.AmountReceived).GreaterThan(0).WithMessage("Enter the amount on the statement line.");
        RuleFor(x => x.Currency).NotEmpty().WithMessage("Enter the currency on the statement line.");
        RuleFor(x => x.PayerName).NotEmpty().WithMessage("Enter the ordering customer's name as the statement shows it.").MaximumLength(200);
        RuleFor(x => x.BankReference).NotEmpty().WithMessage("Enter the bank's reference of the statement line.").MaximumLength(120);
    }
}

/// <summary>A paid deposit outside automatic approval: finance confirms it and it is credited.</summary>
[RequiresPermission(FundsPermissions.ConfirmDeposit)]
public sealed record ConfirmDeposit(long DepositId) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Confirm deposit {DepositId}";

    string? IDescribedCommand.Reason => null;
}

/// <summary>A deposit in manual review (third-party payer, different amount or currency) accepted with a reason: what was paid is credited.</summary>
[RequiresPermission(FundsPermissions.ReviewDeposit)]
public sealed record AcceptReviewedDeposit(long DepositId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Accept deposit {DepositId} after review";
}

/// <summary>A paid deposit refused (a third party's money, say): nothing is credited; the money is to go back to the payer.</summary>
[RequiresPermission(FundsPermissions.ReviewDeposit)]
public sealed record RejectDeposit(long DepositId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Reject deposit {DepositId}";
}

/// <summary>A deposit nobody paid (a wire that never came, a checkout abandoned) closed by finance.</summary>
[RequiresPermission(FundsPermissions.ConfirmDeposit)]
public sealed record CancelDeposit(long DepositId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Cancel deposit {DepositId}";
}

public sealed class AcceptReviewedDepositValidator : AbstractValidator<AcceptReviewedDeposit>
{
    public AcceptReviewedDepositValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
}

public sealed class RejectDepositValidator : AbstractValidator<RejectDeposit>
{
    public RejectDepositValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
}

public sealed class CancelDepositValidator : AbstractValidator<CancelDeposit>
{
    public CancelDepositValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(300);
}

public sealed class DepositDecisionHandlers(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, IOptions<FundsOptions> options) :
    ICommandHandler<ConfirmWireDeposit, Result<string>>,
    ICommandHandler<ConfirmDeposit, Result>,
    ICommandHandler<AcceptReviewedDeposit, Result>,
    ICommandHandler<RejectDeposit, Result>,
    ICommandHandler<CancelDeposit, Result>
{
    public async ValueTask<Result<string>> Handle(ConfirmWireDeposit command, CancellationToken ct)
    {
        var (deposit, channel, refused) = await LoadAsync(command.DepositId, DepositStatus.AwaitingPayment, ct);
        if (refused is not null) return refused;
        if (channel!.Kind != ChannelKind.BankWire)
            return Error.Rule("deposit.not_wire", $"Deposit {deposit!.Reference} is paid through {channel.Name}; its provider confirms it, not a statement line.");
        if (SelfApproval(deposit!) is { } own) return own;
        var received = Money.From(command.AmountReceived, command.Currency);
        if (!received.Succeeded) return Error.Validation(new Dictionary<string, string[]> { ["AmountReceived"] = [received.Error!.Message] });
        deposit!.ProviderOrderId ??= deposit.Reference;
        deposit.ProviderStatus = DepositMoves.Fit("statement " + command.BankReference.Trim(), 40);
        deposit.DecidedBy = context.Actor.Name;
        deposit.DecidedAt = Now;
        var what = await DepositMoves.OnPaidAsync(db, effects, options.Value, deposit, channel, received.Value, command.PayerName.Trim(),
            "bank:" + command.PayerName.Trim().ToUpperInvariant(), context.Actor.Name, Now, confirmedByFinance: true, ct);
        effects.About(nameof(Deposit), deposit.Id.ToString());
        return what;
    }

    public async ValueTask<Result> Handle(ConfirmDeposit command, CancellationToken ct)
    {
        var (deposit, channel, refused) = await LoadAsync(command.DepositId, DepositStatus.AwaitingConfirmation, ct);
        if (refused is not null) return refused;
        if (SelfApproval(deposit!) is { } own) return own;
        deposit!.DecidedBy = context.Actor.Name;
        deposit.DecidedAt = Now;
        await DepositMoves.CreditAsync(db, effects, options.Value, deposit, channel!, context.Actor.Name, Now, null, ct);
        effects.About(nameof(Deposit), deposit.Id.ToString());
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(AcceptReviewedDeposit command, CancellationToken ct)
    {
        var (deposit, channel, refused) = await LoadAsync(command.DepositId, DepositStatus.ManualReview, ct);
        if (refused is not null) return refused;
        if (SelfApproval(deposit!) is { } own) return own;
        if (deposit!.PaidCurrency != deposit.Currency)
            return Error.Rule("deposit.currency",
                $"Deposit {deposit.Reference} was paid in {deposit.PaidCurrency} for a {deposit.Currency} account; reject it so the money goes back.");
        deposit.DecidedBy = context.Actor.Name;
        deposit.DecidedAt = Now;
        deposit.ReviewNote = DepositMoves.Fit($"{deposit.ReviewNote} Accepted: {command.Reason.Trim()}", 500);
        await DepositMoves.CreditAsync(db, effects, options.Value, deposit, channel!, context.Actor.Name, Now, null, ct);
        effects.About(nameof(Deposit), deposit.Id.ToString());
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(RejectDeposit command, CancellationToken ct)
    {
        var deposit = await db.Deposits.FirstOrDefaultAsync(d => d.Id == command.DepositId, ct);
        if (deposit is null) return Error.NotFound("The deposit");
        if (deposit.Status is not (DepositStatus.ManualReview or DepositStatus.AwaitingConfirmation))
            return AlreadyDecided(deposit);
        deposit.Status = DepositStatus.Rejected;
        deposit.DecidedBy = context.Actor.Name;
        deposit.DecidedAt = Now;
        deposit.ReviewNote = DepositMoves.Fit($"{deposit.ReviewNote} Rejected: {command.Reason.Trim()}", 500);
        effects.Touch(FundsCounters.DepositsInReview, FundsCounters.DepositsToConfirm);
        effects.Publish("deposit.failed", new
        {
            depositId = deposit.Id, reference = deposit.Reference, clientId = deposit.ClientId, amount = deposit.Amount.Amount, currency = deposit.Currency,
            failureCode = "rejected", failureMessage = "The deposit was not accepted; the money is returned to the payer.", retry = false,
        });
        effects.About(nameof(Deposit), deposit.Id.ToString());
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(CancelDeposit command, CancellationToken ct)
    {
        var (deposit, channel, refused) = await LoadAsync(command.DepositId, DepositStatus.AwaitingPayment, ct);
        if (refused is not null) return refused;
        DepositMoves.Fail(effects, deposit!, channel!, "cancelled", $"Cancelled: {command.Reason.Trim()}", Now);
        deposit!.DecidedBy = context.Actor.Name;
        effects.About(nameof(Deposit), deposit.Id.ToString());
        return Result.Ok();
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<(Deposit?, PaymentChannel?, Error?)> LoadAsync(long id, DepositStatus expected, CancellationToken ct)
    {
        var deposit = await db.Deposits.FirstOrDefaultAsync(d => d.Id == id, ct);
        if (deposit is null) return (null, null, Error.NotFound("The deposit"));
        if (deposit.Status != expected) return (deposit, null, AlreadyDecided(deposit));
        var channel = await db.PaymentChannels.AsNoTracking().FirstAsync(c => c.Id == deposit.ChannelId, ct);
        return (deposit, channel, null);
    }

    private static Error AlreadyDecided(Deposit deposit) => Error.Conflict(deposit.DecidedBy is { } by
        ? $"Deposit {deposit.Reference} is already {deposit.Status.Describe()} (by {by}, {deposit.DecidedAt:yyyy-MM-dd HH:mm} UTC)."
        : $"Deposit {deposit.Reference} is {deposit.Status.Describe()}; it cannot be decided now.");

    /// <summary>Whoever started a deposit for a client does not also confirm it.</summary>
    private Error? SelfApproval(Deposit deposit) =>
        deposit.RequestedBy == context.Actor.Name
            ? Error.Rule("deposit.own_request", $"You started deposit {deposit.Reference}; another member of finance confirms it.")
            : null;
}

public static class DepositStatusText
{
    public static bool IsOpen(this DepositStatus status) =>
        status is DepositStatus.AwaitingPayment or DepositStatus.AwaitingConfirmation or DepositStatus.ManualReview;

    public static string Describe(this DepositStatus status) => status switch
    {
        DepositStatus.AwaitingPayment => "awaiting payment",
        DepositStatus.AwaitingConfirmation => "awaiting confirmation",
        DepositStatus.ManualReview => "in manual review",
        DepositStatus.Credited => "credited",
        DepositStatus.Failed => "failed",
        DepositStatus.Rejected => "rejected",
        DepositStatus.ChargedBack => "charged back",
        DepositStatus.Refunded => "refunded",
        _ => status.ToString(),
    };
}
