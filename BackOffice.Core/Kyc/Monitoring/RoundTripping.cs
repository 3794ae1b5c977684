using static BackOffice.Core.Kyc.KycText;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// Money deposited and taken out again with little trading in between: the account used to make funds look
/// clean rather than to trade. Fires on a withdrawal that returns most of the window's deposits while the
/// notional traded since the first of them stays below a multiple of what was deposited.
/// </summary>
public sealed class RoundTripping() : MonitoringRule(RoundTripping.RuleCode)
{
    public const string RuleCode = "round_tripping";

    public override MonitoringHit? Check(RuleCheck c)
    {
        if (!c.MovesAtLeast("MinAmountUsd", MonitoringEventKind.Withdrawal)) return null;
        var withdrawal = c.Event;
        var deposits = c.EarlierWithin("WindowDays").Where(e => e.Kind == MonitoringEventKind.Deposit).ToList();
        var deposited = deposits.Sum(d => d.AmountUsd);
        if (deposited <= 0 || withdrawal.AmountUsd < deposited * c["MinReturnedShare"]) return null;

        var since = deposits.Min(d => d.At);
        var traded = c.Earlier.Where(e => e.Kind == MonitoringEventKind.Trade && e.At >= since).Sum(e => e.TradedVolumeUsd);
        var multiple = c["MaxTurnoverMultiple"];
        if (traded >= deposited * multiple) return null;

        return c.Hit($"Withdrawal of {Usd(withdrawal.AmountUsd)} returns {Percent(withdrawal.AmountUsd / deposited * 100)} of the "
            + $"{Usd(deposited)} deposited since {When(since)}, with only {Usd(traded)} traded in between "
            + $"({Number(traded / deposited)}× the deposits; less than {Number(multiple)}× counts as little trading).", deposits);
    }
}
