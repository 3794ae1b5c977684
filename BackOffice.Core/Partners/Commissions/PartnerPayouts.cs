using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Platform;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Funds.Withdrawals;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>Commission paid out to a partner: moved from its commission account to one of its own trading accounts.</summary>
public sealed class PartnerPayout
{
    public long Id { get; set; }
    public string Reference { get; set; } = "";
    public long PartnerId { get; set; }
    public long TradingAccountId { get; set; }
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "USD";
    public DateTime PaidAt { get; set; }
    public string PaidBy { get; set; } = "";
    public long LedgerTransactionId { get; set; }
}

/// <summary>
/// Pays a partner's available commission (what runs posted, less what was paid) into one of its trading accounts: the
/// ledger moves it from the commission account to the account's, and the platform is credited. A second manager approves it.
/// </summary>
[RequiresPermission(PartnerPermissions.Manage)]
[FourEyes(PartnerPermissions.Approve)]
public sealed record PayPartnerCommission(long PartnerId, long Login, decimal Amount, string Reason) : IBackOfficeCommand<Result<string>>, IDescribedCommand
{
    public string Describe() => $"Pay partner {PartnerId} {Amount:0.00} of commission into account {Login}";
}

public sealed class PayPartnerCommissionValidator : AbstractValidator<PayPartnerCommission>
{
    public PayPartnerCommissionValidator()
    {
        RuleFor(x => x.Amount).GreaterThan(0).WithMessage("The amount must be more than zero.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
    }
}

public sealed class PartnerPayoutRules(BackOfficeDb db, IOptions<PartnersOptions> options)
{
    /// <summary>What the partner may be paid now: its commission account's balance.</summary>
    public async Task<Money> AvailableAsync(long partnerId, string currency, CancellationToken ct) =>
        new(await db.LedgerAccounts.Where(a => a.Code == CommissionRuns.PayableAccount(partnerId) && a.Currency == currency).Select(a => a.BalanceMinor)
            .FirstOrDefaultAsync(ct), currency);

    public async Task<(Partner?, Accounts.TradingAccounts.TradingAccount?, Money, Error?)> CheckAsync(PayPartnerCommission command, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PartnerId, ct);
        if (partner is null) return (null, null, default, Error.NotFound("The partner"));
        var account = await db.TradingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Login == command.Login, ct);
        if (account is null || account.ClientId != partner.ClientId || account.IsDemo)
            return (partner, null, default, Error.Rule("payout.account", $"Account {command.Login} is not a live account of partner {partner.Code}."));
        var amount = Money.From(command.Amount, account.Currency);
        if (!amount.Succeeded) return (partner, account, default, amount.Error);
        var minimum = Money.From(options.Value.MinimumPayout, account.Currency).Value;
        if (amount.Value < minimum) return (partner, account, default, Error.Rule("payout.minimum", $"The smallest payout is {minimum}."));
        var available = await AvailableAsync(partner.Id, account.Currency, ct);
        return amount.Value > available
            ? (partner, account, default, Error.Rule("payout.available", $"{partner.Code} has {available} of commission available; {amount.Value} is more than that."))
            : (partner, account, amount.Value, null);
    }
}

public sealed class PayPartnerCommissionPrecheck(PartnerPayoutRules rules) : ICommandPrecheck<PayPartnerCommission>
{
    public async ValueTask<Error?> CheckAsync(PayPartnerCommission command, CancellationToken ct) => (await rules.CheckAsync(command, ct)).Item4;
}

public sealed class PayPartnerCommissionHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, PartnerPayoutRules rules)
    : ICommandHandler<PayPartnerCommission, Result<string>>
{
    public async ValueTask<Result<string>> Handle(PayPartnerCommission command, CancellationToken ct)
    {
        var (partner, account, amount, refused) = await rules.CheckAsync(command, ct);
        if (refused is not null) return refused;
        var now = clock.GetUtcNow().UtcDateTime;
        var payout = new PartnerPayout
        {
            PartnerId = partner!.Id, TradingAccountId = account!.Id, AmountMinor = amount.Minor, Currency = amount.Currency, PaidAt = now,
            PaidBy = context.ActedBy,
        };
        db.PartnerPayouts.Add(payout);
        await db.SaveChangesAsync(ct);
        payout.Reference = $"IBP-{payout.Id}";
        var posting = LedgerPosting.Transfer("ib.payout", payout.Reference, CommissionRuns.PayableAccount(partner.Id), $"client:{account.Id}", amount,
            $"Commission of {partner.Code}");
        if (!posting.Succeeded) return posting.Error!;
        var posted = await LedgerBook.PostAsync(db, posting.Value!, context.Actor.Name, now, ct);
        if (!posted.Succeeded) return posted.Error!;
        payout.LedgerTransactionId = posted.Value!.TransactionId;
        DepositMoves.QueueOnPlatform(db, account, BalanceOperationType.Balance, amount, posted.Value.TransactionId, $"IB commission {payout.Reference}", now);
        effects.About(nameof(Partner), partner.Id.ToString());
        effects.Touch(Funds.FundsCounters.PlatformCreditsWaiting);
        effects.Publish("ib.payout_paid", new { payoutId = payout.Id, payout.Reference, partnerId = partner.Id, code = partner.Code, login = account.Login,
            amount = amount.Amount, currency = amount.Currency });
        return payout.Reference;
    }
}

