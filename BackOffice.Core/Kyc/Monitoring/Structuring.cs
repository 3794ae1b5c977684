using static BackOffice.Core.Kyc.KycText;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// Several deposits each just under the reporting threshold within a few days: splitting a sum so no single
/// deposit is reported ("smurfing"). "Just under" is the band from (1 − BandShare) × threshold up to the threshold.
/// </summary>
public sealed class Structuring() : MonitoringRule(Structuring.RuleCode)
{
    public const string RuleCode = "structuring";

    public override MonitoringHit? Check(RuleCheck c)
    {
        var threshold = c["ReportingThresholdUsd"];
        var floor = threshold * (1 - c["BandShare"]);
        bool JustUnder(MonitoringEvent e) => e.Kind == MonitoringEventKind.Deposit && e.AmountUsd >= floor && e.AmountUsd < threshold;
        if (!JustUnder(c.Event)) return null;

        List<MonitoringEvent> deposits = [.. c.EarlierWithin("WindowDays").Where(JustUnder), c.Event];
        if (deposits.Count < c["MinCount"]) return null;

        return c.Hit($"{deposits.Count} deposits between {Usd(floor)} and {Usd(threshold)} within {Number(c["WindowDays"])} days "
            + $"({Usd(deposits.Sum(d => d.AmountUsd))} in all), each just under the {Usd(threshold)} reporting threshold.", deposits);
    }
}
