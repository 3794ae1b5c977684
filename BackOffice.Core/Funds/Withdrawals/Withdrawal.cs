using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Funds.Withdrawals;

public enum WithdrawalStatus
{
    /// <summary>Reserved and taken off the platform; waiting for its approvals.</summary>
    PendingApproval,

    /// <summary>Every level approved: finance executes the payout.</summary>
    Approved,

    Paid,

    /// <summary>Refused by an approver: the reserve is voided and the platform credited back.</summary>
    Rejected,

    /// <summary>The payout failed: the reserve is voided and the platform credited back.</summary>
    Failed,

    /// <summary>Withdrawn by the client (or staff at their request) before approval.</summary>
    Cancelled,
}

/// <summary>Who must approve: nobody (automatic), or each level up to the one named, each by a different person.</summary>
public enum ApprovalLevel
{
    Automatic = 0,
    L1 = 1,
    L2 = 2,
    L3 = 3,
}

/// <summary>
/// Money a client takes out (from a trading account, or a partner's commission): the amount reserved when requested, the checks as they stood then, the approvals its level
/// needs, and the payout (a provider's payout id, or a wire's payment voucher).
/// </summary>
public sealed class Withdrawal : IVersioned
{
    public long Id { get; set; }

    /// <summary>"W-100001".</summary>
    public string Reference { get; set; } = "";

    public long ClientId { get; set; }

    /// <summary>The trading account the money comes from; null for a partner's commission (<see cref="PartnerId"/>).</summary>
    public long? TradingAccountId { get; set; }

    /// <summary>Set when a partner takes out its commission: the money comes from its commission account, not a trading account.</summary>
    public long? PartnerId { get; set; }

    public int ChannelId { get; set; }
    public long DestinationId { get; set; }
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "";
    public decimal AmountUsd { get; set; }

    public WithdrawalStatus Status { get; set; }
    public ApprovalLevel RequiredLevel { get; set; }

    /// <summary>The highest level approved so far (Automatic when none).</summary>
    public ApprovalLevel ApprovedLevel { get; set; }

    /// <summary>When the withdrawal reached the level it waits at now: its ageing and SLA count from here.</summary>
    public DateTime WaitingSince { get; set; }

    /// <summary>Set once the level's SLA breach was alerted, so it is alerted once.</summary>
    public ApprovalLevel? SlaAlertedLevel { get; set; }

    /// <summary>The checks as they stood at the request, one line each: "✓ Available balance: …".</summary>
    public string Checks { get; set; } = "";

    public string RequestedBy { get; set; } = "";

    /// <summary>The staff member who entered it for the client; null when the client asked through the portal.</summary>
    public string? RequestedByStaffId { get; set; }

    public DateTime CreatedAt { get; set; }
    public long ReserveTransactionId { get; set; }
    public long? SettlementTransactionId { get; set; }
    public string? PayoutId { get; set; }
    public string? VoucherReference { get; set; }
    public string? VoucherFile { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateTime? PaidAt { get; set; }
    public string? Reason { get; set; }
    public long Version { get; set; }

    public Money Amount => new(AmountMinor, Currency);
    public ApprovalLevel NextLevel => ApprovedLevel + 1;
}

/// <summary>One approval of one level of a withdrawal, by one person.</summary>
public sealed class WithdrawalApproval
{
    public long Id { get; set; }
    public long WithdrawalId { get; set; }
    public ApprovalLevel Level { get; set; }
    public string StaffId { get; set; } = "";
    public string StaffName { get; set; } = "";
    public DateTime At { get; set; }
}

public enum DestinationKind
{
    BankAccount,
    Card,
    CryptoAddress,
}

public enum DestinationStatus
{
    Unverified,
    Verified,
    Rejected,
}

/// <summary>
/// Where a client's withdrawals may go: a bank account, a card they deposited with, a crypto address. Used only once
/// verified (a card that paid a deposit is verified by that payment).
/// </summary>
public sealed class PayoutDestination : IVersioned
{
    public long Id { get; set; }
    public long ClientId { get; set; }
    public DestinationKind Kind { get; set; }

    /// <summary>What staff and the client see: "IBAN GB33 … 5555", "Visa •••• 4242", "TRC-20 TXyz…9ab".</summary>
    public string Label { get; set; } = "";

    /// <summary>The account number, card fingerprint or address: what identifies it.</summary>
    [Sensitive]
    public string Identifier { get; set; } = "";

    public string HolderName { get; set; } = "";
    public DestinationStatus Status { get; set; }
    public string AddedBy { get; set; } = "";
    public DateTime AddedAt { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public long Version { get; set; }
}
