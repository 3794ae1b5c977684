using BackOffice.Core.Common;

namespace BackOffice.Core.Partners;

public static class PartnerPermissions
{
    public const string View = "ib.view";
    public const string Manage = "ib.manage";
    public const string Approve = "ib.approve";
    public const string Plans = "ib.plans";

    public static readonly PermissionInfo[] Catalogue =
    [
        new(View, "Partners", "See introducing-broker partners, their tree and the clients attributed to them"),
        new(Manage, "Partners", "Create partners, attribute clients, and request reassignments, tree moves and status changes"),
        new(Approve, "Partners", "Approve or reject partner reassignments, tree moves and commission runs requested by someone else (four-eyes)"),
        new(Plans, "Partners", "Create commission plans and their versions, assign plans to partners and set a partner's own rates"),
    ];
}
