using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Funds.Reconciliation;

/// <summary>
/// One provider settlement report or bank statement imported for a channel: the file (its SHA-256 refuses the same
/// file twice), the layout it was read with, the period its lines cover, and what the matcher made of it.
/// </summary>
public sealed class StatementImport
{
    public long Id { get; set; }
    public int ChannelId { get; set; }
    public string FileName { get; set; } = "";
    public string Sha256 { get; set; } = "";

    /// <summary>"standard" for the channel's documented layout, "mapped" for a column mapping given at import.</summary>
    public string LayoutKind { get; set; } = "";

    /// <summary>The layout as read, so a mapped import can be repeated with the same mapping.</summary>
    public string LayoutJson { get; set; } = "";

    public DateOnly PeriodFrom { get; set; }
    public DateOnly PeriodTo { get; set; }
    public int Lines { get; set; }

    /// <summary>Lines already brought in by an earlier, overlapping statement of the same channel.</summary>
    public int Skipped { get; set; }

    public int Matched { get; set; }
    public int Mismatched { get; set; }
    public int TheirsOnly { get; set; }
    public int OursOnly { get; set; }
    public string ImportedBy { get; set; } = "";
    public DateTime ImportedAt { get; set; }
}

public enum LineMatch
{
    /// <summary>Found one of ours with the same amount and currency.</summary>
    Matched,

    /// <summary>Found one of ours, but the amount or currency differs.</summary>
    Mismatch,

    /// <summary>Nothing of ours: money the provider or bank moved that we have no record of.</summary>
    Unmatched,
}

public enum MatchKey
{
    None,

    /// <summary>The provider's payment or payout id, or the bank reference on a voucher.</summary>
    ProviderId,

    /// <summary>Our reference (D-…, W-…) found in the line's reference or details.</summary>
    Reference,

    /// <summary>Same amount and currency, within the date tolerance, and the only such candidate.</summary>
    AmountAndDate,

    /// <summary>Linked by a member of finance.</summary>
    Manual,
}

/// <summary>One line of an imported statement, signed (money in positive) in the currency's minor units.</summary>
[AuditedAsSummary(InsertsOnly = true)]
public sealed class StatementLine
{
    public long Id { get; set; }
    public long ImportId { get; set; }
    public int ChannelId { get; set; }
    public int LineNumber { get; set; }
    public DateOnly Date { get; set; }
    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "";
    public string? ProviderId { get; set; }
    public string? Reference { get; set; }
    public string? Payer { get; set; }

    /// <summary>The line's identity across statements (date, amount, currency, ids), to skip it when a later statement overlaps.</summary>
    public string Key { get; set; } = "";

    public LineMatch Match { get; set; }
    public MatchKey MatchedBy { get; set; }
    public long? DepositId { get; set; }
    public long? WithdrawalId { get; set; }

    public Money Amount => new(AmountMinor, Currency);
}

public enum BreakKind
{
    /// <summary>Ours only: a deposit or payout of the period that the statement does not show.</summary>
    OursOnly,

    /// <summary>Theirs only: a statement line with nothing of ours behind it.</summary>
    TheirsOnly,

    /// <summary>Both sides found each other, but the amount or currency differs.</summary>
    AmountMismatch,
}

public enum BreakStatus
{
    Open,

    /// <summary>Linked by hand to its other side (and, for an unconfirmed wire, the deposit confirmed from the line).</summary>
    Linked,

    /// <summary>The missing deposit was created from the line and credited (or sent to review).</summary>
    DepositCreated,

    /// <summary>The difference was posted to the reconciliation differences account with a second approver.</summary>
    WrittenOff,

    /// <summary>An ours-only item that a later statement showed after all.</summary>
    MatchedLater,
}

/// <summary>
/// Something the matcher could not settle, in the queue until finance resolves it: link it, create the missing
/// deposit, or write the difference off (four-eyes). Each resolution is a command of its own and leaves the break
/// with who, when and how.
/// </summary>
[AuditedAsSummary(InsertsOnly = true)]
public sealed class ReconciliationBreak : IVersioned
{
    public long Id { get; set; }
    public long ImportId { get; set; }
    public int ChannelId { get; set; }
    public BreakKind Kind { get; set; }
    public long? StatementLineId { get; set; }
    public long? DepositId { get; set; }
    public long? WithdrawalId { get; set; }

    /// <summary>Our reference (D-…, W-…) when our side is known.</summary>
    public string? OurReference { get; set; }

    /// <summary>Our signed amount (money in positive); null when we have nothing.</summary>
    public long? OursMinor { get; set; }

    /// <summary>The statement's signed amount; null when the statement has nothing.</summary>
    public long? TheirsMinor { get; set; }

    public string Currency { get; set; } = "";
    public DateOnly Date { get; set; }
    public string Detail { get; set; } = "";
    public BreakStatus Status { get; set; }
    public string? Resolution { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public long? LedgerTransactionId { get; set; }
    public long Version { get; set; }

    /// <summary>What the statement shows minus what we hold, signed: the amount a write-off posts.</summary>
    public long DifferenceMinor => (TheirsMinor ?? 0) - (OursMinor ?? 0);
}
