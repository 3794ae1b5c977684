using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Platform;

namespace BackOffice.Core.Funds.Balances;

public enum BalanceOperationStatus
{
    Pending,
    Applied,

    /// <summary>The platform refused it (not enough money, unknown account): an operator must look.</summary>
    Failed,
}

/// <summary>
/// A balance operation the trading platform must apply, written in the same transaction as the ledger posting that
/// needs it and applied by the dispatcher. The comment carries our reference (<c>BO#T&lt;ledger transaction&gt;</c>):
/// after an attempt whose answer was lost, the platform's deals are searched for it before anything is sent again,
/// so an operation is applied once however often it is tried.
/// </summary>
public sealed class PlatformBalanceOperation : IVersioned
{
    public long Id { get; set; }
    public long TradingAccountId { get; set; }
    public long Login { get; set; }
    public BalanceOperationType Type { get; set; }

    /// <summary>Signed: negative takes money off the account.</summary>
    public long AmountMinor { get; set; }

    public string Currency { get; set; } = "";
    public string Comment { get; set; } = "";

    /// <summary>What needs it: "deposit D-100001".</summary>
    public string Cause { get; set; } = "";

    public long LedgerTransactionId { get; set; }
    public BalanceOperationStatus Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>An attempt ended without an answer: the platform may have applied it; look before sending again.</summary>
    public bool OutcomeUnknown { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? AppliedAt { get; set; }
    public long? Ticket { get; set; }
    public string? LastError { get; set; }
    public long Version { get; set; }

    public Money Amount => new(AmountMinor, Currency);

    public static string CommentFor(long ledgerTransactionId) => $"BO#T{ledgerTransactionId}";
}
