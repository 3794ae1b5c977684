namespace BackOffice.Core.Kyc.Documents;

/// <summary>The preset reasons a reviewer (or the verification provider) gives for refusing a document.</summary>
public enum RejectionReason
{
    Blurred,
    Expired,
    AddressMismatch,
    NameMismatch,
    IncompleteCorporateInformation,
    SuspectedForgery,
    Other,
}

public static class RejectionReasonText
{
    public static string Describe(this RejectionReason r) => r switch
    {
        RejectionReason.Blurred => "the image is blurred or unreadable",
        RejectionReason.Expired => "the document has expired",
        RejectionReason.AddressMismatch => "the address does not match the profile",
        RejectionReason.NameMismatch => "the name does not match the profile",
        RejectionReason.IncompleteCorporateInformation => "the corporate information is incomplete",
        RejectionReason.SuspectedForgery => "the document appears altered or forged",
        _ => "see the reviewer's note",
    };
}
