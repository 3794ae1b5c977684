using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Funds.Ledger;

/// <summary>
/// An account of the ledger in one currency: a client's trading account's money, or one of the broker's own
/// (clearing per channel, bank, fees, suspense, corrections). Its balance is kept in the same transaction as the
/// entries that move it, and can always be recomputed from them.
/// </summary>
public sealed class LedgerAccount : IVersioned
{
    public long Id { get; set; }

    /// <summary>"client:{tradingAccountId}", "clearing:card", "bank", "fees", "suspense", "corrections"… with the currency beside it.</summary>
    public string Code { get; set; } = "";

    public string Currency { get; set; } = "";
    public long BalanceMinor { get; set; }
    public DateTime OpenedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>One balanced movement of money, never changed once written; a mistake is corrected by another one.</summary>
public sealed class LedgerTransaction
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    public string Reference { get; set; } = "";
    public DateTime PostedAt { get; set; }
    public string PostedBy { get; set; } = "";
}

/// <summary>One line of a transaction: into (positive) or out of (negative) one account.</summary>
public sealed class LedgerEntry
{
    public long Id { get; set; }
    public long TransactionId { get; set; }
    public long AccountId { get; set; }
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "";
    public string? Memo { get; set; }
}
