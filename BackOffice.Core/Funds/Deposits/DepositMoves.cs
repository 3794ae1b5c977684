using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Balances;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Funds.Payments;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Kyc.Screening.Matching;
using BackOffice.Core.Platform;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Deposits;

/// <summary>What happens to a deposit once money arrived: the checks on what was paid and by whom, and the crediting.</summary>
public static class DepositMoves
{
    /// <summary>The ledger account holding a trading account's money.</summary>
    public static string ClientAccount(long tradingAccountId) => $"client:{tradingAccountId}";

    public const string FeesAccount = "fees";

    /// <summary>How alike the payer's name is to the holder's, 0..1, whatever order the names are written in.</summary>
    public static double PayerScore(string payer, string holder) =>
        NameSimilarity.Compare(PreparedName.Of(payer), PreparedName.Of(holder));

    /// <summary>
    /// Money arrived for <paramref name="deposit"/>: a payment that differs from the order or comes from someone else
    /// goes to manual review; otherwise it is credited when the channel's automatic approval covers it (a low-risk
    /// client, up to the configured amount) and waits for a finance confirmation when not; money finance itself matched
    /// (a wire from the statement) is credited when the checks pass. Returns what became of it.
    /// </summary>
    public static async Task<string> OnPaidAsync(BackOfficeDb db, Effects effects, FundsOptions options, Deposit deposit, PaymentChannel channel,
        Money paid, string? payerName, string? fingerprint, string by, DateTime now, bool confirmedByFinance, CancellationToken ct)
    {
        var client = await HolderOf(db, deposit.ClientId, deposit.TradingAccountId, ct);
        deposit.PaidMinor = paid.Minor;
        deposit.PaidCurrency = paid.Currency;
        deposit.PaidAt = now;
        deposit.PayerName = Fit(payerName, 200);
        deposit.SourceFingerprint = Fit(fingerprint, 200) ?? deposit.SourceFingerprint;
        deposit.PayerMatch = string.IsNullOrWhiteSpace(payerName) ? null : Math.Round(PayerScore(payerName, client.DisplayName), 3);
        effects.Touch(FundsCounters.DepositsInReview, FundsCounters.DepositsToConfirm);

        if (paid.Currency != deposit.Currency)
            return Review(deposit, DepositReviewReason.CurrencyMismatch, $"Paid in {paid.Currency}, ordered in {deposit.Currency}.");
        if (paid.Minor != deposit.AmountMinor)
            return Review(deposit, DepositReviewReason.AmountMismatch, $"Paid {paid}, ordered {deposit.Amount}.");
        if (deposit.PayerMatch is { } score && score < options.PayerMatchThreshold)
            return Review(deposit, DepositReviewReason.ThirdPartyPayer,
                $"Paid by \"{payerName}\", the account holder is \"{client.DisplayName}\" (similarity {score:0.00}).");

        if (confirmedByFinance)
        {
            await CreditAsync(db, effects, options, deposit, channel, by, now, client.Login, ct);
            return $"Credited: {paid} confirmed by {by}.";
        }
        var risk = client.RiskLevel;
        if (channel.AutoApproveUpTo is { } limit && paid.Amount <= limit && risk == Kyc.Risk.RiskLevel.Low)
        {
            await CreditAsync(db, effects, options, deposit, channel, by, now, client.Login, ct);
            return $"Credited automatically: {paid} from a low-risk client, within {channel.Name}'s automatic approval.";
        }
        deposit.Status = DepositStatus.AwaitingConfirmation;
        return risk == Kyc.Risk.RiskLevel.Low
            ? $"Paid; above {channel.Name}'s automatic approval, so finance confirms it."
            : "Paid; the client is not low risk, so finance confirms it.";
    }

    /// <param name="Login">The deposit's trading account's login on the platform.</param>
    private sealed record Holder(string DisplayName, Kyc.Risk.RiskLevel? RiskLevel, long Login);

    /// <summary>
    /// The holder's name, risk level and the deposit's account login in one fixed statement, read for every payment.
    /// The account's id is bound as a client id: both are the same kind of key.
    /// </summary>
    private static async Task<Holder> HolderOf(BackOfficeDb db, long clientId, long tradingAccountId, CancellationToken ct) =>
        (await db.ReadAsync<Client, Holder>("deposits.holder", d =>
        {
            var (clients, c) = AppendOnlyInsert.Names<Client>(d);
            var (cases, k) = AppendOnlyInsert.Names<KycCase>(d);
            var (accounts, a) = AppendOnlyInsert.Names<TradingAccount>(d);
            return $"SELECT {c(nameof(Client.DisplayName))}, (SELECT {k(nameof(KycCase.RiskLevel))} FROM {cases} WHERE {k(nameof(KycCase.ClientId))} = @p0 LIMIT 1), "
                   + $"(SELECT {a(nameof(TradingAccount.Login))} FROM {accounts} WHERE {a(nameof(TradingAccount.Id))} = @p1) FROM {clients} WHERE {c(nameof(Client.Id))} = @p0";
        }, r => new Holder(r.GetString(0), r.Get<KycCase, Kyc.Risk.RiskLevel?>(db, 1, nameof(KycCase.RiskLevel)), r.GetInt64(2)), ct,
            (nameof(Client.Id), clientId), (nameof(Client.Id), tradingAccountId))).Single();

    private static readonly Func<BackOfficeDb, long, CancellationToken, Task<long>> LoginOf = EF.CompileAsyncQuery(
        (BackOfficeDb db, long id, CancellationToken ct) => db.TradingAccounts.Where(a => a.Id == id).Select(a => a.Login).First());

