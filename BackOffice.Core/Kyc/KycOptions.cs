namespace BackOffice.Core.Kyc;

/// <summary>The <c>Kyc</c> section of appsettings.json.</summary>
public sealed class KycOptions
{
    /// <summary>Largest document accepted, in megabytes.</summary>
    public int MaxUploadMegabytes { get; set; } = 10;

    /// <summary>A utility bill or bank statement older than this cannot prove an address.</summary>
    public int AddressProofMaxAgeDays { get; set; } = 90;

    /// <summary>How long a case may wait in the review queue before it is late.</summary>
    public int ReviewSlaHours { get; set; } = 24;

    /// <summary>How many days before a document expires the client and the CRM are reminded, once per step.</summary>
    public int[] ExpiryReminderDays { get; set; } = [60, 30];

    /// <summary>
    /// When the identity provider answers GREEN for an individual scored low risk whose other checks all pass, approve the
    /// client without a person. Off by default: compliance approves every client.
    /// </summary>
    public bool AutoApproveLowRisk { get; set; }

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024L;
}
