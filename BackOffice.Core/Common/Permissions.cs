namespace BackOffice.Core.Common;

public sealed record PermissionInfo(string Code, string Module, string Description);

/// <summary>
/// Every permission the product knows, gathered from each module's permissions file. Code
/// checks these codes, never role names; which role holds which code is data.
/// </summary>
public static class PermissionCatalogue
{
    public static IReadOnlyList<PermissionInfo> All { get; } =
    [
        .. Operations.OperationsPermissions.Catalogue,
        .. Staff.StaffPermissions.Catalogue,
        .. Webhooks.WebhookPermissions.Catalogue,
        .. Accounts.AccountsPermissions.Catalogue,
        .. Kyc.KycPermissions.Catalogue,
        .. Funds.FundsPermissions.Catalogue,
        .. Partners.PartnerPermissions.Catalogue,
        .. Reports.ReportsPermissions.Catalogue,
    ];

    public static bool Exists(string code) => All.Any(p => p.Code == code);
}
