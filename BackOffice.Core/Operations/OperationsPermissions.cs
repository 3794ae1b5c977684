using BackOffice.Core.Common;

namespace BackOffice.Core.Operations;

public static class OperationsPermissions
{
    public const string ViewDashboard = "dashboard.view";
    public const string ViewPendingOperations = "operations.pending.view";
    public const string DecidePendingOperations = "operations.pending.decide";
    public const string ViewAlerts = "alerts.view";
    public const string ManageAlerts = "alerts.manage";

    public static readonly PermissionInfo[] Catalogue =
    [
        new(ViewDashboard, "Operations", "See the home dashboard and live counters"),
        new(ViewPendingOperations, "Operations", "See four-eyes operations waiting for approval"),
        new(DecidePendingOperations, "Operations", "Approve or reject four-eyes operations (each also needs its own checker permission)"),
        new(ViewAlerts, "Operations", "See operational alerts"),
        new(ManageAlerts, "Operations", "Acknowledge and resolve operational alerts"),
    ];
}
