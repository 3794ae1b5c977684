using static BackOffice.Core.Kyc.KycText;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// Many different cards, accounts or wallets within days: stolen cards being tried, or funds spread over
/// instruments to blur their trail. Fires when a new instrument brings the count to the limit or beyond.
/// </summary>
public sealed class PaymentMethodChurn() : MonitoringRule(PaymentMethodChurn.RuleCode)
{
    public const string RuleCode = "payment_method_churn";

    public override MonitoringHit? Check(RuleCheck c)
    {
        if (c.Event is not { IsMoney: true, Method: { } method }) return null;
        var firstUses = c.EarlierWithin("WindowDays").Where(e => e is { IsMoney: true, Method: not null })
            .GroupBy(e => e.Method!.Fingerprint, StringComparer.Ordinal).Select(g => g.First()).ToList();
        if (firstUses.Any(e => e.Method!.Fingerprint == method.Fingerprint)) return null;
        List<MonitoringEvent> uses = [.. firstUses, c.Event];
        if (uses.Count < c["MinDistinctMethods"]) return null;

        return c.Hit($"{uses.Count} different payment methods within {Number(c["WindowDays"])} days "
            + $"({string.Join(", ", uses.Select(e => e.Method))}); {Number(c["MinDistinctMethods"])} or more counts as rapid change.", uses);
    }
}
