namespace BackOffice.Core.Accounts.Lifecycle;

public enum ClientStatus
{
    Registered,
    PendingReview,
    PendingDocuments,
    Approved,
    Restricted,
    Closed,
}

/// <summary>What a client can do. Which status allows which is data (<see cref="StatusCapability"/>).</summary>
public enum Capability
{
    ClientArea,
    UploadDocuments,
    Deposit,
    OpenPositions,
    ClosePositions,
    Withdraw,
    InternalTransfer,
}

public enum RestrictionCategory
{
    ExpiredDocuments,
    AbnormalActivity,
    InternalReview,
    ComplianceHold,

    /// <summary>The client became high risk: enhanced due diligence must be signed off first.</summary>
    EnhancedDueDiligence,

    /// <summary>Confirmed as a sanctioned party: assets frozen, nothing but the client area.</summary>
    SanctionsMatch,
}

/// <summary>One cell of the status → capability matrix, edited by an administrator.</summary>
public sealed class StatusCapability
{
    public ClientStatus Status { get; set; }
    public Capability Capability { get; set; }
    public bool Allowed { get; set; }
}

public static class CapabilityText
{
    public static string Describe(this Capability c) => c switch
    {
        Capability.ClientArea => "use the client area",
        Capability.UploadDocuments => "upload documents",
        Capability.Deposit => "deposit",
        Capability.OpenPositions => "open positions",
        Capability.ClosePositions => "close positions",
        Capability.Withdraw => "withdraw",
        Capability.InternalTransfer => "transfer between accounts",
        _ => c.ToString(),
    };

    public static string Title(this Capability c) => c switch
    {
        Capability.ClientArea => "Client area",
        Capability.UploadDocuments => "Upload documents",
        Capability.Deposit => "Deposit",
        Capability.OpenPositions => "Open positions",
        Capability.ClosePositions => "Close positions",
        Capability.Withdraw => "Withdraw",
        Capability.InternalTransfer => "Internal transfer",
        _ => c.ToString(),
    };

    public static string Describe(this ClientStatus s) => s switch
    {
        ClientStatus.Registered => "registered",
        ClientStatus.PendingReview => "pending review",
        ClientStatus.PendingDocuments => "waiting for documents",
        ClientStatus.Approved => "approved",
        ClientStatus.Restricted => "restricted",
        ClientStatus.Closed => "closed",
        _ => s.ToString(),
    };

    public static string Describe(this RestrictionCategory c) => c switch
    {
        RestrictionCategory.ExpiredDocuments => "expired documents",
        RestrictionCategory.AbnormalActivity => "abnormal activity",
        RestrictionCategory.InternalReview => "internal review",
        RestrictionCategory.ComplianceHold => "compliance hold",
        RestrictionCategory.EnhancedDueDiligence => "enhanced due diligence pending",
        RestrictionCategory.SanctionsMatch => "confirmed sanctions match",
        _ => c.ToString(),
    };
}