/// <summary>
/// A partner takes its commission out to a bank account, card or crypto address of its own, through the funds module's
/// withdrawal flow: the amount is reserved from its commission account and the withdrawal waits for the approval levels
/// the policy sets, then finance pays it out like any other. Refused or failed, the money returns to the commission account.
/// </summary>
[RequiresPermission(PartnerPermissions.Manage)]
public sealed record WithdrawPartnerCommission(long PartnerId, string Channel, long DestinationId, decimal Amount, string Currency)
    : IBackOfficeCommand<Result<WithdrawalRequested>>, IDescribedCommand
{
    public string Describe() => $"Withdraw {Amount:0.00} {Currency} of partner {PartnerId}'s commission through {Channel}";

    string? IDescribedCommand.Reason => null;
}

public sealed class WithdrawPartnerCommissionValidator : AbstractValidator<WithdrawPartnerCommission>
{
    public WithdrawPartnerCommissionValidator()
    {
        RuleFor(x => x.Channel).NotEmpty().WithMessage("Choose a payout method.");
        RuleFor(x => x.Amount).GreaterThan(0).WithMessage("The amount must be more than zero.");
        RuleFor(x => x.Currency).NotEmpty().WithMessage("Choose a currency.");
        RuleFor(x => x.DestinationId).GreaterThan(0).WithMessage("Choose where the money goes.");
    }
}

public sealed class WithdrawPartnerCommissionHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context,
    IOptions<PartnersOptions> partnerOptions, IOptions<Funds.FundsOptions> fundsOptions)
    : ICommandHandler<WithdrawPartnerCommission, Result<WithdrawalRequested>>
{
    public async ValueTask<Result<WithdrawalRequested>> Handle(WithdrawPartnerCommission command, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PartnerId, ct);
        if (partner is null) return Error.NotFound("The partner");
        if (partner.Status == PartnerStatus.Suspended)
            return Error.Rule("payout.suspended", $"{partner.Code} is suspended; its commission is held until it is reactivated.");
        var amount = Money.From(command.Amount, command.Currency);
        if (!amount.Succeeded) return Error.Validation(new Dictionary<string, string[]> { ["Amount"] = [amount.Error!.Message] });
        var minimum = Money.From(partnerOptions.Value.MinimumPayout, amount.Value.Currency).Value;
        if (amount.Value < minimum) return Error.Rule("payout.minimum", $"The smallest payout is {minimum}.");
        var channel = await db.PaymentChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Code == command.Channel.Trim().ToLower(), ct);
        if (channel is null) return Error.NotFound($"The payout method '{command.Channel}'");
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == partner.ClientId, ct);
        if (channel.Refuses(amount.Value, client.Country, "IB commission", deposit: false) is { } refused) return refused;
        var destination = await db.PayoutDestinations.AsNoTracking().FirstOrDefaultAsync(d => d.Id == command.DestinationId && d.ClientId == client.Id, ct);
        if (destination is null) return Error.NotFound($"The payout destination of {partner.Code}");

        var payable = CommissionRuns.PayableAccount(partner.Id);
        var available = await WithdrawalChecks.BalanceAsync(db, payable, amount.Value.Currency, ct);
        var checks = await WithdrawalChecks.StandingAsync(db, clock, client.Id, ct);
        checks.Add(new("Available commission", available >= amount.Value, $"{available} of commission available; {amount.Value} asked."));
        checks.AddRange(await WithdrawalChecks.ClearedAsync(db, client.Id, channel, destination, ct));
        var failed = checks.Where(c => !c.Passed).ToList();
        if (failed.Count > 0)
            return Error.Rule("withdrawal.checks", "The withdrawal cannot be requested: " + string.Join(" ", failed.Select(f => $"{f.Name}: {f.Detail}")));

        var now = clock.GetUtcNow().UtcDateTime;
        var (level, _) = await ApprovalPolicy.LevelForAsync(db, fundsOptions.Value, client.Id, amount.Value, channel.Kind, ct);
        var reference = "W-" + await Sequences.NextAsync(db, Sequences.Withdrawal, ct);
        var reserve = LedgerPosting.Transfer("withdrawal.reserve", reference, payable, WithdrawalChecks.ReservedCommissionAccount(partner.Id), amount.Value,
            $"{reference} commission of {partner.Code}").Value!;
        var posted = (await LedgerBook.PostAsync(db, reserve, context.Actor.Name, now, ct)).Value!;
        // Two requests at once: the second finds the commission already reserved.
        if (db.LedgerAccounts.Local.First(a => a.Code == payable && a.Currency == amount.Value.Currency).BalanceMinor < 0)
            return Error.Rule("withdrawal.checks", "The withdrawal cannot be requested: Available commission: another withdrawal reserved it first.");

        var withdrawal = new Withdrawal
        {
            Reference = reference, ClientId = client.Id, PartnerId = partner.Id, ChannelId = channel.Id, DestinationId = destination.Id,
            AmountMinor = amount.Value.Minor, Currency = amount.Value.Currency, AmountUsd = Math.Round(fundsOptions.Value.UsdValue(amount.Value), 2),
            Status = level == ApprovalLevel.Automatic ? WithdrawalStatus.Approved : WithdrawalStatus.PendingApproval,
            RequiredLevel = level, ApprovedLevel = ApprovalLevel.Automatic, WaitingSince = now,
            Checks = DepositMoves.Fit(string.Join("\n", checks), 4000)!, RequestedBy = DepositMoves.Fit(context.Actor.Name, 160)!,
            RequestedByStaffId = context.Actor.StaffId, CreatedAt = now, ReserveTransactionId = posted.TransactionId,
        };
        db.Withdrawals.Add(withdrawal);
        await db.SaveChangesAsync(ct);
        await WithdrawalMoves.RequestedAsync(db, effects, fundsOptions.Value, withdrawal, channel, destination, $"of {partner.Code}'s commission",
            new { partnerId = partner.Id }, now, ct);
        effects.Touch(PartnerCounters.PayoutsInProgress);
        return new WithdrawalRequested(withdrawal.Id, reference, level, withdrawal.Status, checks);
    }
}

