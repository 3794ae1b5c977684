using static BackOffice.Core.Kyc.KycText;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// A withdrawal to an instrument the client never deposited from, or held in someone else's name: money leaving
/// to a third party. Funds should go back the way they came, to the client. A partner's commission payout is checked for the
/// holder's name only.
/// </summary>
public sealed class WithdrawalDestination() : MonitoringRule(WithdrawalDestination.RuleCode)
{
    public const string RuleCode = "withdrawal_destination";

    public override MonitoringHit? Check(RuleCheck c)
    {
        var commission = c.Event.Kind == MonitoringEventKind.CommissionPayout;
        if (!(commission || c.MovesAtLeast("MinAmountUsd", MonitoringEventKind.Withdrawal))) return null;
        if (!c.MovesAtLeast("MinAmountUsd") || c.Event.Method is not { } destination) return null;

        var reasons = new List<string>();
        var known = c.Activity.KnownDepositSources
            .Concat(c.Earlier.Where(e => e.Kind == MonitoringEventKind.Deposit && e.Method is not null).Select(e => e.Method!.Fingerprint));
        // A partner's commission never came in as a deposit: only whose name the destination is in counts for it.
        if (!commission && !known.Contains(destination.Fingerprint, StringComparer.Ordinal))
            reasons.Add("was never used for a deposit");
        if (destination.HolderName is { Length: > 0 } holder && !HolderNames.Match(holder, c.Activity.HolderName))
            reasons.Add($"is in the name of '{holder.Trim()}', not the client's '{c.Activity.HolderName.Trim()}'");
        if (reasons.Count == 0) return null;

        return c.Hit($"Withdrawal of {Usd(c.Event.AmountUsd)} to {destination}, which {string.Join(" and ", reasons)}.", []);
    }
}
