using static BackOffice.Core.Kyc.KycText;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// Deposits over the last year passing what the client said they would put in: the profile no longer explains
/// the money. Fires once, on the deposit that crosses the line, not on every deposit after it.
/// </summary>
public sealed class AboveDeclaredVolume() : MonitoringRule(AboveDeclaredVolume.RuleCode)
{
    public const string RuleCode = "above_declared_volume";

    public override MonitoringHit? Check(RuleCheck c)
    {
        // No declared volume is a gap in the profile, which risk scoring weighs; there is nothing here to pass.
        if (c.Event.Kind != MonitoringEventKind.Deposit || c.Activity.DeclaredYearlyVolumeUsd is not { } declared || declared <= 0) return null;
        var limit = declared * c["DeclaredShare"];
        var earlier = c.EarlierWithin("WindowDays").Where(e => e.Kind == MonitoringEventKind.Deposit).ToList();
        var before = earlier.Sum(e => e.AmountUsd);
        var after = before + c.Event.AmountUsd;
        if (before > limit || after <= limit) return null;

        return c.Hit($"Deposits of {Usd(after)} in the {Number(c["WindowDays"])} days to {When(c.Event.At)} pass the declared yearly volume "
            + $"of {Usd(declared)} ({Percent(after / declared * 100)} of it).", earlier);
    }
}