/// <summary>One commission payout: into a trading account (<c>IBP-…</c>) or out through a withdrawal (<c>W-…</c>).</summary>
public sealed record CommissionPayoutRow(string Reference, long PartnerId, string PartnerCode, string Destination, Money Amount, string Status,
    DateTime At, string By, bool InProgress);

/// <summary>Commission paid or being paid out, newest first: every partner's, or one partner's.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record CommissionPayouts(long? PartnerId = null, int Take = 200) : IBackOfficeQuery<IReadOnlyList<CommissionPayoutRow>>;

public sealed class CommissionPayoutsHandler(BackOfficeDb db) : IQueryHandler<CommissionPayouts, IReadOnlyList<CommissionPayoutRow>>
{
    public async ValueTask<IReadOnlyList<CommissionPayoutRow>> Handle(CommissionPayouts query, CancellationToken ct)
    {
        var take = Math.Clamp(query.Take, 1, 1000);
        var payouts = db.PartnerPayouts.AsNoTracking();
        var withdrawals = db.Withdrawals.AsNoTracking().Where(w => w.PartnerId != null);
        if (query.PartnerId is { } id)
        {
            payouts = payouts.Where(p => p.PartnerId == id);
            withdrawals = withdrawals.Where(w => w.PartnerId == id);
        }
        var paid = await (from p in payouts
                          join a in db.TradingAccounts on p.TradingAccountId equals a.Id
                          orderby p.PaidAt descending
                          select new { p.Reference, p.PartnerId, a.Login, p.AmountMinor, p.Currency, p.PaidAt, p.PaidBy }).Take(take).ToListAsync(ct);
        var withdrawn = await (from w in withdrawals
                          join d in db.PayoutDestinations on w.DestinationId equals d.Id
                          join c in db.PaymentChannels on w.ChannelId equals c.Id
                          orderby w.CreatedAt descending
                          select new { W = w, d.Label, Channel = c.Name }).Take(take).ToListAsync(ct);
        var ids = paid.Select(p => p.PartnerId).Concat(withdrawn.Select(w => w.W.PartnerId!.Value)).Distinct().ToList();
        var codes = await db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        return [.. paid.Select(p => new CommissionPayoutRow(p.Reference, p.PartnerId, codes[p.PartnerId], $"account {p.Login}", new Money(p.AmountMinor, p.Currency),
                "paid", p.PaidAt, p.PaidBy, false))
            .Concat(withdrawn.Select(x => new CommissionPayoutRow(x.W.Reference, x.W.PartnerId!.Value, codes[x.W.PartnerId!.Value], $"{x.Label} through {x.Channel}",
                x.W.Amount, WithdrawalDecisionHandlers.Describe(x.W), x.W.CreatedAt, x.W.RequestedBy,
                x.W.Status is WithdrawalStatus.PendingApproval or WithdrawalStatus.Approved)))
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Reference, StringComparer.Ordinal).Take(take)];
    }
}
