using BackOffice.Core.Kyc.Documents;

namespace BackOffice.Core.Identity;

public enum ReviewAnswer
{
    /// <summary>Approved.</summary>
    Green,

    /// <summary>Rejected; see <see cref="ReviewResult.RejectType"/>.</summary>
    Red,
}

public enum RejectType
{
    /// <summary>The client may correct and resubmit: back to pending documents.</summary>
    Retry,

    /// <summary>No resubmission: compliance decides what happens to the client.</summary>
    Final,
}

/// <summary>The provider's verdict on an applicant.</summary>
/// <param name="RejectType">Set on <see cref="ReviewAnswer.Red"/> only.</param>
/// <param name="RejectLabels">The provider's labels, exactly as sent (kept for the audit trail and the operator).</param>
/// <param name="ClientComment">The provider reviewer's note for us; not for the client's eyes.</param>
/// <param name="ModerationComment">The provider reviewer's note meant to be shown to the client.</param>
public sealed record ReviewResult(
    ReviewAnswer Answer,
    RejectType? RejectType,
    IReadOnlyList<string> RejectLabels,
    string? ClientComment = null,
    string? ModerationComment = null)
{
    /// <summary>Our preset reasons for <see cref="RejectLabels"/>, each once, in the order the labels came.</summary>
    public IReadOnlyList<RejectionReason> Reasons => RejectLabel.ToReasons(RejectLabels);

    public bool Approved => Answer == ReviewAnswer.Green;
}
