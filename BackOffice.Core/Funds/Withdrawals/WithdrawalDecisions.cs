using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Funds.Payments;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Operations;
using BackOffice.Core.Platform;
using BackOffice.Core.Staff.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Withdrawals;

/// <summary>
/// Approves the level the withdrawal waits at. The approver holds that level's permission, did not request it and did
/// not approve an earlier level of it. The last level makes it approved, awaiting payout.
/// </summary>
/// <param name="Level">The level the approver saw it waiting at: if someone approved that level meanwhile, this is refused.</param>
[RequiresPermission(FundsPermissions.View)]
public sealed record ApproveWithdrawal(long WithdrawalId, ApprovalLevel Level) : IBackOfficeCommand<Result<WithdrawalStatus>>, IDescribedCommand
{
    public string Describe() => $"Approve withdrawal {WithdrawalId} at {Level}";

    string? IDescribedCommand.Reason => null;
}

/// <summary>An approver refuses the withdrawal: the reserve goes back to the client and the platform is credited back.</summary>
[RequiresPermission(FundsPermissions.View)]
public sealed record RejectWithdrawal(long WithdrawalId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Reject withdrawal {WithdrawalId}";
}

/// <summary>Staff cancelling at the client's request, before approval.</summary>
[RequiresPermission(FundsPermissions.Withdraw)]
public sealed record CancelWithdrawal(long WithdrawalId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Cancel withdrawal {WithdrawalId}";
}

/// <summary>The client cancelling in the portal, before approval.</summary>
[SystemCommand]
public sealed record CancelWithdrawalFromApi(long ClientId, long WithdrawalId) : IBackOfficeCommand<Result>;

/// <summary>Sends an approved card or crypto withdrawal through its provider; a refusal fails it and gives the money back.</summary>
[RequiresPermission(FundsPermissions.Payout)]
public sealed record ExecutePayout(long WithdrawalId) : IBackOfficeCommand<Result<string>>, IDescribedCommand
{
    public string Describe() => $"Pay out withdrawal {WithdrawalId}";

    string? IDescribedCommand.Reason => null;
}

/// <summary>A wire sent from the bank: the payment voucher (the bank's reference and its confirmation file) marks it paid.</summary>
[RequiresPermission(FundsPermissions.Payout)]
public sealed record RecordPaymentVoucher(long WithdrawalId, string BankReference, string? FileName, byte[]? FileContent)
    : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Record the payment voucher of withdrawal {WithdrawalId}: {BankReference}";

    string? IDescribedCommand.Reason => null;
}

public sealed class RejectWithdrawalValidator : AbstractValidator<RejectWithdrawal>
{
    public RejectWithdrawalValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
}

public sealed class CancelWithdrawalValidator : AbstractValidator<CancelWithdrawal>
{
    public CancelWithdrawalValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
}

public sealed class RecordPaymentVoucherValidator : AbstractValidator<RecordPaymentVoucher>
{
    public const long MaxFileBytes = 5 * 1024 * 1024;

    public RecordPaymentVoucherValidator()
    {
        RuleFor(x => x.BankReference).NotEmpty().WithMessage("Enter the bank's reference of the transfer.").MaximumLength(120);
        // The bytes are checked, not only the name: a renamed or oversize file is refused with the reason.
        RuleFor(x => x).Must(x => x.FileContent is null || Kyc.Documents.DocumentFile.Inspect(x.FileName, x.FileContent, MaxFileBytes).Refusal is null)
            .WithName("FileContent")
            .WithMessage(x => Kyc.Documents.DocumentFile.Inspect(x.FileName, x.FileContent, MaxFileBytes).Refusal ?? "");
    }
}

