using BackOffice.Core.Common;

namespace BackOffice.Core.Kyc;

public static class KycPermissions
{
    public const string View = "kyc.view";
    public const string Upload = "kyc.upload";
    public const string Review = "kyc.review";
    public const string Assign = "kyc.assign";
    public const string Requirements = "kyc.requirements";

    public static readonly PermissionInfo[] Catalogue =
    [
        new(View, "KYC", "See the review queue, case screens and client documents (files included)"),
        new(Upload, "KYC", "Upload documents on a client's behalf"),
        new(Review, "KYC", "Claim cases, record document data, accept or reject documents"),
        new(Assign, "KYC", "Assign review cases to other compliance officers"),
        new(Requirements, "KYC", "Configure which documents each kind of client must provide"),
    ];
}
