using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Partners.Commissions;

public enum CommissionRunStatus
{
    /// <summary>Started; the computation runs in the background, batch by batch.</summary>
    Computing,

    /// <summary>Every deal is computed; the run waits for its review and a second manager's approval.</summary>
    Computed,

    /// <summary>Nothing new to compute: every deal of the period was in an earlier run.</summary>
    Empty,

    /// <summary>Approved and posted to the partners' commission accounts in the ledger.</summary>
    Posted,

    /// <summary>Thrown away before approval: its lines are gone and its deals go into the next run.</summary>
    Discarded,

    /// <summary>The computation stopped on an error: its lines are removed and its deals go into the next run.</summary>
    Failed,
}

/// <summary>
/// A commission run: every deal up to <see cref="To"/> recorded before the run started and not in an earlier run is computed
/// into lines (deals before <see cref="From"/> that arrived late are adjustments), reviewed, approved by a second manager and
/// posted to the ledger. A deal belongs to one run only, so running a period again adds nothing.
/// </summary>
public sealed class CommissionRun : IVersioned
{
    public long Id { get; set; }
    public DateTime From { get; set; }
    public DateTime To { get; set; }
    public CommissionRunStatus Status { get; set; }

    /// <summary>Deals to compute when the run started, and how many are done: the progress bar.</summary>
    public int DealsTotal { get; set; }

    public int DealsDone { get; set; }
    public int LineCount { get; set; }
    public int AdjustmentCount { get; set; }

    /// <summary>The run's total in <see cref="Currency"/> minor units (runs of plans in other currencies add their own lines).</summary>
    public long TotalMinor { get; set; }

    public string Currency { get; set; } = "USD";

    public DateTime StartedAt { get; set; }
    public string StartedBy { get; set; } = "";
    public string? StartedById { get; set; }
    public DateTime? ComputedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public long? LedgerTransactionId { get; set; }
    public string? Note { get; set; }

    /// <summary>
    /// Where the first deposits this run looked at for a CPA start (they end at <see cref="To"/>); null when it looked at none.
    /// A discarded run's span is looked at again by the next run, which then clears it here.
    /// </summary>
    public DateTime? DepositsFrom { get; set; }

    /// <summary>JSON: partner id → deals on which that partner, suspended or terminated, earned nothing.</summary>
    public string? SkippedDeals { get; set; }

    /// <summary>
    /// The last deal recorded when the run started: it computes deals up to this one only (those recorded later go into the next
    /// run), and a deal it computed is known by its id and time (<see cref="CommissionCoverage"/>).
    /// </summary>
    public long? DealsUpToId { get; set; }

    /// <summary>While computing: the id after which the next batch reads deals (the deals are read in the order recorded).</summary>
    public long? ReadAfterId { get; set; }

    public long Version { get; set; }
}

/// <summary>
/// One commission: what a partner at a level earns on a deal under one rule, with every input of the rule kept; or, for a
/// CPA, what it earns once for a client that qualified (no deal: <see cref="TradeDealId"/> is null).
/// </summary>
[AuditedAsSummary]
public sealed class CommissionLine
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public long? TradeDealId { get; set; }
    public long Ticket { get; set; }
    /// <summary>The deal's or the CPA's client; null for a revenue share, which is on all the level's clients of a day.</summary>
    public long? ClientId { get; set; }
    public long PartnerId { get; set; }
    public int Level { get; set; }
    public long PlanVersionId { get; set; }
    public CommissionKind Kind { get; set; }
    public string SymbolGroup { get; set; } = "";
    public string Symbol { get; set; } = "";
    public DateTime DealTime { get; set; }
    public decimal Rate { get; set; }
    public decimal? PipValue { get; set; }
    public decimal ClosedLots { get; set; }
    public decimal EligibleLots { get; set; }
    public decimal ShortHeldLots { get; set; }
    public decimal HedgedLots { get; set; }

    /// <summary>
    /// For a commission share: the commission the client paid on the eligible lots. For a revenue share: the net revenue
    /// (<see cref="CommissionCharged"/> + <see cref="SwapCharged"/> − <see cref="ClientProfit"/>). For a CPA: the first deposit in the plan's currency.
    /// </summary>
    public decimal Basis { get; set; }

    /// <summary>For a revenue share: the commission charged to the level's clients on the day's deals.</summary>
    public decimal? CommissionCharged { get; set; }

    /// <summary>For a revenue share: the swaps charged to them (negative when the swaps were paid to them).</summary>
    public decimal? SwapCharged { get; set; }

    /// <summary>For a revenue share: their trading profit (negative: their loss, the broker's gain).</summary>
    public decimal? ClientProfit { get; set; }

    public long AmountMinor { get; set; }
    public string Currency { get; set; } = "USD";

    /// <summary>The partner's own rate applied in place of the plan's (<see cref="Rate"/> is that rate); null: the plan's rate.</summary>
    public long? OverrideId { get; set; }

    /// <summary>A late deal (or a client qualified for a CPA): its time is before the run's period.</summary>
    public bool IsAdjustment { get; set; }

    /// <summary>
    /// What may be paid only once, whichever run computes it ("cpa:&lt;client&gt;:&lt;level&gt;"), or a revenue share's day in its run
    /// ("run&lt;id&gt;:rs:&lt;partner&gt;:&lt;level&gt;:&lt;day&gt;:&lt;rule&gt;": the deals a run computes are its own); unique, null for a deal's line.
    /// </summary>
    public string? OnceKey { get; set; }

    /// <summary>For a CPA: how the client qualified, in words, as computed ("first deposit 500.00 USD on 2026-11-02 09:14 UTC ≥ 200.00 USD").</summary>
    public string? Detail { get; set; }
}
