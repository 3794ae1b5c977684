namespace BackOffice.Core.Partners.Commissions;

/// <summary>
/// What the broker earned on clients' deals, as a revenue share reads it: the commission and swaps charged to the clients,
/// less the clients' trading profit (the broker is the clients' counterparty: what they win it pays, what they lose it keeps).
/// The platform's deals carry no hedging or liquidity cost, so this is the broker's revenue before those costs.
/// </summary>
public readonly record struct NetRevenue(decimal CommissionCharged, decimal SwapCharged, decimal ClientProfit)
{
    public decimal Net => CommissionCharged + SwapCharged - ClientProfit;

    /// <summary>A deal's: the platform reports a charge to the client as a negative commission or swap.</summary>
    public static NetRevenue Of(DealFacts deal) => new(-deal.Commission, -deal.Swap, deal.Profit);

    public static NetRevenue operator +(NetRevenue a, NetRevenue b) =>
        new(a.CommissionCharged + b.CommissionCharged, a.SwapCharged + b.SwapCharged, a.ClientProfit + b.ClientProfit);
}

/// <summary>
/// Adds up, per partner, level, UTC day and rule, the net revenue of the deals a run computes for the clients at that level
/// of the partner's tree (level 1 its own clients, level 2 its sub-partners' clients, and so on), on accounts in the plan's
/// currency. A day pays the rule's percentage of its net revenue, or nothing when the revenue is a loss: no clawback, the
/// loss is not carried into another day. A deal is in one run only, so its revenue is counted once; a late deal of a day
/// already computed makes a line of its own in a later run.
/// </summary>
public sealed class RevenueShareBook
{
    private readonly Dictionary<(long Partner, int Level, DateTime Day, CommissionRule Rule, PartnerRateOverride? Own), (PlanTerms Terms, NetRevenue Revenue, decimal Lots)>
        _days = [];

    /// <summary>The key of a day's line (at the partner's own rate, when it has one), unique within its run (with the run's id in front, across runs).</summary>
    public static string Key(long partnerId, int level, DateTime day, long ruleId, long? overrideId) =>
        $"rs:{partnerId}:{level}:{day:yyyyMMdd}:{ruleId}" + (overrideId is { } own ? $":o{own}" : "");

    /// <summary>What a day with this net revenue pays at <paramref name="percent"/>.</summary>
    public static long AmountOf(decimal netRevenue, decimal percent, string currency, CommissionRounding rounding) =>
        netRevenue <= 0 ? 0 : CommissionCalculator.ToMinor(netRevenue * percent / 100m, currency, rounding);

    public void Add(DealFacts deal, decimal closedLots, long partnerId, int level, PlanTerms terms, CommissionRule rule, PartnerRateOverride? own = null)
    {
        if (!string.Equals(deal.AccountCurrency, terms.Currency, StringComparison.OrdinalIgnoreCase)) return;
        var key = (partnerId, level, deal.TimeUtc.Date, rule, own);
        var (_, revenue, lots) = _days.GetValueOrDefault(key);
        _days[key] = (terms, revenue + NetRevenue.Of(deal), lots + closedLots);
    }

    /// <summary>One line per partner, level, day and rule (and the partner's own rate for it, when it changes during the day).</summary>
    public IEnumerable<CommissionLineDraft> Drafts() =>
        _days.Select(x =>
        {
            var ((partner, level, day, rule, own), (terms, revenue, lots)) = (x.Key, x.Value);
            var rate = own?.Rate ?? rule.Rate;
            return new CommissionLineDraft(null, 0, null, partner, level, terms.VersionId, CommissionKind.RevenueShare, rule.SymbolGroup, "", day, rate, null,
                lots, 0, 0, 0, revenue.Net, AmountOf(revenue.Net, rate, terms.Currency, terms.Rounding), terms.Currency,
                Key(partner, level, day, rule.Id, own?.Id), Revenue: revenue, Rounding: terms.Rounding, OverrideId: own?.Id);
        });
}
