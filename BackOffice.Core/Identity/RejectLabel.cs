using BackOffice.Core.Kyc.Documents;

namespace BackOffice.Core.Identity;

/// <summary>
/// The provider's reject labels in our words. A label we do not map becomes
/// <see cref="RejectionReason.Other"/>; the raw label is always kept beside the reason.
/// </summary>
/// <remarks>
/// <c>SELFIE_MISMATCH</c> (the face is not the one on the document) maps to Other, not NameMismatch:
/// our NameMismatch tells the client "the name does not match the profile", which would send them
/// to fix the wrong thing, and calling it forgery would accuse them before compliance has looked.
/// </remarks>
public static class RejectLabel
{
    private static readonly Dictionary<string, RejectionReason> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["DOCUMENT_EXPIRED"] = RejectionReason.Expired,
        ["EXPIRATION_DATE"] = RejectionReason.Expired,

        ["BAD_PROOF_OF_ADDRESS"] = RejectionReason.AddressMismatch,
        ["WRONG_ADDRESS"] = RejectionReason.AddressMismatch,

        ["FORGERY"] = RejectionReason.SuspectedForgery,
        ["DOCUMENT_TEMPLATE"] = RejectionReason.SuspectedForgery,
        ["GRAPHIC_EDITOR"] = RejectionReason.SuspectedForgery,
        ["FRAUDULENT_LIVENESS"] = RejectionReason.SuspectedForgery,

        ["BLURRY"] = RejectionReason.Blurred,
        ["LOW_QUALITY"] = RejectionReason.Blurred,
        ["UNSATISFACTORY_PHOTOS"] = RejectionReason.Blurred,
        ["BLACK_AND_WHITE"] = RejectionReason.Blurred,

        ["REQUESTED_DATA_MISMATCH"] = RejectionReason.NameMismatch,
        ["INCONSISTENT_PROFILE"] = RejectionReason.NameMismatch,

        ["SELFIE_MISMATCH"] = RejectionReason.Other,
    };

    /// <summary>Corporate (KYB) labels all say the company's structure, owners or representatives are not established.</summary>
    private const string CorporatePrefix = "COMPANY_";

    public static RejectionReason ToReason(string label) =>
        Known.TryGetValue(label, out var reason) ? reason
        : label.StartsWith(CorporatePrefix, StringComparison.OrdinalIgnoreCase) ? RejectionReason.IncompleteCorporateInformation
        : RejectionReason.Other;

    public static IReadOnlyList<RejectionReason> ToReasons(IEnumerable<string> labels) =>
        labels.Select(ToReason).Distinct().ToList();
}
