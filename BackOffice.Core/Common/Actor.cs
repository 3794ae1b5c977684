namespace BackOffice.Core.Common;

/// <summary>Who is acting, from where, under which correlation id.</summary>
public sealed record Actor(string? StaffId, string Name, string? Ip, string? UserAgent, string CorrelationId)
{
    public static Actor System(string job) => new(null, "system:" + job, null, null, NewCorrelationId());

    public bool IsSystem => StaffId is null;

    public static string NewCorrelationId() => Guid.NewGuid().ToString("N")[..16];
}

/// <summary>Where the actor of a command comes from: the signed-in staff member of a circuit or request.</summary>
public interface ICurrentActorSource
{
    ValueTask<Actor> GetActorAsync();
}

/// <summary>The actor of the command running in this scope (one scope per command).</summary>
public sealed class CommandContext
{
    private Actor? _actor;

    public Actor Actor => _actor ?? throw new InvalidOperationException("No actor set for this command scope.");

    public bool HasActor => _actor is not null;

    /// <summary>Set when the command is the execution of an approved four-eyes operation.</summary>
    public ApprovedOperation? Approval { get; private set; }

    public void Set(Actor actor) => _actor = actor;

    public void SetApproval(ApprovedOperation? approval) => Approval = approval;

    /// <summary>Who did it, in words: the actor, or for an approved four-eyes operation its maker and its approver.</summary>
    public string ActedBy => Approval is { } a ? $"{a.MakerName}, approved by {a.ApproverName}" : Actor.Name;
}

public sealed record ApprovedOperation(Guid OperationId, string MakerId, string MakerName, string ApproverId, string ApproverName, string? Reason);
