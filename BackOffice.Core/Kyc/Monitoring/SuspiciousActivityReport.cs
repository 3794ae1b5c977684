namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// The record that an AML alert was escalated as suspicious: the reference the report to the financial
/// intelligence unit is filed under, who decided and why.
/// </summary>
public sealed class SuspiciousActivityReport
{
    public long Id { get; set; }
    public string Reference { get; set; } = "";
    public long ClientId { get; set; }
    public long AmlAlertId { get; set; }
    public string Reason { get; set; } = "";
    public string FiledBy { get; set; } = "";
    public DateTime FiledAt { get; set; }
}
