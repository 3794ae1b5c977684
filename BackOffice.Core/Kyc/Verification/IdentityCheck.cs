using System.Globalization;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Identity;

namespace BackOffice.Core.Kyc.Verification;

/// <summary>
/// A client's verification at the identity provider: which applicant stands for them there and
/// what the provider last said. One per client; the provider's verdict informs compliance, it never
/// approves a client by itself.
/// </summary>
public sealed class IdentityCheck : IVersioned
{
    public long Id { get; set; }
    public long ClientId { get; set; }

    /// <summary>The adapter that created the applicant ("fake", "sumsub").</summary>
    public string Provider { get; set; } = "";

    public string ApplicantId { get; set; } = "";
    public ReviewStatus Status { get; set; }

    public ReviewAnswer? LastAnswer { get; set; }
    public RejectType? LastRejectType { get; set; }

    /// <summary>The provider's reject labels of the last verdict, as sent, comma separated.</summary>
    public string? LastLabels { get; set; }

    /// <summary>Who started it: a staff member's name, or the provider when its first webhook made the check.</summary>
    public string StartedBy { get; set; } = "";

    public DateTime StartedAt { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }

    public IReadOnlyList<string> Labels => string.IsNullOrEmpty(LastLabels) ? [] : LastLabels.Split(',');

    public void Reviewed(ReviewResult review, DateTime now)
    {
        Status = ReviewStatus.Completed;
        LastAnswer = review.Answer;
        LastRejectType = review.RejectType;
        LastLabels = review.RejectLabels.Count == 0 ? null : Fit(string.Join(',', review.RejectLabels), 500);
        ReviewedAt = now;
        UpdatedAt = now;
    }

    /// <summary>"GREEN", "RED · RETRY", as the provider says it.</summary>
    public string? Verdict => LastAnswer switch
    {
        ReviewAnswer.Green => "GREEN",
        ReviewAnswer.Red => "RED · " + (LastRejectType == RejectType.Retry ? "RETRY" : "FINAL"),
        _ => null,
    };

    private static string Fit(string value, int length) => value.Length > length ? value[..length] : value;
}

/// <summary>
/// How a client is named at the identity provider (its <c>externalUserId</c>): <c>client-&lt;id&gt;</c>.
/// The internal id, not the client number: it never changes and is never shown to clients.
/// </summary>
public static class ClientReference
{
    private const string Prefix = "client-";

    public static string Of(long clientId) => Prefix + clientId.ToString(CultureInfo.InvariantCulture);

    public static long? Parse(string? reference) =>
        reference is not null && reference.StartsWith(Prefix, StringComparison.Ordinal)
        && long.TryParse(reference.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;
}
