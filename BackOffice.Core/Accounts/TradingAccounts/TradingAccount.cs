using BackOffice.Core.Common.Data;
using BackOffice.Core.Platform;

namespace BackOffice.Core.Accounts.TradingAccounts;

public enum SyncState
{
    InSync,
    Pending,
    Failed,
}

/// <summary>
/// A client's account on the trading platform. BackOffice holds what it should be (group,
/// leverage, rights); the platform is brought in line through the platform outbox.
/// </summary>
public sealed class TradingAccount : IVersioned
{
    public long Id { get; set; }
    public long ClientId { get; set; }

    /// <summary>Allocated by BackOffice, so opening is idempotent on the platform.</summary>
    public long Login { get; set; }

    public int AccountTypeId { get; set; }
    public string Currency { get; set; } = "USD";
    public int Leverage { get; set; }
    public string Group { get; set; } = "";
    public bool IsDemo { get; set; }
    public bool Enabled { get; set; } = true;
    public TradingMode Trading { get; set; }
    public DateTime OpenedAt { get; set; }

    /// <summary>True once the platform confirmed the account exists.</summary>
    public bool OnPlatform { get; set; }

    public SyncState Sync { get; set; }
    public string? SyncError { get; set; }
    public DateTime? SyncedAt { get; set; }
    public long Version { get; set; }

    public PlatformRights Rights => new(Enabled, Trading);
    public PlatformSettings Settings => new(Group, Leverage, Rights);
}
