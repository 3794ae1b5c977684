namespace BackOffice.Core.Reports.Floor;

/// <summary>Settings of the live floor (section <c>Reports:Floor</c>).</summary>
public sealed class FloorOptions
{
    /// <summary>
    /// How long an item may wait in a queue before it breaches its service level, in hours, by queue (the queue's counter
    /// name, e.g. <c>kyc.queue</c>). A queue named here overrides its module's own setting; the withdrawal levels and the
    /// payout otherwise follow <c>Funds:SlaHours</c>, the KYC review queue and documents <c>Kyc:ReviewSlaHours</c>, due
    /// diligence <c>Reports:EddDueDays</c>.
    /// </summary>
    public Dictionary<string, int> SlaHours { get; set; } = new()
    {
        ["clients.pendingDocuments"] = 168,
        ["kyc.screeningHits"] = 24,
        ["kyc.amlAlerts"] = 48,
        ["funds.depositsToConfirm"] = 4,
        ["funds.depositsInReview"] = 8,
        ["funds.reconciliationBreaks"] = 48,
        ["ib.runsAwaitingApproval"] = 48,
        ["ib.openDisputes"] = 120,
        ["operations.pending"] = 8,
        ["alerts.open"] = 4,
    };

    /// <summary>How many of the latest alerts the floor shows.</summary>
    public int AlertCount { get; set; } = 12;

    /// <summary>How often an open floor reads itself again with no change pushed, so waiting items move into older age buckets.</summary>
    public int RefreshSeconds { get; set; } = 60;

    /// <summary>How long the wall mode shows each panel before it turns to the next.</summary>
    public int WallRotateSeconds { get; set; } = 15;
}
