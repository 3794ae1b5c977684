using BackOffice.Core.Kyc.Risk;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>A rule that fired: which, how serious, a sentence with the figures, and the events behind it (the trigger last).</summary>
public sealed record MonitoringHit(string RuleCode, RiskLevel Severity, long ClientId, long EventId, DateTime At,
    string Sentence, IReadOnlyList<long> EventIds);
