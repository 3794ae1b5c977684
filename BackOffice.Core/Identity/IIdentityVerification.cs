namespace BackOffice.Core.Identity;

/// <summary>
/// The identity-verification provider (Sumsub, or the in-process fake for demos): it checks the
/// client's documents and face and gives a verdict. Its verdicts arrive as signed webhooks (see
/// <see cref="VerificationWebhook"/>); these calls start a verification and ask where it stands.
/// Every method may throw <see cref="IdentityProviderException"/>: <see cref="IdentityProviderException.Transient"/>
/// ones (down, timed out, throttled) are retried later; the others are answers to act on.
/// </summary>
public interface IIdentityVerification
{
    /// <summary>Which adapter this is, shown to operators ("fake", "sumsub").</summary>
    string Name { get; }

    /// <summary>
    /// Registers the client with the provider and returns the provider's applicant id. Creating an
    /// applicant for a client who already has one returns that one (a retry after a timeout must not fail).
    /// </summary>
    /// <param name="externalUserId">Our client reference; every webhook about the applicant carries it back.</param>
    Task<string> CreateApplicantAsync(string externalUserId, ApplicantInfo info, CancellationToken ct);

    /// <summary>
    /// A short-lived token for the provider's web SDK in the client's browser. Asked for each time the
    /// client opens the verification page, because it expires within minutes.
    /// </summary>
    Task<VerificationAccess> CreateAccessTokenAsync(string externalUserId, CancellationToken ct);

    Task<ApplicantStatus> GetApplicantStatusAsync(string applicantId, CancellationToken ct);
}

/// <summary>What we already know about the client, so that the provider can compare it with the documents.</summary>
/// <param name="Country">ISO 3166-1 alpha-2, as everywhere in BackOffice; an adapter converts it if its provider wants another form.</param>
public sealed record ApplicantInfo(
    string FirstName,
    string LastName,
    DateOnly? DateOfBirth,
    string? Country,
    string? Email,
    string? Phone);

public sealed record VerificationAccess(string Token, DateTimeOffset ExpiresAt);

/// <param name="Review">The verdict, once <paramref name="Status"/> is <see cref="ReviewStatus.Completed"/>.</param>
public sealed record ApplicantStatus(string ApplicantId, string? ExternalUserId, ReviewStatus Status, ReviewResult? Review);

/// <summary>Where the provider's review of an applicant stands.</summary>
public enum ReviewStatus
{
    /// <summary>Created; the client has not submitted everything yet.</summary>
    Init,
    Pending,
    Prechecked,
    Queued,
    Completed,

    /// <summary>The provider's own compliance team is looking at it.</summary>
    OnHold,

    /// <summary>A status this version does not know.</summary>
    Unknown,
}

public enum IdentityErrorKind
{
    /// <summary>Down, timed out or throttled: try again later.</summary>
    Unavailable,

    /// <summary>Our app token or request signature was refused: a configuration problem.</summary>
    AuthenticationFailed,
    NotFound,
    InvalidParameters,
    Rejected,
}

public sealed class IdentityProviderException(IdentityErrorKind kind, string message, int? httpStatus = null, Exception? inner = null)
    : Exception(message, inner)
{
    public IdentityErrorKind Kind { get; } = kind;

    /// <summary>The HTTP status the provider answered with, when it answered.</summary>
    public int? HttpStatus { get; } = httpStatus;

    public bool Transient => Kind == IdentityErrorKind.Unavailable;

    /// <summary>The provider could not be talked to (down, or our credentials refused): an outage, not a verdict on the request.</summary>
    public bool Unreachable => Transient || Kind == IdentityErrorKind.AuthenticationFailed;
}