public sealed class WithdrawalDecisionHandlers(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, StaffAccess access,
    IEnumerable<IPaymentProvider> providers, Kyc.Documents.IDocumentFiles files) :
    ICommandHandler<ApproveWithdrawal, Result<WithdrawalStatus>>,
    ICommandHandler<RejectWithdrawal, Result>,
    ICommandHandler<CancelWithdrawal, Result>,
    ICommandHandler<CancelWithdrawalFromApi, Result>,
    ICommandHandler<ExecutePayout, Result<string>>,
    ICommandHandler<RecordPaymentVoucher, Result>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async ValueTask<Result<WithdrawalStatus>> Handle(ApproveWithdrawal command, CancellationToken ct)
    {
        var w = await db.Withdrawals.FirstOrDefaultAsync(x => x.Id == command.WithdrawalId, ct);
        if (w is null) return Error.NotFound("The withdrawal");
        if (w.Status != WithdrawalStatus.PendingApproval || w.NextLevel != command.Level) return await AlreadyAsync(w, ct);
        var level = w.NextLevel;
        var staffId = context.Actor.StaffId ?? "";
        var permissions = await access.GetPermissionsAsync(staffId, ct) ?? new HashSet<string>();
        if (!permissions.Contains(FundsPermissions.ApproveAt(level)))
            return Error.Rule("withdrawal.level", $"Approving at {level} needs the permission {FundsPermissions.ApproveAt(level)}, which you do not hold.");
        if (w.RequestedByStaffId == staffId)
            return Error.Rule("withdrawal.own_request", $"You entered withdrawal {w.Reference}; someone else approves it.");
        if (await db.WithdrawalApprovals.AnyAsync(a => a.WithdrawalId == w.Id && a.StaffId == staffId, ct))
            return Error.Rule("withdrawal.second_approval", $"You approved an earlier level of {w.Reference}; {level} needs another person.");

        db.WithdrawalApprovals.Add(new WithdrawalApproval { WithdrawalId = w.Id, Level = level, StaffId = staffId, StaffName = context.Actor.Name, At = Now });
        w.ApprovedLevel = level;
        w.WaitingSince = Now;
        w.SlaAlertedLevel = null;
        effects.Touch(WithdrawalCounters.ForLevel(level), WithdrawalCounters.ForLevel(level + 1), WithdrawalCounters.AwaitingPayout);
        if (level >= w.RequiredLevel)
        {
            w.Status = WithdrawalStatus.Approved;
            w.DecidedBy = context.Actor.Name;
            w.DecidedAt = Now;
            effects.Publish("withdrawal.approved", new { withdrawalId = w.Id, reference = w.Reference, clientId = w.ClientId, level = level.ToString() });
        }
        effects.About(nameof(Withdrawal), w.Id.ToString());
        return w.Status;
    }

    public async ValueTask<Result> Handle(RejectWithdrawal command, CancellationToken ct)
    {
        var w = await db.Withdrawals.FirstOrDefaultAsync(x => x.Id == command.WithdrawalId, ct);
        if (w is null) return Error.NotFound("The withdrawal");
        if (w.Status is not (WithdrawalStatus.PendingApproval or WithdrawalStatus.Approved)) return await AlreadyAsync(w, ct);
        // Whoever may approve the level it waits at may refuse it; once approved, whoever pays it out may stop it (a reversal before payout).
        var permissions = await access.GetPermissionsAsync(context.Actor.StaffId ?? "", ct) ?? new HashSet<string>();
        var needed = w.Status == WithdrawalStatus.Approved ? FundsPermissions.Payout : FundsPermissions.ApproveAt(w.NextLevel);
        if (!permissions.Contains(needed))
            return Error.Rule("withdrawal.level", $"Refusing {w.Reference} now needs the permission {needed}, which you do not hold.");
        await WithdrawalMoves.VoidAsync(db, effects, w, WithdrawalStatus.Rejected, command.Reason.Trim(), context.Actor.Name, Now, ct);
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(CancelWithdrawal command, CancellationToken ct)
    {
        var w = await db.Withdrawals.FirstOrDefaultAsync(x => x.Id == command.WithdrawalId, ct);
        if (w is null) return Error.NotFound("The withdrawal");
        if (w.Status != WithdrawalStatus.PendingApproval || w.ApprovedLevel != ApprovalLevel.Automatic)
            return Error.Rule("withdrawal.cannot_cancel", $"{w.Reference} can be cancelled only before anyone approved it; it is {Describe(w)}.");
        await WithdrawalMoves.VoidAsync(db, effects, w, WithdrawalStatus.Cancelled, "Cancelled at the client's request: " + command.Reason.Trim(), context.Actor.Name, Now, ct);
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(CancelWithdrawalFromApi command, CancellationToken ct)
    {
        var w = await db.Withdrawals.FirstOrDefaultAsync(x => x.Id == command.WithdrawalId && x.ClientId == command.ClientId, ct);
        if (w is null) return Error.NotFound("The withdrawal");
        if (w.Status != WithdrawalStatus.PendingApproval || w.ApprovedLevel != ApprovalLevel.Automatic)
            return Error.Rule("withdrawal.cannot_cancel", $"{w.Reference} can no longer be cancelled: it is being processed.");
        await WithdrawalMoves.VoidAsync(db, effects, w, WithdrawalStatus.Cancelled, "Cancelled by the client", context.Actor.Name, Now, ct);
        return Result.Ok();
    }

    public async ValueTask<Result<string>> Handle(ExecutePayout command, CancellationToken ct)
    {
        var w = await db.Withdrawals.FirstOrDefaultAsync(x => x.Id == command.WithdrawalId, ct);
        if (w is null) return Error.NotFound("The withdrawal");
        if (w.Status != WithdrawalStatus.Approved) return await AlreadyAsync(w, ct);
        var channel = await db.PaymentChannels.AsNoTracking().FirstAsync(c => c.Id == w.ChannelId, ct);
        if (channel.Kind == ChannelKind.BankWire)
            return Error.Rule("withdrawal.wire", $"{w.Reference} is a wire: send it from the bank, then record its payment voucher.");
        var provider = providers.FirstOrDefault(p => p.Name == channel.Provider);
        if (provider is null) return Error.Rule("channel.provider", $"{channel.Name} is set to use '{channel.Provider}', which this installation does not have.");
        var destination = await db.PayoutDestinations.AsNoTracking().FirstAsync(d => d.Id == w.DestinationId, ct);
        string payoutId;
        try
        {
            payoutId = await provider.PayoutAsync(channel, new PayoutOrder(w.Reference, w.Amount, destination.Identifier, destination.HolderName), ct);
        }
        catch (PaymentProviderException e) when (e.Transient)
        {
            return Error.Rule("provider.unavailable", $"{channel.Name} is not answering ({e.Message}); nothing was paid. Try again shortly: the same payout is asked for, never a second one.");
        }
        catch (PaymentProviderException e)
        {
            await WithdrawalMoves.VoidAsync(db, effects, w, WithdrawalStatus.Failed, $"The payout failed: {e.Message}", context.Actor.Name, Now, ct);
            var back = w.PartnerId is null ? "the client's account" : "the partner's commission account";
            AlertKinds.Raise(db, effects, Now, AlertKinds.PayoutFailed, AlertSeverity.Warning,
                $"Payout of {w.Reference} ({w.Amount}) through {channel.Name} failed: {e.Message}. The money is back on {back}.",
                nameof(Withdrawal), w.Id.ToString());
            return $"The payout failed: {e.Message}. The money is back on {back}.";
        }
        await WithdrawalMoves.SettleAsync(db, effects, w, channel, context.Actor.Name, Now, ct);
        w.PayoutId = DepositMoves.Fit(payoutId, 120);
        return $"Paid: {channel.Name} payout {payoutId}.";
    }

    public async ValueTask<Result> Handle(RecordPaymentVoucher command, CancellationToken ct)
    {
        var w = await db.Withdrawals.FirstOrDefaultAsync(x => x.Id == command.WithdrawalId, ct);
        if (w is null) return Error.NotFound("The withdrawal");
        if (w.Status != WithdrawalStatus.Approved) return await AlreadyAsync(w, ct);
        var channel = await db.PaymentChannels.AsNoTracking().FirstAsync(c => c.Id == w.ChannelId, ct);
        if (channel.Kind != ChannelKind.BankWire)
            return Error.Rule("withdrawal.not_wire", $"{w.Reference} is paid through {channel.Name}; execute its payout instead.");
        w.VoucherReference = command.BankReference.Trim();
        if (command.FileContent is { } content)
            w.VoucherFile = await files.SaveAsync(content, ct);
        await WithdrawalMoves.SettleAsync(db, effects, w, channel, context.Actor.Name, Now, ct);
        return Result.Ok();
    }

    private async Task<Error> AlreadyAsync(Withdrawal w, CancellationToken ct)
    {
        var last = await db.WithdrawalApprovals.AsNoTracking().Where(a => a.WithdrawalId == w.Id).OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        var by = w.DecidedBy ?? last?.StaffName;
        return Error.Conflict($"{w.Reference} is already {Describe(w)}{(by is null ? "" : $" (last decided by {by})")}.");
    }

    public static string Describe(Withdrawal w) => w.Status switch
    {
        WithdrawalStatus.PendingApproval => w.ApprovedLevel == ApprovalLevel.Automatic ? $"waiting for {w.NextLevel}" : $"approved at {w.ApprovedLevel}, waiting for {w.NextLevel}",
        WithdrawalStatus.Approved => "approved, awaiting payout",
        var s => s.ToString().ToLowerInvariant(),
    };
}

public static class WithdrawalMoves
{
    /// <summary>
    /// A withdrawal just stored: the queues move, the event goes out (with <paramref name="source"/>'s fields), a large one raises an
    /// alert, and transaction monitoring sees the money leave to its destination.
    /// </summary>
    public static async Task RequestedAsync(BackOfficeDb db, Effects effects, FundsOptions options, Withdrawal w, PaymentChannel channel,
        PayoutDestination destination, string from, object source, DateTime now, CancellationToken ct)
    {
        effects.About(nameof(Withdrawal), w.Id.ToString());
        effects.Touch(WithdrawalCounters.PendingL1, WithdrawalCounters.AwaitingPayout, FundsCounters.PlatformCreditsWaiting); // it waits at L1 first
        var fields = System.Text.Json.JsonSerializer.SerializeToNode(source)!.AsObject();
        fields["withdrawalId"] = w.Id;
        fields["reference"] = w.Reference;
        fields["clientId"] = w.ClientId;
        fields["amount"] = w.Amount.Amount;
        fields["currency"] = w.Currency;
        fields["channel"] = channel.Code;
        fields["level"] = w.RequiredLevel.ToString();
        effects.Publish("withdrawal.requested", fields);
        if (w.RequiredLevel == ApprovalLevel.Automatic)
            effects.Publish("withdrawal.approved", new { withdrawalId = w.Id, reference = w.Reference, clientId = w.ClientId, level = "automatic" });
        if (w.AmountUsd >= options.LargeWithdrawalUsd)
            AlertKinds.Raise(db, effects, now, AlertKinds.LargeWithdrawal, AlertSeverity.Warning,
                $"Large withdrawal {w.Reference} requested: {w.Amount} (about {w.AmountUsd:#,0} USD) {from}; it needs {w.RequiredLevel} approval.",
                nameof(Withdrawal), w.Id.ToString());
        var kind = w.PartnerId is null ? MonitoringEventKind.Withdrawal : MonitoringEventKind.CommissionPayout;
        await MonitoringEvents.RecordAsync(db, effects, new MonitoringEvent(0, w.ClientId, kind, now)
        {
            AmountMinor = w.AmountMinor, Currency = w.Currency, AmountUsd = w.AmountUsd,
            Method = new PaymentMethod(DestinationMoves.MethodKind(destination.Kind), destination.Identifier, destination.HolderName),
        }, now, ct);
    }

    /// <summary>The ledger account the money was reserved from: the trading account's, or the partner's commission account.</summary>
    public static string SourceAccount(Withdrawal w) => w.PartnerId is { } partner
        ? Partners.Commissions.CommissionRuns.PayableAccount(partner)
        : DepositMoves.ClientAccount(w.TradingAccountId!.Value);

    /// <summary>Where the money waits from the request until it is paid or returned.</summary>
    public static string ReservedAccount(Withdrawal w) => w.PartnerId is { } partner
        ? WithdrawalChecks.ReservedCommissionAccount(partner)
        : WithdrawalChecks.ReservedAccount(w.TradingAccountId!.Value);

    /// <summary>
    /// Refused, failed or cancelled: the reserve returns to where it came from — the client's account, with the platform credited
    /// back, or the partner's commission account.
    /// </summary>
    public static async Task VoidAsync(BackOfficeDb db, Effects effects, Withdrawal w, WithdrawalStatus status, string reason, string by, DateTime now, CancellationToken ct)
    {
        var posting = LedgerPosting.Transfer("withdrawal.void", w.Reference, ReservedAccount(w), SourceAccount(w), w.Amount,
            reason.Length > 200 ? reason[..200] : reason).Value!;
        var posted = (await LedgerBook.PostAsync(db, posting, by, now, ct)).Value!;
        if (w.TradingAccountId is { } accountId)
        {
            var account = await db.TradingAccounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
            DepositMoves.QueueOnPlatform(db, account, BalanceOperationType.Balance, w.Amount, posted.TransactionId,
                $"withdrawal {w.Reference} {status.ToString().ToLowerInvariant()}", now);
        }
        var level = w.NextLevel;
        w.Status = status;
        w.Reason = DepositMoves.Fit(reason, 500);
        w.DecidedBy = by;
        w.DecidedAt = now;
        w.SettlementTransactionId = posted.TransactionId;
        effects.About(nameof(Withdrawal), w.Id.ToString());
        effects.Touch(WithdrawalCounters.ForLevel(level), WithdrawalCounters.AwaitingPayout, FundsCounters.PlatformCreditsWaiting);
        effects.Publish("withdrawal.rejected", new
        {
            withdrawalId = w.Id, reference = w.Reference, clientId = w.ClientId, amount = w.Amount.Amount, currency = w.Currency,
            outcome = status.ToString().ToLowerInvariant(), reason = w.Reason,
        });
    }

    /// <summary>Paid: the reserve leaves through the channel's clearing account.</summary>
    public static async Task SettleAsync(BackOfficeDb db, Effects effects, Withdrawal w, PaymentChannel channel, string by, DateTime now, CancellationToken ct)
    {
        var posting = LedgerPosting.Transfer("withdrawal.paid", w.Reference, ReservedAccount(w), channel.ClearingAccount, w.Amount, w.Reference).Value!;
        var posted = (await LedgerBook.PostAsync(db, posting, by, now, ct)).Value!;
        w.Status = WithdrawalStatus.Paid;
        w.PaidAt = now;
        w.SettlementTransactionId = posted.TransactionId;
        effects.About(nameof(Withdrawal), w.Id.ToString());
        effects.Touch(WithdrawalCounters.AwaitingPayout);
        effects.Publish("withdrawal.paid", new
        {
            withdrawalId = w.Id, reference = w.Reference, clientId = w.ClientId, amount = w.Amount.Amount, currency = w.Currency, channel = channel.Code,
            voucher = w.VoucherReference,
        });
        if (w.PartnerId is { } partner)
            effects.Publish("ib.payout_paid", new { withdrawalId = w.Id, reference = w.Reference, partnerId = partner, amount = w.Amount.Amount, currency = w.Currency,
                channel = channel.Code });
    }
}
