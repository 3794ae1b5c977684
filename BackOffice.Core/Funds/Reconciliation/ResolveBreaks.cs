using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Staff.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Funds.Reconciliation;

/// <summary>
/// A statement line with nothing of ours found is ours after all: linked by hand to the deposit, refund or payout it
/// belongs to. A wire deposit still awaiting payment is confirmed from the line (with the usual payer and amount
/// checks, and never by whoever started it). When the amounts differ the break stays open as an amount mismatch.
/// </summary>
[RequiresPermission(FundsPermissions.Reconcile)]
public sealed record LinkStatementLine(long BreakId, string OurReference) : IBackOfficeCommand<Result<string>>, IDescribedCommand
{
    public string Describe() => $"Link reconciliation break {BreakId} to {OurReference}";

    string? IDescribedCommand.Reason => null;
}

/// <summary>
/// Money arrived that nobody ordered through the console (a client wired without a reference): the deposit is created
/// from the line for the account finance names, and credited, or sent to manual review by the payer check.
/// </summary>
[RequiresPermission(FundsPermissions.Reconcile)]
public sealed record CreateDepositFromStatementLine(long BreakId, long Login) : IBackOfficeCommand<Result<string>>, IDescribedCommand
{
    public string Describe() => $"Create the missing deposit of reconciliation break {BreakId} for account {Login}";

    string? IDescribedCommand.Reason => null;
}

/// <summary>
/// The difference of a break is accepted: posted between the channel's clearing account and the reconciliation
/// differences account. Four-eyes: a second person holding the write-off permission approves it.
/// </summary>
[RequiresPermission(FundsPermissions.Reconcile)]
[FourEyes(FundsPermissions.ApproveWriteOff)]
public sealed record WriteOffReconciliationBreak(long BreakId, string Reason) : IBackOfficeCommand<Result<long>>, IDescribedCommand
{
    public string Describe() => $"Write off reconciliation break {BreakId}";
}

public sealed class LinkStatementLineValidator : AbstractValidator<LinkStatementLine>
{
    public LinkStatementLineValidator() =>
        RuleFor(x => x.OurReference).NotEmpty().WithMessage("Enter our reference: D-… for a deposit or refund, W-… for a payout.")
            .Must(r => r is null || StatementMatcher.ReferencesIn(r.Trim()).Count() == 1)
            .WithMessage("Enter one reference: D-… for a deposit or refund, W-… for a payout.");
}

public sealed class CreateDepositFromStatementLineValidator : AbstractValidator<CreateDepositFromStatementLine>
{
    public CreateDepositFromStatementLineValidator() => RuleFor(x => x.Login).GreaterThan(0).WithMessage("Enter the trading account's login.");
}

public sealed class WriteOffReconciliationBreakValidator : AbstractValidator<WriteOffReconciliationBreak>
{
    public WriteOffReconciliationBreakValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
}

