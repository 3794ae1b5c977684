using BackOffice.Core.Kyc.Verification;

namespace BackOffice.Core.Funds.Payments;

/// <summary>
/// One callback a payment provider (or anyone) posted to us, whatever became of it: the operations log of the
/// channel. Never holds the body or the secret.
/// </summary>
public sealed class PaymentCallback
{
    public long Id { get; set; }
    public string ChannelCode { get; set; } = "";
    public DateTime ReceivedAt { get; set; }

    /// <summary>The provider's event id (card) or payment and status (crypto); null when the body was not read.</summary>
    public string? EventId { get; set; }

    public string? EventType { get; set; }
    public bool SignatureValid { get; set; }
    public CallbackOutcome Outcome { get; set; }
    public string Detail { get; set; } = "";
    public long? DepositId { get; set; }
    public long? ReplayOf { get; set; }
    public string? Ip { get; set; }
}