    private static string Review(Deposit deposit, DepositReviewReason reason, string note)
    {
        deposit.Status = DepositStatus.ManualReview;
        deposit.ReviewReason = reason;
        deposit.ReviewNote = note;
        return "Manual review: " + note;
    }

    /// <summary>
    /// Posts the deposit (clearing → client, the fee to fees), queues the platform credit of what the client receives,
    /// tells subscribers and feeds transaction monitoring, all in the current command.
    /// </summary>
    /// <param name="login">The trading account's login when the caller has read it already.</param>
    public static async Task CreditAsync(BackOfficeDb db, Effects effects, FundsOptions options, Deposit deposit, PaymentChannel channel,
        string by, DateTime now, long? login, CancellationToken ct)
    {
        var paid = deposit.Paid ?? deposit.Amount;
        var fee = channel.FeeOn(paid);
        var net = paid - fee;
        var lines = new List<PostingLine> { new(channel.ClearingAccount, -paid, deposit.Reference), new(ClientAccount(deposit.TradingAccountId), net, deposit.Reference) };
        if (fee.IsPositive) lines.Add(new PostingLine(FeesAccount, fee, $"{channel.Name} fee"));
        var posting = LedgerPosting.Create("deposit", deposit.Reference, lines);
        if (!posting.Succeeded) throw new InvalidOperationException(posting.Error!.Message); // a paid deposit always balances
        var posted = (await LedgerBook.PostAsync(db, posting.Value!, by, now, ct)).Value!;

        var accountLogin = login ?? await LoginOf(db, deposit.TradingAccountId, ct);
        if (net.IsPositive)
            QueueOnPlatform(db, deposit.TradingAccountId, accountLogin, BalanceOperationType.Balance, net, posted.TransactionId, $"deposit {deposit.Reference}", now);
        if (channel.Kind == ChannelKind.Card && deposit.SourceFingerprint is { } card)
            await Withdrawals.DestinationMoves.EnsureCardAsync(db, deposit.ClientId, card, deposit.PayerName ?? "", now, ct);
        deposit.FeeMinor = fee.Minor;
        deposit.Status = DepositStatus.Credited;
        deposit.CreditedAt = now;
        deposit.LedgerTransactionId = posted.TransactionId;
        effects.Touch(FundsCounters.PlatformCreditsWaiting, FundsCounters.DepositsInReview, FundsCounters.DepositsToConfirm);
        effects.Publish("deposit.credited", new
        {
            depositId = deposit.Id, reference = deposit.Reference, clientId = deposit.ClientId, login = accountLogin,
            amount = paid.Amount, fee = fee.Amount, credited = net.Amount, currency = paid.Currency, channel = channel.Code,
        });
        await MonitoringEvents.RecordAsync(db, effects, new MonitoringEvent(0, deposit.ClientId, MonitoringEventKind.Deposit, now)
        {
            AmountMinor = paid.Minor, Currency = paid.Currency, AmountUsd = options.UsdValue(paid),
            Method = deposit.SourceFingerprint is { } source ? new PaymentMethod(MethodKind(channel.Kind), source, deposit.PayerName) : null,
        }, now, ct);
    }

    public static PlatformBalanceOperation QueueOnPlatform(BackOfficeDb db, TradingAccount account, BalanceOperationType type, Money amount,
        long ledgerTransactionId, string cause, DateTime now) =>
        QueueOnPlatform(db, account.Id, account.Login, type, amount, ledgerTransactionId, cause, now);

    public static PlatformBalanceOperation QueueOnPlatform(BackOfficeDb db, long tradingAccountId, long login, BalanceOperationType type, Money amount,
        long ledgerTransactionId, string cause, DateTime now)
    {
        var operation = new PlatformBalanceOperation
        {
            TradingAccountId = tradingAccountId, Login = login, Type = type, AmountMinor = amount.Minor, Currency = amount.Currency,
            Comment = PlatformBalanceOperation.CommentFor(ledgerTransactionId), Cause = cause, LedgerTransactionId = ledgerTransactionId,
            Status = BalanceOperationStatus.Pending, CreatedAt = now, NextAttemptAt = now,
        };
        db.PlatformBalanceOperations.Add(operation);
        return operation;
    }

    public static PaymentMethodKind MethodKind(ChannelKind kind) => kind switch
    {
        ChannelKind.Card => PaymentMethodKind.Card,
        ChannelKind.Crypto => PaymentMethodKind.CryptoWallet,
        _ => PaymentMethodKind.BankAccount,
    };

    /// <summary>
    /// The payment failed: the code and message are kept, and subscribers (the portal, the CRM) are told so the client
    /// is asked to try again.
    /// </summary>
    public static void Fail(Effects effects, Deposit deposit, PaymentChannel channel, string? code, string? message, DateTime now)
    {
        deposit.Status = DepositStatus.Failed;
        deposit.FailureCode = Fit(code ?? "unknown", 60);
        deposit.FailureMessage = Fit(message is { Length: > 0 } ? message : PaymentFailures.Describe(channel.Kind, code), 300);
        deposit.DecidedAt = now;
        effects.Touch(FundsCounters.DepositsInReview, FundsCounters.DepositsToConfirm);
        effects.Publish("deposit.failed", new
        {
            depositId = deposit.Id, reference = deposit.Reference, clientId = deposit.ClientId, amount = deposit.Amount.Amount, currency = deposit.Currency,
            channel = channel.Code, failureCode = deposit.FailureCode, failureMessage = deposit.FailureMessage, retry = PaymentFailures.Retryable(deposit.FailureCode),
        });
    }

    internal static string? Fit(string? text, int length) => text is null ? null : text.Length > length ? text[..length] : text;
}
