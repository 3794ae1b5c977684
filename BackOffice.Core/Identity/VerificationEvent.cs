namespace BackOffice.Core.Identity;

public enum VerificationEventType
{
    /// <summary>A type this version does not handle: acknowledged and ignored.</summary>
    Unknown,
    ApplicantCreated,

    /// <summary>The client submitted everything; the provider's review has started.</summary>
    ApplicantPending,

    /// <summary>The provider's compliance team holds the review.</summary>
    ApplicantOnHold,

    /// <summary>The verdict: see <see cref="VerificationEvent.Review"/>.</summary>
    ApplicantReviewed,
}

/// <summary>One webhook from the identity provider, read after its signature was verified.</summary>
/// <param name="EventId">
/// Stable for the exact same delivery, so processing is idempotent on it: see <see cref="VerificationWebhook.EventId"/>.
/// </param>
/// <param name="TypeName">The <c>type</c> as sent, for the operations log (useful when <paramref name="Type"/> is Unknown).</param>
/// <param name="ExternalUserId">Our client reference, as given when the applicant was created.</param>
/// <param name="Review">Always set on <see cref="VerificationEventType.ApplicantReviewed"/>.</param>
public sealed record VerificationEvent(
    string EventId,
    VerificationEventType Type,
    string TypeName,
    string ApplicantId,
    string? ExternalUserId,
    ReviewStatus ReviewStatus,
    ReviewResult? Review,
    string? CorrelationId)
{
    public bool Ignored => Type == VerificationEventType.Unknown;
}