public sealed class BreakResolutionHandlers(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, StaffAccess access,
    IOptions<FundsOptions> options) :
    ICommandHandler<LinkStatementLine, Result<string>>,
    ICommandHandler<CreateDepositFromStatementLine, Result<string>>,
    ICommandHandler<WriteOffReconciliationBreak, Result<long>>
{
    /// <summary>The broker's account for accepted reconciliation differences.</summary>
    public const string DifferencesAccount = "reconciliation";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async ValueTask<Result<string>> Handle(LinkStatementLine command, CancellationToken ct)
    {
        var (item, line, channel, refused) = await OpenTheirsOnlyAsync(command.BreakId, ct);
        if (refused is not null) return refused;
        var reference = StatementMatcher.ReferencesIn(command.OurReference.Trim()).Single();
        string outcome;
        long? depositId = null, withdrawalId = null;
        Money ours;

        if (reference.StartsWith('D'))
        {
            var deposit = await db.Deposits.FirstOrDefaultAsync(d => d.Reference == reference && d.ChannelId == channel!.Id, ct);
            if (deposit is null) return Error.Rule("reconciliation.unknown", $"There is no deposit {reference} on {channel!.Name}.");
            depositId = deposit.Id;
            if (line!.AmountMinor > 0 && deposit.Status == DepositStatus.AwaitingPayment)
            {
                if (channel!.Kind != ChannelKind.BankWire)
                    return Error.Rule("reconciliation.awaiting", $"{reference} is still awaiting its provider's payment; its callback confirms it, not a statement line.");
                if (await MissingAsync(FundsPermissions.ConfirmDeposit, ct) is { } missing) return missing;
                if (deposit.RequestedBy == context.Actor.Name)
                    return Error.Rule("deposit.own_request", $"You started deposit {reference}; another member of finance confirms it.");
                deposit.ProviderOrderId ??= deposit.Reference;
                deposit.ProviderStatus = DepositMoves.Fit("statement " + (line.ProviderId ?? $"line {line.LineNumber}"), 40);
                deposit.DecidedBy = context.Actor.Name;
                deposit.DecidedAt = Now;
                outcome = await DepositMoves.OnPaidAsync(db, effects, options.Value, deposit, channel, line.Amount, line.Payer,
                    line.Payer is { } payer ? "bank:" + payer.ToUpperInvariant() : null, context.Actor.Name, Now, confirmedByFinance: true, ct);
                ours = line.Amount;
            }
            else
            {
                if (deposit.Paid is not { } paid) return Error.Rule("reconciliation.unpaid", $"Deposit {reference} is {deposit.Status.Describe()}; no money of it moved.");
                if (line.AmountMinor < 0 && deposit.Status is not (DepositStatus.Refunded or DepositStatus.ChargedBack))
                    return Error.Rule("reconciliation.sign", $"The line is money out, and deposit {reference} was neither refunded nor charged back.");
                if (await AlreadyMatchedAsync(l => l.DepositId == deposit.Id && (line.AmountMinor > 0 ? l.AmountMinor > 0 : l.AmountMinor < 0), ct) is { } taken)
                    return taken;
                ours = line.AmountMinor > 0 ? paid : -paid;
                outcome = $"Linked to {reference}.";
            }
        }
        else
        {
            var w = await db.Withdrawals.AsNoTracking().FirstOrDefaultAsync(x => x.Reference == reference && x.ChannelId == channel!.Id, ct);
            if (w is null) return Error.Rule("reconciliation.unknown", $"There is no withdrawal {reference} on {channel!.Name}.");
            if (w.Status != WithdrawalStatus.Paid) return Error.Rule("reconciliation.unpaid", $"Withdrawal {reference} is not paid; no money of it moved.");
            if (line!.AmountMinor > 0) return Error.Rule("reconciliation.sign", $"The line is money in; {reference} is a payout.");
            if (await AlreadyMatchedAsync(l => l.WithdrawalId == w.Id, ct) is { } taken) return taken;
            withdrawalId = w.Id;
            ours = -w.Amount;
            outcome = $"Linked to {reference}.";
        }

        line!.DepositId = depositId;
        line.WithdrawalId = withdrawalId;
        line.MatchedBy = MatchKey.Manual;
        line.Match = ours == line.Amount ? LineMatch.Matched : LineMatch.Mismatch;
        item!.DepositId = depositId;
        item.WithdrawalId = withdrawalId;
        item.OurReference = reference;
        if (line.Match == LineMatch.Matched)
            Resolve(item, BreakStatus.Linked, $"Linked to {reference}. {outcome}");
        else
        {
            item.Kind = BreakKind.AmountMismatch;
            item.OursMinor = ours.Minor;
            item.Detail = $"Linked to {reference} by {context.Actor.Name}: the statement shows {line.Amount}, {reference} is {ours}.";
            outcome += $" The amounts differ ({line.Amount} against {ours}): write the difference off or correct it.";
        }
        await CloseOursOnlyAsync(channel!.Id, depositId, withdrawalId, ours.Minor, $"Linked to line {line.LineNumber} of statement import {line.ImportId}.", ct);
        effects.About(nameof(ReconciliationBreak), item.Id.ToString());
        effects.Touch(FundsCounters.ReconciliationBreaks);
        return outcome;
    }

    public async ValueTask<Result<string>> Handle(CreateDepositFromStatementLine command, CancellationToken ct)
    {
        var (item, line, channel, refused) = await OpenTheirsOnlyAsync(command.BreakId, ct);
        if (refused is not null) return refused;
        if (await MissingAsync(FundsPermissions.ConfirmDeposit, ct) is { } missing) return missing;
        if (line!.AmountMinor < 0) return Error.Rule("reconciliation.sign", "The line is money out; only money in becomes a deposit.");
        if (item!.DepositId is { } suggested)
            return Error.Rule("reconciliation.suggested", $"The line names {item.OurReference}; link it to that deposit instead of creating another.");
        var account = await db.TradingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Login == command.Login && !a.IsDemo, ct);
        if (account is null) return Error.Rule("reconciliation.account", $"There is no live trading account {command.Login}.");
        if (account.Currency != line.Currency)
            return Error.Rule("reconciliation.currency", $"Account {account.Login} is held in {account.Currency}; the line is in {line.Currency}.");
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == account.ClientId, ct);
        if (client.Status == Accounts.Lifecycle.ClientStatus.Closed)
            return Error.Rule("reconciliation.closed", $"Client {client.Number} is closed; return the money to the payer instead.");
        if (line.ProviderId is { } providerId && await db.Deposits.AnyAsync(d => d.ChannelId == channel!.Id && d.ProviderOrderId == providerId, ct))
            return Error.Rule("reconciliation.provider_id", $"A deposit with the provider's id {providerId} exists; link the line to it instead.");

        var deposit = new Deposit
        {
            Reference = "D-" + await Sequences.NextAsync(db, Sequences.Deposit, ct), ClientId = client.Id, TradingAccountId = account.Id,
            ChannelId = channel!.Id, AmountMinor = line.AmountMinor, Currency = line.Currency, Status = DepositStatus.AwaitingPayment,
            RequestedBy = $"statement import {line.ImportId}, line {line.LineNumber}", CreatedAt = Now, DecidedBy = context.Actor.Name, DecidedAt = Now,
            ProviderStatus = DepositMoves.Fit("statement " + (line.ProviderId ?? $"line {line.LineNumber}"), 40),
        };
        deposit.ProviderOrderId = line.ProviderId ?? deposit.Reference;
        db.Deposits.Add(deposit);
        await db.SaveChangesAsync(ct);
        var outcome = await DepositMoves.OnPaidAsync(db, effects, options.Value, deposit, channel, line.Amount, line.Payer,
            line.Payer is { } payer ? "bank:" + payer.ToUpperInvariant() : null, context.Actor.Name, Now, confirmedByFinance: true, ct);

        line.DepositId = deposit.Id;
        line.Match = LineMatch.Matched;
        line.MatchedBy = MatchKey.Manual;
        item.DepositId = deposit.Id;
        item.OurReference = deposit.Reference;
        item.OursMinor = line.AmountMinor;
        Resolve(item, BreakStatus.DepositCreated, $"Deposit {deposit.Reference} created for account {account.Login}. {outcome}");
        effects.About(nameof(ReconciliationBreak), item.Id.ToString());
        effects.Touch(FundsCounters.ReconciliationBreaks, FundsCounters.DepositsInReview);
        return $"Deposit {deposit.Reference} created for {account.Login}. {outcome}";
    }

    public async ValueTask<Result<long>> Handle(WriteOffReconciliationBreak command, CancellationToken ct)
    {
        var item = await db.ReconciliationBreaks.FirstOrDefaultAsync(b => b.Id == command.BreakId, ct);
        if (item is null) return Error.NotFound("The reconciliation break");
        if (item.Status != BreakStatus.Open) return Decided(item);
        var difference = new Money(item.DifferenceMinor, item.Currency);
        if (difference.IsZero) return Error.Rule("reconciliation.nothing", "The two sides agree; there is nothing to write off.");
        var channel = await db.PaymentChannels.AsNoTracking().FirstAsync(c => c.Id == item.ChannelId, ct);
        var reference = $"R-{item.Id}";
        var posting = difference.IsPositive
            ? LedgerPosting.Transfer("reconciliation", reference, channel.ClearingAccount, DifferencesAccount, difference, command.Reason.Trim())
            : LedgerPosting.Transfer("reconciliation", reference, DifferencesAccount, channel.ClearingAccount, -difference, command.Reason.Trim());
        var posted = await LedgerBook.PostAsync(db, posting.Value!, context.Actor.Name, Now, ct);
        if (!posted.Succeeded) return posted.Error!;
        item.LedgerTransactionId = posted.Value!.TransactionId;
        var who = context.ActedBy;
        Resolve(item, BreakStatus.WrittenOff, $"{difference} written off ({who}): {command.Reason.Trim()}");
        effects.About(nameof(ReconciliationBreak), item.Id.ToString());
        effects.Touch(FundsCounters.ReconciliationBreaks);
        return item.LedgerTransactionId.Value;
    }

    private void Resolve(ReconciliationBreak item, BreakStatus status, string resolution)
    {
        item.Status = status;
        item.Resolution = resolution.Length > 500 ? resolution[..500] : resolution;
        item.ResolvedBy = context.Approval?.MakerName ?? context.Actor.Name;
        item.ResolvedAt = Now;
    }

    private async Task<(ReconciliationBreak?, StatementLine?, PaymentChannel?, Error?)> OpenTheirsOnlyAsync(long breakId, CancellationToken ct)
    {
        var item = await db.ReconciliationBreaks.FirstOrDefaultAsync(b => b.Id == breakId, ct);
        if (item is null) return (null, null, null, Error.NotFound("The reconciliation break"));
        if (item.Status != BreakStatus.Open) return (item, null, null, Decided(item));
        if (item.Kind != BreakKind.TheirsOnly || item.StatementLineId is null)
            return (item, null, null, Error.Rule("reconciliation.kind", item.Kind == BreakKind.OursOnly
                ? "This break is one of ours missing from the statement; it is linked from the statement line's side, or written off."
                : "Both sides of this break are known; write the difference off."));
        var line = await db.StatementLines.FirstAsync(l => l.Id == item.StatementLineId, ct);
        var channel = await db.PaymentChannels.AsNoTracking().FirstAsync(c => c.Id == item.ChannelId, ct);
        return (item, line, channel, null);
    }

    private async Task<Error?> AlreadyMatchedAsync(System.Linq.Expressions.Expression<Func<StatementLine, bool>> same, CancellationToken ct)
    {
        var other = await db.StatementLines.AsNoTracking().Where(same).Select(l => new { l.LineNumber, l.ImportId }).FirstOrDefaultAsync(ct);
        return other is null ? null : Error.Conflict($"That movement is already matched to line {other.LineNumber} of statement import {other.ImportId}.");
    }

    private async Task CloseOursOnlyAsync(int channelId, long? depositId, long? withdrawalId, long oursMinor, string resolution, CancellationToken ct)
    {
        var open = await db.ReconciliationBreaks
            .Where(b => b.ChannelId == channelId && b.Kind == BreakKind.OursOnly && b.Status == BreakStatus.Open)
            .Where(b => withdrawalId != null ? b.WithdrawalId == withdrawalId : b.DepositId == depositId && (oursMinor > 0 ? b.OursMinor > 0 : b.OursMinor < 0))
            .ToListAsync(ct);
        foreach (var b in open) Resolve(b, BreakStatus.Linked, resolution);
    }

    private async Task<Error?> MissingAsync(string permission, CancellationToken ct)
    {
        var held = await access.GetPermissionsAsync(context.Actor.StaffId ?? "", ct);
        return held?.Contains(permission) == true
            ? null
            : Error.Rule("reconciliation.permission", $"Crediting a client from a statement line needs the permission {permission}, which you do not hold.");
    }

    private static Error Decided(ReconciliationBreak item) =>
        Error.Conflict($"This break is already {item.Status.Describe()} (by {item.ResolvedBy}, {item.ResolvedAt:yyyy-MM-dd HH:mm} UTC).");
}

/// <summary>Refuses a write-off nobody could approve (a break already settled, nothing to write off, one already asked for) before a checker is asked.</summary>
public sealed class WriteOffReconciliationBreakPrecheck(BackOfficeDb db) : ICommandPrecheck<WriteOffReconciliationBreak>
{
    public async ValueTask<Error?> CheckAsync(WriteOffReconciliationBreak command, CancellationToken ct)
    {
        var item = await db.ReconciliationBreaks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == command.BreakId, ct);
        if (item is null) return Error.NotFound("The reconciliation break");
        if (item.Status != BreakStatus.Open)
            return Error.Conflict($"This break is already {item.Status.Describe()} (by {item.ResolvedBy}, {item.ResolvedAt:yyyy-MM-dd HH:mm} UTC).");
        if (item.DifferenceMinor == 0) return Error.Rule("reconciliation.nothing", "The two sides agree; there is nothing to write off.");
        var summary = command.Describe();
        return await db.PendingOperations.AnyAsync(o => o.Summary == summary && o.Status == Staff.FourEyes.PendingOperationStatus.Pending, ct)
            ? Error.Conflict("A write-off of this break is already waiting for a second approver.")
            : null;
    }
}
