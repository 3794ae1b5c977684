using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Funds.Deposits;

public enum DepositStatus
{
    /// <summary>Started: the client is paying (checkout, invoice, or a wire on its way).</summary>
    AwaitingPayment,

    /// <summary>Paid, checks passed, but not within automatic approval: finance confirms.</summary>
    AwaitingConfirmation,

    /// <summary>Paid, but a check failed (third-party payer, amount or currency not as ordered): finance decides.</summary>
    ManualReview,

    /// <summary>Posted to the ledger; the platform credit follows through the platform outbox.</summary>
    Credited,

    /// <summary>The payment did not go through; the failure code and message say why.</summary>
    Failed,

    /// <summary>Paid but refused by finance (to be returned to the payer).</summary>
    Rejected,

    /// <summary>Credited, then taken back by the card issuer after a dispute: the client's account was debited.</summary>
    ChargedBack,

    /// <summary>Given back to its source.</summary>
    Refunded,
}

public enum DepositReviewReason
{
    None,
    ThirdPartyPayer,
    AmountMismatch,
    CurrencyMismatch,
    PartiallyPaid,
}

/// <summary>
/// Money a client sends in through a channel: the order (amount, currency, account), what the provider said, the
/// checks on the payer, and once credited, the ledger transaction and the platform operation that carried it.
/// </summary>
public sealed class Deposit : IVersioned
{
    public long Id { get; set; }

    /// <summary>"D-100001": shown to the client (a wire's payment reference), sent to the provider as the idempotency key.</summary>
    public string Reference { get; set; } = "";

    public long ClientId { get; set; }
    public long TradingAccountId { get; set; }
    public int ChannelId { get; set; }

    /// <summary>The ordered amount.</summary>
    public long AmountMinor { get; set; }

    public string Currency { get; set; } = "";

    /// <summary>The channel's fee on what was paid, kept by the broker.</summary>
    public long FeeMinor { get; set; }

    /// <summary>What arrived, as the provider or the bank statement says; null until paid.</summary>
    public long? PaidMinor { get; set; }

    public string? PaidCurrency { get; set; }

    public DepositStatus Status { get; set; }
    public string? ProviderOrderId { get; set; }
    public string? ProviderStatus { get; set; }
    public string? CheckoutUrl { get; set; }

    public string? PayerName { get; set; }

    /// <summary>How alike the payer's name is to the account holder's, 0..1; null when the provider gives no name.</summary>
    public double? PayerMatch { get; set; }

    /// <summary>The instrument that paid (card fingerprint, wallet address, account) without exposing it.</summary>
    public string? SourceFingerprint { get; set; }

    public DepositReviewReason ReviewReason { get; set; }
    public string? ReviewNote { get; set; }

    public string? FailureCode { get; set; }
    public string? FailureMessage { get; set; }

    /// <summary>Who started it: a staff member, or the client portal's API key.</summary>
    public string RequestedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public DateTime? PaidAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? CreditedAt { get; set; }
    public long? LedgerTransactionId { get; set; }

    public long Version { get; set; }

    public Money Amount => new(AmountMinor, Currency);
    public Money Fee => new(FeeMinor, Currency);
    public Money? Paid => PaidMinor is { } p && PaidCurrency is { } c ? new Money(p, c) : null;

    public bool IsOpen => Status is DepositStatus.AwaitingPayment or DepositStatus.AwaitingConfirmation or DepositStatus.ManualReview;
}
