using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Platform;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
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
