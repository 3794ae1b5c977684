using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Staff.FourEyes;

public enum PendingOperationStatus
{
    Pending,
    Approved,
    Rejected,
    Cancelled,
    Expired,
}

/// <summary>A sensitive command waiting for a second, different staff member.</summary>
public sealed class PendingOperation : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string CommandType { get; set; } = "";

    /// <summary>The command exactly as sent. Not copied into the audit trail: it may carry values the audit masks; the summary and reason are.</summary>
    [Secret]
    public string Payload { get; set; } = "";
    public string Summary { get; set; } = "";
    public string? Reason { get; set; }
    public string CheckerPermission { get; set; } = "";
    public string MakerId { get; set; } = "";
    public string MakerName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public PendingOperationStatus Status { get; set; }
    public string? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionNote { get; set; }
    public long Version { get; set; }

    public Error? RefuseDecisionBy(string staffId, DateTime now)
    {
        if (Status == PendingOperationStatus.Expired || (Status == PendingOperationStatus.Pending && now >= ExpiresAt))
            return Error.Rule("four_eyes.expired", "This operation has expired; the maker must request it again.");
        if (Status != PendingOperationStatus.Pending)
            return Error.Conflict($"This operation was already {Status.ToString().ToLowerInvariant()} by {DecidedByName ?? "someone else"}.");
        if (staffId == MakerId)
            return Error.Rule("four_eyes.self", "You made this request; a different staff member must approve or reject it.");
        return null;
    }

    public void Decide(PendingOperationStatus status, string staffId, string staffName, string? note, DateTime now)
    {
        Status = status;
        DecidedById = staffId;
        DecidedByName = staffName;
        DecisionNote = note;
        DecidedAt = now;
    }
}
