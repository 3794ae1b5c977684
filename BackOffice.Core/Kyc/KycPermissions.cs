using BackOffice.Core.Common;

namespace BackOffice.Core.Kyc;

public static class KycPermissions
{
    public const string View = "kyc.view";
    public const string Upload = "kyc.upload";
    public const string Review = "kyc.review";
    public const string Assign = "kyc.assign";
    public const string Requirements = "kyc.requirements";
    public const string Risk = "kyc.risk";
    public const string Edd = "kyc.edd";
    public const string Aml = "kyc.aml";
    public const string Rules = "kyc.rules";
    public const string Screening = "kyc.screening";
    public const string Lists = "kyc.lists";

    public static readonly PermissionInfo[] Catalogue =
    [
        new(View, "KYC", "See the review queue, case screens and client documents (files included)"),
        new(Upload, "KYC", "Upload documents on a client's behalf"),
        new(Review, "KYC", "Claim cases, record document data, accept or reject documents"),
        new(Assign, "KYC", "Assign review cases to other compliance officers"),
        new(Requirements, "KYC", "Configure which documents each kind of client must provide"),
        new(Risk, "KYC", "Record a client's declarations; request or approve a manual risk level (four-eyes)"),
        new(Edd, "KYC", "Sign off enhanced due diligence"),
        new(Aml, "KYC", "Work AML alerts: claim, note, close as false positive or escalate to a suspicious activity report"),
        new(Rules, "KYC", "Switch transaction monitoring rules on or off and change their severity and thresholds"),
        new(Screening, "KYC", "Decide sanctions and PEP screening hits: true match or false positive"),
        new(Lists, "KYC", "Import sanctions and PEP lists (OFAC SDN, OpenSanctions)"),
    ];
}
