using System.Text.Json;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Risk;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// One monitoring rule as compliance set it: the stored form of <see cref="MonitoringRuleSettings"/>
/// (table <c>MonitoringRules</c>). Seeded from the defaults; changed only through the SetMonitoringRule command.
/// </summary>
public sealed class MonitoringRuleConfig : IVersioned
{
    public string Code { get; set; } = "";
    public bool Enabled { get; set; }
    public RiskLevel Severity { get; set; }
    public string Thresholds { get; set; } = "{}";
    public long Version { get; set; }

    public IReadOnlyDictionary<string, decimal> ThresholdValues =>
        JsonSerializer.Deserialize<Dictionary<string, decimal>>(Thresholds) ?? [];

    public MonitoringRuleSettings ToSettings() => new(Code, Enabled, Severity, ThresholdValues);

    public static MonitoringRuleConfig From(MonitoringRuleSettings s) => new()
    {
        Code = s.Code, Enabled = s.Enabled, Severity = s.Severity, Thresholds = Serialize(s.Thresholds),
    };

    public static string Serialize(IReadOnlyDictionary<string, decimal> thresholds) =>
        JsonSerializer.Serialize(thresholds.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value));
}
