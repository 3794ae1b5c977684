namespace BackOffice.Core.Kyc.Risk;

/// <summary>One scoring of a client, kept so the case shows how the level moved and why.</summary>
public sealed class RiskRecord
{
    public long Id { get; set; }
    public long ClientId { get; set; }
    public DateTime At { get; set; }
    public int Points { get; set; }
    public RiskLevel ScoredLevel { get; set; }

    /// <summary>The level in force after this record (the override, when one is set).</summary>
    public RiskLevel Level { get; set; }

    /// <summary>What changed: "profile updated", "manual override approved", …</summary>
    public string Trigger { get; set; } = "";

    /// <summary>The factor lines as JSON, exactly as they were explained at the time.</summary>
    public string Factors { get; set; } = "[]";
}
