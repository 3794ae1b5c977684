using BackOffice.Core.Common;

namespace BackOffice.Core.Reports;

public enum ReportKind
{
    Accounts,
    Payments,
    Compliance,
    Permissions,
    Events,
    Partners,
}

/// <summary>
/// A report family as the console knows it: its address, who may read it, what "staff" means in it, whether the
/// client filters (account type, country, region group) apply, and the one query that computes it.
/// </summary>
public sealed record ReportDefinition(
    ReportKind Kind, string Slug, string Title, string Description, string Permission, string StaffMeaning, bool ClientFilters,
    Func<ReportFilter, ReportUse, IBackOfficeQuery<Result<Report>>> Query);

public static class ReportCatalogue
{
    public const string AccountManager = "the client's account manager";
    public const string WhoActed = "the staff member who acted";

    public static IReadOnlyList<ReportDefinition> All { get; } =
    [
        new(ReportKind.Accounts, "accounts", "Account report",
            "New registrations, approval rate, the funnel registered → approved → funded, time to approve, documents outstanding, closures.",
            ReportsPermissions.Accounts, AccountManager, true, (f, use) => new Accounts.AccountReport(f, use)),
        new(ReportKind.Payments, "payments", "Payment report",
            "Deposit success by channel and failure code, withdrawal processing time by approval level and method, failed payments, refunds, net deposits.",
            ReportsPermissions.Payments, AccountManager, true, (f, use) => new Payments.PaymentReport(f, use)),
        new(ReportKind.Compliance, "compliance", "Compliance report",
            "Document expiry, high-risk clients, enhanced due diligence open / overdue / signed off, screening hits and AML alerts with their outcomes.",
            ReportsPermissions.Compliance, AccountManager, true, (f, use) => new Compliance.ComplianceReport(f, use)),
        new(ReportKind.Permissions, "permissions", "Permission report",
            "Administrator operations, sensitive changes with before and after, abnormal sign-ins, role changes, four-eyes decisions by checker.",
            ReportsPermissions.Permissions, WhoActed, false, (f, use) => new Access.PermissionReport(f, use)),
        new(ReportKind.Events, "events", "Abnormal events report",
            "Every operational alert with its time to acknowledge and to resolve, by kind and by day.",
            ReportsPermissions.Events, "the staff member who acknowledged or resolved the alert", false, (f, use) => new Events.AbnormalEventsReport(f, use)),
        new(ReportKind.Partners, "partners", "Partner report",
            "Clients attributed to partners, commission by partner, level and day, the hierarchy with its counts, and the disputes with how they ended.",
            ReportsPermissions.Partners, AccountManager, true, (f, use) => new Partners.PartnerReport(f, use)),
    ];

    public static ReportDefinition Of(ReportKind kind) => All.Single(d => d.Kind == kind);

    public static ReportDefinition? Find(string? slug) => All.FirstOrDefault(d => string.Equals(d.Slug, slug, StringComparison.OrdinalIgnoreCase));
}
