using BackOffice.Core.Kyc.Risk;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>One rule's switch, severity and thresholds, as compliance tunes them.</summary>
public sealed record MonitoringRuleSettings(string Code, bool Enabled, RiskLevel Severity, IReadOnlyDictionary<string, decimal> Thresholds)
{
    /// <summary>A threshold the rule reads; missing is a configuration mistake, not a client's doing.</summary>
    public decimal this[string name] => Thresholds.TryGetValue(name, out var value)
        ? value
        : throw new InvalidOperationException($"Monitoring rule '{Code}' has no threshold '{name}'.");

    public static IReadOnlyList<MonitoringRuleSettings> Defaults { get; } =
    [
        new(RoundTripping.RuleCode, true, RiskLevel.Medium, new Dictionary<string, decimal>
        {
            ["WindowDays"] = 7, ["MinAmountUsd"] = 1_000, ["MinReturnedShare"] = 0.8m, ["MaxTurnoverMultiple"] = 2,
        }),
        // USD 10,000 mirrors the US currency transaction report line; set the figure the broker's regulator uses.
        new(Structuring.RuleCode, true, RiskLevel.High, new Dictionary<string, decimal>
        {
            ["ReportingThresholdUsd"] = 10_000, ["BandShare"] = 0.1m, ["WindowDays"] = 3, ["MinCount"] = 3,
        }),
        new(WithdrawalDestination.RuleCode, true, RiskLevel.High, new Dictionary<string, decimal> { ["MinAmountUsd"] = 0 }),
        new(AboveDeclaredVolume.RuleCode, true, RiskLevel.Medium, new Dictionary<string, decimal>
        {
            ["WindowDays"] = 365, ["DeclaredShare"] = 1,
        }),
        new(PaymentMethodChurn.RuleCode, true, RiskLevel.Medium, new Dictionary<string, decimal>
        {
            ["WindowDays"] = 7, ["MinDistinctMethods"] = 3,
        }),
        // MinCountryRisk: 1 also flags FATF increased-monitoring countries, 2 only call-for-action ones.
        new(HighRiskCountryAccess.RuleCode, true, RiskLevel.High, new Dictionary<string, decimal>
        {
            ["MinCountryRisk"] = (int)CountryRisk.HighRisk, ["WindowDays"] = 30,
        }),
        new(DormantReactivation.RuleCode, true, RiskLevel.Medium, new Dictionary<string, decimal>
        {
            ["DormantDays"] = 180, ["MinAmountUsd"] = 1_000,
        }),
    ];
}
