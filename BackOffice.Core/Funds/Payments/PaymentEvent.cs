using BackOffice.Core.Common;

namespace BackOffice.Core.Funds.Payments;

public enum PaymentEventType
{
    /// <summary>Paid in full: credit (after the payer and amount checks).</summary>
    Succeeded,

    /// <summary>The payment failed or expired: nothing arrived.</summary>
    Failed,

    /// <summary>Less than ordered arrived (a crypto invoice underpaid): manual review with what was paid.</summary>
    PartiallyPaid,

    /// <summary>On its way (confirming, waiting): recorded, nothing to do yet.</summary>
    InProgress,

    /// <summary>The card holder disputed a payment and the issuer took the money back.</summary>
    Chargeback,

    /// <summary>An event type we do not act on: acknowledged and ignored.</summary>
    Unknown,
}

/// <summary>
/// A verified callback from a payment provider, read into what BackOffice acts on. <see cref="EventId"/> is the
/// idempotency key: the same delivery again is answered with the first outcome and posts nothing.
/// </summary>
/// <param name="ProviderOrderId">The provider's id for the payment (a payment intent, an invoice).</param>
/// <param name="OrderReference">Our reference as the provider echoes it (metadata, order id), when it does.</param>
/// <param name="Paid">What actually arrived, in the currency of the order.</param>
/// <param name="PayerName">The name on the card or account that paid, when the provider gives one.</param>
/// <param name="Fingerprint">The instrument without exposing it (a card fingerprint, a wallet address).</param>
public sealed record PaymentEvent(
    string EventId,
    string TypeName,
    PaymentEventType Type,
    string? ProviderOrderId,
    string? OrderReference,
    Money? Paid,
    string? PayerName = null,
    string? FailureCode = null,
    string? FailureMessage = null,
    string? Fingerprint = null,
    string? ProviderStatus = null);

/// <summary>The provider could not be asked (down, timed out) or refused the request; the message is for the operator or client.</summary>
public sealed class PaymentProviderException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public bool Transient { get; } = transient;
}
