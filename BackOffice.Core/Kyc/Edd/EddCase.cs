using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Kyc.Edd;

public enum EddStatus
{
    Open,
    SignedOff,
}

/// <summary>The items enhanced due diligence asks for before a high-risk client is accepted.</summary>
public enum EddItem
{
    SourceOfWealthEvidence,
    SourceOfFundsEvidence,
    SeniorManagementApproval,
    EnhancedMonitoring,
}

/// <summary>
/// Enhanced due diligence for a high-risk client, a PEP or a complex company: a checklist a compliance
/// officer works through and a sign-off by a holder of the EDD permission. Until then the client
/// cannot be approved (or, if already approved, stays restricted).
/// </summary>
public sealed class EddCase : IVersioned
{
    public long Id { get; set; }
    public long ClientId { get; set; }
    public DateTime OpenedAt { get; set; }

    /// <summary>Why EDD is needed, in sentences ("High risk: ...", "Politically exposed person").</summary>
    public string Reasons { get; set; } = "";

    public EddStatus Status { get; set; }

    public bool SourceOfWealthEvidence { get; set; }
    public bool SourceOfFundsEvidence { get; set; }
    public bool SeniorManagementApproval { get; set; }
    public bool EnhancedMonitoring { get; set; }
    public string? Notes { get; set; }

    public string? SignedOffBy { get; set; }
    public DateTime? SignedOffAt { get; set; }
    public string? SignOffNote { get; set; }
    public long Version { get; set; }

    public bool this[EddItem item] => item switch
    {
        EddItem.SourceOfWealthEvidence => SourceOfWealthEvidence,
        EddItem.SourceOfFundsEvidence => SourceOfFundsEvidence,
        EddItem.SeniorManagementApproval => SeniorManagementApproval,
        _ => EnhancedMonitoring,
    };

    public void Set(EddItem item, bool done)
    {
        switch (item)
        {
            case EddItem.SourceOfWealthEvidence: SourceOfWealthEvidence = done; break;
            case EddItem.SourceOfFundsEvidence: SourceOfFundsEvidence = done; break;
            case EddItem.SeniorManagementApproval: SeniorManagementApproval = done; break;
            default: EnhancedMonitoring = done; break;
        }
    }

    public Error? SignOff(string by, string? note, DateTime now)
    {
        if (Status != EddStatus.Open) return Error.Rule("edd.not_open", "This enhanced due diligence is already signed off.");
        var missing = Enum.GetValues<EddItem>().Where(i => !this[i]).Select(i => i.Describe()).ToList();
        if (missing.Count > 0)
            return Error.Rule("edd.incomplete", $"Enhanced due diligence cannot be signed off yet: {string.Join("; ", missing)} still to do.");
        Status = EddStatus.SignedOff;
        SignedOffBy = by;
        SignedOffAt = now;
        SignOffNote = note;
        return null;
    }
}

public static class EddItemText
{
    public static string Describe(this EddItem item) => item switch
    {
        EddItem.SourceOfWealthEvidence => "evidence of the source of wealth",
        EddItem.SourceOfFundsEvidence => "evidence of the source of funds",
        EddItem.SeniorManagementApproval => "senior management approval",
        _ => "enhanced monitoring set up",
    };
}
