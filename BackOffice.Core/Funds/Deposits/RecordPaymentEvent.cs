using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Payments;
using BackOffice.Core.Kyc.Verification;
using BackOffice.Core.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Funds.Deposits;

/// <summary>
/// A payment provider's callback whose signature was verified: recorded, and acted on once. A replay (the same event
/// again) is answered with the first outcome and posts nothing; a callback for an order we do not know is
/// acknowledged and changes nothing.
/// </summary>
[SystemCommand]
public sealed record RecordPaymentEvent(string ChannelCode, PaymentEvent Event) : IBackOfficeCommand<Result<CallbackAnswer>>;

/// <summary>A callback refused before it was acted on (no or a wrong signature, stale, too large, unreadable), kept for the operations log.</summary>
[SystemCommand]
public sealed record RecordPaymentRefusal(string ChannelCode, string? EventId, bool SignatureValid, string Detail) : IBackOfficeCommand<Result>;

/// <summary>A verified callback that could not be processed (the database refused twice): recorded and alerted, the provider will resend it.</summary>
[SystemCommand]
public sealed record RecordPaymentFailure(string ChannelCode, string EventId, string Detail) : IBackOfficeCommand<Result>;

public sealed class RecordPaymentEventHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, IOptions<FundsOptions> options)
    : ICommandHandler<RecordPaymentEvent, Result<CallbackAnswer>>, ICommandHandler<RecordPaymentRefusal, Result>, ICommandHandler<RecordPaymentFailure, Result>
{
    /// <summary>This many refused signatures on one channel within <see cref="BurstWindow"/> raise an alert: a rotated secret, or someone probing.</summary>
    public const int BurstThreshold = 5;

    public static readonly TimeSpan BurstWindow = TimeSpan.FromMinutes(10);

    public async ValueTask<Result<CallbackAnswer>> Handle(RecordPaymentEvent command, CancellationToken ct)
    {
        var e = command.Event;
        var now = clock.GetUtcNow().UtcDateTime;
        var callback = new PaymentCallback
        {
            ChannelCode = command.ChannelCode, ReceivedAt = now, EventId = DepositMoves.Fit(e.EventId, 120), EventType = DepositMoves.Fit(e.TypeName, 80),
            SignatureValid = true, Ip = DepositMoves.Fit(context.Actor.Ip, 64),
        };
        // The callback's row is added once its outcome is known, so it is written once, with the command's other rows.
        var first = await FirstOutcome(db, command.ChannelCode, callback.EventId, ct);
        if (first is not null)
        {
            callback.Outcome = CallbackOutcome.Replayed;
            callback.ReplayOf = first.Id;
            callback.DepositId = first.DepositId;
            callback.Detail = $"The same event as callback {first.Id}: answered with its outcome, nothing posted again.";
            db.PaymentCallbacks.Add(callback);
            effects.About(nameof(PaymentCallback), first.Id.ToString());
            return new CallbackAnswer(first.Outcome, first.Detail, Replay: true);
        }

        var (outcome, detail, depositId) = await ApplyAsync(command.ChannelCode, e, now, ct);
        callback.Outcome = outcome;
        callback.Detail = DepositMoves.Fit(detail, 500)!;
        callback.DepositId = depositId;
        db.PaymentCallbacks.Add(callback);
        effects.About(depositId is null ? nameof(PaymentCallback) : nameof(Deposit), depositId?.ToString() ?? e.EventId);
        return new CallbackAnswer(outcome, callback.Detail);
    }

    private async Task<(CallbackOutcome, string, long?)> ApplyAsync(string channelCode, PaymentEvent e, DateTime now, CancellationToken ct)
    {
        if (e.Type == PaymentEventType.Unknown)
            return (CallbackOutcome.Ignored, $"Event type '{e.TypeName}' is not one BackOffice acts on; acknowledged.", null);
        var channel = await Channels.PaymentChannelCache.ByCodeAsync(db, channelCode, ct);
        if (channel is null) return (CallbackOutcome.Ignored, $"There is no payment channel '{channelCode}'.", null);
        var deposit = e.ProviderOrderId is { } order ? await DepositBy(db, channel.Id, nameof(Deposit.ProviderOrderId), order, ct) : null;
        if (deposit is null && e.OrderReference is { } reference)
            deposit = await DepositBy(db, channel.Id, nameof(Deposit.Reference), reference, ct);
        if (deposit is null)
            return (CallbackOutcome.Ignored, $"No deposit through {channel.Name} has order {e.ProviderOrderId ?? e.OrderReference ?? "(none)"}; acknowledged, nothing changed.", null);

        if (e.Type == PaymentEventType.Chargeback)
            return await ChargebackAsync(deposit, channel, e, now, ct);
        deposit.ProviderStatus = DepositMoves.Fit(e.ProviderStatus ?? e.TypeName, 40);
        if (deposit.Status != DepositStatus.AwaitingPayment)
            return (CallbackOutcome.Ignored, $"Deposit {deposit.Reference} is already {deposit.Status}; '{e.TypeName}' changes nothing.", deposit.Id);

        switch (e.Type)
        {
            case PaymentEventType.InProgress:
                return (CallbackOutcome.Applied, $"Deposit {deposit.Reference}: the provider reports '{e.TypeName}'.", deposit.Id);
            case PaymentEventType.Failed:
                DepositMoves.Fail(effects, deposit, channel, e.FailureCode, e.FailureMessage, now);
                return (CallbackOutcome.Applied, $"Deposit {deposit.Reference} failed: {deposit.FailureCode} ({deposit.FailureMessage}).", deposit.Id);
            case PaymentEventType.Succeeded or PaymentEventType.PartiallyPaid when e.Paid is not { } paid:
                return (CallbackOutcome.Ignored, $"Deposit {deposit.Reference}: the event names no amount in a currency we handle; nothing changed.", deposit.Id);
            case PaymentEventType.PartiallyPaid:
                deposit.PaidMinor = e.Paid!.Value.Minor;
                deposit.PaidCurrency = e.Paid.Value.Currency;
                deposit.PaidAt = now;
                deposit.SourceFingerprint = DepositMoves.Fit(e.Fingerprint, 200);
                deposit.Status = DepositStatus.ManualReview;
                deposit.ReviewReason = DepositReviewReason.PartiallyPaid;
                deposit.ReviewNote = $"Partly paid: {e.Paid} of {deposit.Amount}.";
                effects.Touch(FundsCounters.DepositsInReview);
                return (CallbackOutcome.Applied, $"Deposit {deposit.Reference}: {deposit.ReviewNote} Manual review.", deposit.Id);
            default:
                var what = await DepositMoves.OnPaidAsync(db, effects, options.Value, deposit, channel, e.Paid!.Value, e.PayerName, e.Fingerprint,
                    context.Actor.Name, now, confirmedByFinance: false, ct);
                return (CallbackOutcome.Applied, $"Deposit {deposit.Reference}: {what}", deposit.Id);
        }
    }

    /// <summary>The first callback of this event that was acted on (applied or ignored), if any: a fixed statement, run for every callback.</summary>
    private static async Task<PaymentCallback?> FirstOutcome(BackOfficeDb db, string channelCode, string? eventId, CancellationToken ct) =>
        (await db.RowsAsync<PaymentCallback>("callbacks.first-outcome", d =>
        {
            var (_, c) = AppendOnlyInsert.Names<PaymentCallback>(d);
            return $"WHERE {c(nameof(PaymentCallback.ChannelCode))} = @p0 AND {c(nameof(PaymentCallback.EventId))} = @p1 "
                   + $"AND {c(nameof(PaymentCallback.Outcome))} IN (@p2, @p3) ORDER BY {c(nameof(PaymentCallback.Id))} LIMIT 1";
        }, ct, (nameof(PaymentCallback.ChannelCode), channelCode), (nameof(PaymentCallback.EventId), eventId),
            (nameof(PaymentCallback.Outcome), CallbackOutcome.Applied), (nameof(PaymentCallback.Outcome), CallbackOutcome.Ignored))).FirstOrDefault();

    /// <summary>The channel's deposit with this provider order number or our reference, tracked (the callback changes it): a fixed statement.</summary>
    private static async Task<Deposit?> DepositBy(BackOfficeDb db, int channelId, string property, string value, CancellationToken ct) =>
        (await db.TrackedRowsAsync<Deposit>("deposits.by-" + property, d =>
        {
            var (_, c) = AppendOnlyInsert.Names<Deposit>(d);
            return $"WHERE {c(nameof(Deposit.ChannelId))} = @p0 AND {c(property)} = @p1 LIMIT 1";
        }, ct, (nameof(Deposit.ChannelId), channelId), (property, value))).FirstOrDefault();

    /// <summary>
    /// The issuer took a credited card payment back: the client's account is debited by what was taken (it may go below
    /// zero: the client then owes it), the platform is debited without a margin check, and finance is alerted.
    /// </summary>
    private async Task<(CallbackOutcome, string, long?)> ChargebackAsync(Deposit deposit, Channels.PaymentChannel channel, PaymentEvent e, DateTime now, CancellationToken ct)
    {
        if (deposit.Status != DepositStatus.Credited)
            return (CallbackOutcome.Ignored, $"Deposit {deposit.Reference} is {deposit.Status.Describe()}, not credited; the dispute changes nothing here.", deposit.Id);
        var taken = e.Paid is { } p && p.Currency == deposit.Currency && p.IsPositive && p.Minor <= (deposit.PaidMinor ?? deposit.AmountMinor)
            ? p : deposit.Paid ?? deposit.Amount;
        var posting = Ledger.LedgerPosting.Transfer("chargeback", deposit.Reference, DepositMoves.ClientAccount(deposit.TradingAccountId), channel.ClearingAccount,
            taken, $"dispute {e.FailureMessage} ({e.FailureCode})").Value!;
        var posted = (await Ledger.LedgerBook.PostAsync(db, posting, context.Actor.Name, now, ct)).Value!;
        var account = await db.TradingAccounts.AsNoTracking().FirstAsync(a => a.Id == deposit.TradingAccountId, ct);
        DepositMoves.QueueOnPlatform(db, account, Platform.BalanceOperationType.Balance, -taken, posted.TransactionId, $"chargeback {deposit.Reference}", now);
        deposit.Status = DepositStatus.ChargedBack;
        deposit.ProviderStatus = "disputed";
        deposit.ReviewNote = DepositMoves.Fit($"Charged back ({e.FailureCode ?? "no reason given"}): {taken} taken back by the card issuer.", 500);
        effects.Touch(FundsCounters.PlatformCreditsWaiting);
        effects.Publish("deposit.charged_back", new
        {
            depositId = deposit.Id, reference = deposit.Reference, clientId = deposit.ClientId, amount = taken.Amount, currency = taken.Currency, reason = e.FailureCode,
        });
        AlertKinds.Raise(db, effects, now, AlertKinds.Chargeback, AlertSeverity.Critical,
            $"Chargeback on deposit {deposit.Reference}: {taken} taken back by the card issuer ({e.FailureCode ?? "no reason given"}); account {account.Login} was debited.",
            nameof(Deposit), deposit.Id.ToString());
        return (CallbackOutcome.Applied, $"Deposit {deposit.Reference} charged back: {taken} debited from account {account.Login}.", deposit.Id);
    }

    public async ValueTask<Result> Handle(RecordPaymentRefusal command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.PaymentCallbacks.Add(new PaymentCallback
        {
            ChannelCode = DepositMoves.Fit(command.ChannelCode, 40)!, ReceivedAt = now, EventId = DepositMoves.Fit(command.EventId, 120),
            SignatureValid = command.SignatureValid, Outcome = CallbackOutcome.Refused, Detail = DepositMoves.Fit(command.Detail, 500)!,
            Ip = DepositMoves.Fit(context.Actor.Ip, 64),
        });
        effects.About(nameof(PaymentCallback), command.EventId ?? "unread");
        if (command.SignatureValid) return Result.Ok();
        var since = now - BurstWindow;
        var recent = await db.PaymentCallbacks.CountAsync(c => c.ChannelCode == command.ChannelCode && !c.SignatureValid && c.ReceivedAt >= since, ct) + 1;
        var entity = command.ChannelCode;
        if (recent >= BurstThreshold && !await db.Alerts.AnyAsync(a => a.Kind == AlertKinds.BadPaymentSignatures && a.EntityId == entity && a.Status != AlertStatus.Resolved, ct))
            AlertKinds.Raise(db, effects, now, AlertKinds.BadPaymentSignatures, AlertSeverity.Warning,
                $"{recent} callbacks to the {command.ChannelCode} channel were refused for their signature in the last {BurstWindow.TotalMinutes:0} minutes: a rotated secret not yet in the settings, or someone forging payments.",
                "PaymentChannel", entity);
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(RecordPaymentFailure command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.PaymentCallbacks.Add(new PaymentCallback
        {
            ChannelCode = DepositMoves.Fit(command.ChannelCode, 40)!, ReceivedAt = now, EventId = DepositMoves.Fit(command.EventId, 120),
            SignatureValid = true, Outcome = CallbackOutcome.Refused, Detail = DepositMoves.Fit("Not processed: " + command.Detail, 500)!,
            Ip = DepositMoves.Fit(context.Actor.Ip, 64),
        });
        effects.About(nameof(PaymentCallback), command.EventId);
        var entity = command.ChannelCode;
        if (!await db.Alerts.AnyAsync(a => a.Kind == AlertKinds.PaymentCallbackFailed && a.EntityId == entity && a.Status != AlertStatus.Resolved, ct))
            AlertKinds.Raise(db, effects, now, AlertKinds.PaymentCallbackFailed, AlertSeverity.Critical,
                $"A verified {command.ChannelCode} callback ({command.EventId}) could not be processed: {command.Detail} The provider will send it again.",
                "PaymentChannel", entity);
        return Result.Ok();
    }
}
