namespace BackOffice.Core.Kyc.Risk;

/// <summary>How much scrutiny a client (or an alert) needs. High means enhanced due diligence.</summary>
public enum RiskLevel
{
    Low,
    Medium,
    High,
}
