using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Platform;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Adjustments;

/// <summary>
/// Credits (positive) or debits (negative) a client's account against the corrections account, with a category and a
/// reason. Four-eyes: stored until a second member of finance approves it, then posted to the ledger and sent to the
/// platform as a correction operation.
/// </summary>
[RequiresPermission(FundsPermissions.Correct)]
[FourEyes(FundsPermissions.ApproveCorrection)]
public sealed record CorrectBalance(long TradingAccountId, decimal Amount, string Currency, CorrectionCategory Category, string Reason)
    : IBackOfficeCommand<Result<long>>, IDescribedCommand
{
    public string Describe() => $"{(Amount >= 0 ? "Credit" : "Debit")} {Math.Abs(Amount)} {Currency} to trading account {TradingAccountId} ({Category})";
}

public sealed class CorrectBalanceValidator : AbstractValidator<CorrectBalance>
{
    public CorrectBalanceValidator()
    {
        RuleFor(x => x.Amount).NotEqual(0).WithMessage("A correction moves money: enter a positive amount to credit or a negative one to debit.");
        RuleFor(x => x.Currency).NotEmpty().WithMessage("Choose a currency.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
    }
}

public sealed class CorrectBalanceHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context) : ICommandHandler<CorrectBalance, Result<long>>
{
    public const string CorrectionsAccount = "corrections";

    public async ValueTask<Result<long>> Handle(CorrectBalance command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.TradingAccountId, ct);
        if (account is null) return Error.NotFound("The trading account");
        if (account.IsDemo) return Error.Rule("correction.demo_account", $"Account {account.Login} is a demo account; it holds no real money.");
        var amount = Money.From(command.Amount, command.Currency);
        if (!amount.Succeeded) return Error.Validation(new Dictionary<string, string[]> { ["Amount"] = [amount.Error!.Message] });
        if (amount.Value.Currency != account.Currency)
            return Error.Validation(new Dictionary<string, string[]> { ["Currency"] = [$"Account {account.Login} is held in {account.Currency}."] });
        var client = DepositMoves.ClientAccount(account.Id);
        if (amount.Value.IsNegative)
        {
            var available = await Withdrawals.WithdrawalChecks.BalanceAsync(db, client, account.Currency, ct);
            if (available + amount.Value < Money.Zero(account.Currency))
                return Error.Rule("correction.balance", $"A debit of {-amount.Value} would leave the account below zero: {available} is available.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var reference = "C-" + await Sequences.NextAsync(db, Sequences.Correction, ct);
        var posting = amount.Value.IsPositive
            ? LedgerPosting.Transfer("correction", reference, CorrectionsAccount, client, amount.Value, command.Category.ToString())
            : LedgerPosting.Transfer("correction", reference, client, CorrectionsAccount, -amount.Value, command.Category.ToString());
        var posted = (await LedgerBook.PostAsync(db, posting.Value!, context.Actor.Name, now, ct)).Value!;
        DepositMoves.QueueOnPlatform(db, account, BalanceOperationType.Correction, amount.Value, posted.TransactionId, $"correction {reference}", now);
        var correction = new BalanceCorrection
        {
            Reference = reference, ClientId = account.ClientId, TradingAccountId = account.Id, AmountMinor = amount.Value.Minor, Currency = amount.Value.Currency,
            Category = command.Category, Reason = command.Reason.Trim(), MadeBy = context.Approval?.MakerName ?? context.Actor.Name,
            ApprovedBy = context.Approval?.ApproverName ?? context.Actor.Name, PostedAt = now, LedgerTransactionId = posted.TransactionId,
        };
        db.BalanceCorrections.Add(correction);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(BalanceCorrection), correction.Id.ToString());
        effects.Touch(FundsCounters.PlatformCreditsWaiting);
        effects.Publish("balance.corrected", new
        {
            correctionId = correction.Id, reference, clientId = account.ClientId, login = account.Login, amount = amount.Value.Amount,
            currency = amount.Value.Currency, category = command.Category.ToString(),
        });
        return correction.Id;
    }
}
