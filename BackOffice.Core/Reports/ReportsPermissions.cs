using BackOffice.Core.Common;

namespace BackOffice.Core.Reports;

/// <summary>One permission per report family: who may read which figures is data, like every other permission.</summary>
public static class ReportsPermissions
{
    public const string Accounts = "reports.accounts";
    public const string Payments = "reports.payments";
    public const string Compliance = "reports.compliance";
    public const string Permissions = "reports.permissions";
    public const string Events = "reports.events";
    public const string Partners = "reports.partners";
    public const string RegionGroups = "reports.regions";
    public const string Floor = "reports.floor";

    public static readonly PermissionInfo[] Catalogue =
    [
        new(Accounts, "Reports", "Read the account report: registrations, approval rate, funnel, time to approve, closures"),
        new(Payments, "Reports", "Read the payment report: deposit success by channel, withdrawal processing times, failures, refunds, net deposits"),
        new(Compliance, "Reports", "Read the compliance report: document expiry, high-risk clients, due diligence, screening hits, AML alerts"),
        new(Permissions, "Reports", "Read the permission report: administrator operations, sensitive changes, abnormal sign-ins, role changes, four-eyes"),
        new(Events, "Reports", "Read the abnormal events report: every operational alert with its time to acknowledge and resolve"),
        new(Partners, "Reports", "Read the partner report: client attribution, commission by partner, level and day, the hierarchy, disputes"),
        new(RegionGroups, "Reports", "Define the region groups reports filter by (a name and its countries)"),
        new(Floor, "Reports", "Watch the live floor: every queue's size, age and SLA breaches, today's money in and out, four-eyes operations waiting, and the alerts of the kinds one may see"),
    ];
}
