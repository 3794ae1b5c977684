using BackOffice.Core.Accounts;
using BackOffice.Core.Funds;
using BackOffice.Core.Kyc;
using BackOffice.Core.Operations;
using BackOffice.Core.Reports;
using BackOffice.Core.Webhooks;

namespace BackOffice.Core.Staff;

/// <summary>The seven roles a broker starts with, as permission bundles. After seeding, the matrix is data.</summary>
public static class DefaultRoles
{
    public const string Support = "Support";
    public const string Compliance = "Compliance";
    public const string Finance = "Finance";
    public const string Risk = "Risk";
    public const string IbManager = "IB manager";
    public const string Manager = "Manager";
    public const string Administrator = "Administrator";

    public sealed record Bundle(string Name, string Description, bool RequiresTwoFactor, string[] Permissions);

    public static IReadOnlyList<Bundle> All { get; } =
    [
        new(Support, "Answers clients: sees status and why, adds notes and tasks", false,
            [OperationsPermissions.ViewDashboard, AccountsPermissions.View, AccountsPermissions.Register, AccountsPermissions.EditProfile,
             AccountsPermissions.Crm, AccountsPermissions.OpenAccount, KycPermissions.Upload, FundsPermissions.View]),
        new(Compliance, "Reviews documents, sets risk levels, restricts accounts (with a second approver)", false,
            [OperationsPermissions.ViewDashboard, OperationsPermissions.ViewPendingOperations, OperationsPermissions.DecidePendingOperations,
             OperationsPermissions.ViewAlerts, OperationsPermissions.ManageAlerts, StaffPermissions.ViewAudit, StaffPermissions.ExportReports,
             AccountsPermissions.View, AccountsPermissions.EditProfile, AccountsPermissions.Crm, AccountsPermissions.Review,
             AccountsPermissions.Restrict, AccountsPermissions.Close, AccountsPermissions.ChangeLeverage,
             KycPermissions.View, KycPermissions.Upload, KycPermissions.Review, KycPermissions.Assign,
             KycPermissions.Risk, KycPermissions.Edd, KycPermissions.Aml, KycPermissions.Rules,
             KycPermissions.Screening, KycPermissions.Lists, ReportsPermissions.Compliance, ReportsPermissions.Accounts]),
        new(Finance, "Confirms deposits, approves withdrawals at their level, reconciles", true,
            [OperationsPermissions.ViewDashboard, OperationsPermissions.ViewPendingOperations, OperationsPermissions.DecidePendingOperations,
             OperationsPermissions.ViewAlerts, OperationsPermissions.ManageAlerts, StaffPermissions.ExportReports, AccountsPermissions.View,
             FundsPermissions.View, FundsPermissions.Deposit, FundsPermissions.ConfirmDeposit, FundsPermissions.ReviewDeposit,
             FundsPermissions.Ledger, FundsPermissions.LedgerCheck, FundsPermissions.Withdraw, FundsPermissions.ApproveL1, FundsPermissions.ApproveL2,
             FundsPermissions.Payout, FundsPermissions.Destinations, FundsPermissions.Transfer, FundsPermissions.Correct, FundsPermissions.ApproveCorrection,
             FundsPermissions.Refund, FundsPermissions.Reconcile, FundsPermissions.ApproveWriteOff, ReportsPermissions.Payments]),
        new(Risk, "Watches trading risk and fund flows, flags accounts, opens alerts", false,
            [OperationsPermissions.ViewDashboard, OperationsPermissions.ViewPendingOperations, OperationsPermissions.ViewAlerts, OperationsPermissions.ManageAlerts,
             StaffPermissions.ExportReports, AccountsPermissions.View, AccountsPermissions.ChangeLeverage, AccountsPermissions.PlatformSync]),
        new(IbManager, "Runs introducing-broker partners, plans and commission runs", false,
            [OperationsPermissions.ViewDashboard, OperationsPermissions.ViewPendingOperations, OperationsPermissions.DecidePendingOperations,
             StaffPermissions.ExportReports, AccountsPermissions.View, Partners.PartnerPermissions.View, Partners.PartnerPermissions.Manage,
             Partners.PartnerPermissions.Approve, Partners.PartnerPermissions.Plans, ReportsPermissions.Partners]),
        new(Manager, "Watches live queues and KPIs, exports reports, is the second approver of policy, write-offs and partner changes", false,
            [OperationsPermissions.ViewDashboard, OperationsPermissions.ViewPendingOperations, OperationsPermissions.DecidePendingOperations,
             OperationsPermissions.ViewAlerts,
             StaffPermissions.ViewAudit, StaffPermissions.ExportReports, AccountsPermissions.View, KycPermissions.View, FundsPermissions.View,
             FundsPermissions.ApproveL1, FundsPermissions.ApproveL2, FundsPermissions.ApproveL3, FundsPermissions.Policy, FundsPermissions.ApproveWriteOff,
             Partners.PartnerPermissions.View, Partners.PartnerPermissions.Approve,
             ReportsPermissions.Accounts, ReportsPermissions.Payments, ReportsPermissions.Compliance, ReportsPermissions.Permissions, ReportsPermissions.Events,
             ReportsPermissions.Partners, ReportsPermissions.Floor]),
        new(Administrator, "Configures the console: staff, roles, integrations, settings", true,
            [OperationsPermissions.ViewDashboard, OperationsPermissions.ViewPendingOperations, OperationsPermissions.DecidePendingOperations,
             OperationsPermissions.ViewAlerts, OperationsPermissions.ManageAlerts,
             StaffPermissions.ManageStaff, StaffPermissions.RequestRoleChange, StaffPermissions.ApproveRoleChange,
             StaffPermissions.ViewAudit, StaffPermissions.VerifyAudit, StaffPermissions.ViewSecurity, StaffPermissions.ExportReports,
             WebhookPermissions.Manage, AccountsPermissions.View, AccountsPermissions.Register, AccountsPermissions.EditProfile,
             AccountsPermissions.OpenAccount, AccountsPermissions.ConfigureTypes, AccountsPermissions.PlatformSync,
             AccountsPermissions.PlatformSimulator, AccountsPermissions.ApiKeys, KycPermissions.Requirements, KycPermissions.Rules, KycPermissions.Lists,
             FundsPermissions.Channels, FundsPermissions.View, FundsPermissions.Policy, ReportsPermissions.Permissions, ReportsPermissions.RegionGroups,
             ReportsPermissions.Floor]),
    ];
}
