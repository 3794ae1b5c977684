using BackOffice.Core.Common;
using BackOffice.Core.Funds.Channels;

namespace BackOffice.Core.Funds.Payments;

/// <summary>What a deposit asks of the provider: our reference (sent as the idempotency key and echoed in callbacks) and the amount.</summary>
public sealed record PaymentOrder(string Reference, Money Amount, string ClientName, string ClientEmail, string Description);

/// <param name="ProviderOrderId">The provider's id for the payment; callbacks name it.</param>
/// <param name="CheckoutUrl">Where the client pays (a hosted page, an invoice); null for a wire.</param>
/// <param name="Instructions">What the client must do, in words (a wire's beneficiary and reference).</param>
public sealed record StartedPayment(string ProviderOrderId, string? CheckoutUrl, string? Instructions);

/// <summary>
/// A payment provider as BackOffice uses it. Each adapter serves the channels whose <see cref="PaymentChannel.Provider"/>
/// names it. Calls carry the order's reference as their idempotency key, so a retry never starts a second payment.
/// Throws <see cref="PaymentProviderException"/> when the provider cannot be asked or refuses.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>"manual", "sandbox", "stripe", "nowpayments"…</summary>
    string Name { get; }

    /// <summary>The kinds of channel this provider can carry (a card processor carries no wires).</summary>
    bool Serves(ChannelKind kind);

    /// <summary>What is missing from the operator's settings before <paramref name="channel"/> can use this provider; null when ready.</summary>
    string? NotReadyFor(PaymentChannel channel) => null;

    Task<StartedPayment> StartDepositAsync(PaymentChannel channel, PaymentOrder order, CancellationToken ct);

    /// <summary>
    /// Sends money out (a card refund/credit, a crypto payout). The order's reference is the idempotency key: asking again
    /// for the same reference returns the first payout and moves nothing twice. Throws <see cref="PaymentProviderException"/>
    /// when the provider refuses (the payout failed) or cannot be asked (transient: nothing is known to have moved).
    /// </summary>
    Task<string> PayoutAsync(PaymentChannel channel, PayoutOrder order, CancellationToken ct);

    /// <summary>Gives a payment back to where it came from; idempotent on <paramref name="reference"/> like a payout.</summary>
    Task<string> RefundAsync(PaymentChannel channel, string providerOrderId, Money amount, string reference, CancellationToken ct);
}

/// <summary>Money going out: our reference (the idempotency key), the amount and where to.</summary>
public sealed record PayoutOrder(string Reference, Money Amount, string Destination, string HolderName);

/// <summary>The webhook secrets per channel code, from the operator's settings; never stored in the database, never logged.</summary>
public interface IPaymentSecrets
{
    string? WebhookSecret(string channelCode);
}
