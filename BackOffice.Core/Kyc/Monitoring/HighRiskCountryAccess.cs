using BackOffice.Core.Kyc.Risk;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// A login from a country on the risk list (the one client risk scoring uses): the client, or someone using
/// their account, is where FATF asks for enhanced scrutiny. Further logins from that country within the
/// window add nothing new and do not fire again.
/// </summary>
public sealed class HighRiskCountryAccess() : MonitoringRule(HighRiskCountryAccess.RuleCode)
{
    public const string RuleCode = "high_risk_country_access";

    public override MonitoringHit? Check(RuleCheck c)
    {
        if (c.Event is not { Kind: MonitoringEventKind.Login, IpCountry: { Length: > 0 } country }) return null;
        var risk = c.Countries.RiskOf(country);
        if ((int)risk < c["MinCountryRisk"] || risk == CountryRisk.Standard) return null;
        if (c.EarlierWithin("WindowDays").Any(e => e.Kind == MonitoringEventKind.Login
                && string.Equals(e.IpCountry?.Trim(), country.Trim(), StringComparison.OrdinalIgnoreCase)))
            return null;

        var what = risk == CountryRisk.HighRisk
            ? "a high-risk jurisdiction subject to an FATF call for action"
            : "a country under FATF increased monitoring";
        return c.Hit($"Login from {c.Countries.Describe(country)}, {what} ({c.Countries.Source}).", []);
    }
}
