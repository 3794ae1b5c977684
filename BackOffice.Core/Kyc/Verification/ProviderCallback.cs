namespace BackOffice.Core.Kyc.Verification;

public enum CallbackOutcome
{
    /// <summary>Verified and acted on.</summary>
    Applied,

    /// <summary>Verified and acknowledged, nothing to do (an event type we do not handle, a client we do not know).</summary>
    Ignored,

    /// <summary>The same delivery again: answered with the first outcome, nothing changed.</summary>
    Replayed,

    /// <summary>Not acted on: bad or missing signature, too large, or signed but unreadable.</summary>
    Refused,
}

/// <summary>
/// One webhook the identity provider (or anyone) posted to us, whatever became of it: the operations
/// log of the integration. Never holds the body or the secret.
/// </summary>
public sealed class ProviderCallback
{
    public long Id { get; set; }
    public DateTime ReceivedAt { get; set; }

    /// <summary>SHA-256 of the raw body (<see cref="Identity.VerificationWebhook.EventId"/>); null when the body was not read whole.</summary>
    public string? EventId { get; set; }

    /// <summary>The <c>type</c> as sent; null when the body was not read.</summary>
    public string? EventType { get; set; }

    public bool SignatureValid { get; set; }
    public CallbackOutcome Outcome { get; set; }

    /// <summary>What was done, in words an operator reads.</summary>
    public string Detail { get; set; } = "";

    public string? ApplicantId { get; set; }
    public long? ClientId { get; set; }

    /// <summary>For a replay: the delivery whose outcome was given again.</summary>
    public long? ReplayOf { get; set; }

    public string? Ip { get; set; }
}
