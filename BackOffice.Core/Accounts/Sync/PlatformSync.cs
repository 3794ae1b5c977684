using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Accounts.Sync;

public enum PlatformSyncKind
{
    /// <summary>Create the account on the platform.</summary>
    Open,

    /// <summary>Bring group, leverage and rights on the platform in line with BackOffice.</summary>
    Apply,
}

public enum PlatformSyncStatus
{
    Pending,
    Applied,
    Failed,

    /// <summary>A refused change that a later successful sync of the account made moot.</summary>
    Superseded,
}

/// <summary>
/// The platform's outbox: written in the same transaction as the change that needs it, applied
/// by the dispatcher, retried while the platform is down, so a change waits but is never lost.
/// The dispatcher applies the account's settings as they are when it runs, so several waiting
/// changes of one account reach the platform as one update.
/// </summary>
public sealed class PlatformSync : IVersioned
{
    public long Id { get; set; }
    public long TradingAccountId { get; set; }
    public long Login { get; set; }
    public PlatformSyncKind Kind { get; set; }

    /// <summary>Why it was queued, in words ("status changed to restricted").</summary>
    public string Cause { get; set; } = "";

    public PlatformSyncStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? AppliedAt { get; set; }
    public string? LastError { get; set; }
    public long Version { get; set; }
}
