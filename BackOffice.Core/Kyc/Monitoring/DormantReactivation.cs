using static BackOffice.Core.Kyc.KycText;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// Money moving on an account that had long been still: a dormant account taken over, or bought, to pass funds.
/// Activity means a deposit, withdrawal or trade; logging in or editing the profile does not wake an account.
/// </summary>
public sealed class DormantReactivation() : MonitoringRule(DormantReactivation.RuleCode)
{
    public const string RuleCode = "dormant_reactivation";

    public override MonitoringHit? Check(RuleCheck c)
    {
        if (!c.MovesAtLeast("MinAmountUsd")) return null;
        var lastEvent = c.Earlier.LastOrDefault(e => e.IsMoney || e.Kind == MonitoringEventKind.Trade);
        var last = new[] { lastEvent?.At, c.Activity.LastActivityAt }.Max();
        if (last is null) return null;
        var idle = c.Event.At - last.Value;
        if (idle.TotalDays < (double)c["DormantDays"]) return null;

        return c.Hit($"{c.Event.Kind} of {Usd(c.Event.AmountUsd)} after {Number((decimal)Math.Floor(idle.TotalDays))} days without a deposit, "
            + $"withdrawal or trade (last on {When(last.Value)}; {Number(c["DormantDays"])} days makes an account dormant).",
            lastEvent is null ? [] : [lastEvent]);
    }
}
