using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Core.Reports.ReportMath;

namespace BackOffice.Core.Reports.Accounts;

/// <summary>
/// Is onboarding flowing? Registrations in the period and how far they got (approved, funded), how long approval took,
/// who waits for documents now, and who left. Staff means the client's account manager.
/// </summary>
[RequiresPermission(ReportsPermissions.Accounts)]
public sealed record AccountReport(ReportFilter Filter, bool ForExport = false) : IBackOfficeQuery<Result<Report>>;

public sealed class AccountReportHandler(BackOfficeDb db, ReportScopes scopes) : IQueryHandler<AccountReport, Result<Report>>
{
    public async ValueTask<Result<Report>> Handle(AccountReport query, CancellationToken ct)
    {
        var resolved = await scopes.ResolveAsync(ReportKind.Accounts, query.Filter, query.ForExport, ct);
        if (resolved.Error is { } invalid) return invalid;
        var s = resolved.Value!;
        var clients = s.Clients(db);
        var approvals = db.ClientStatusChanges.Where(h => h.To == ClientStatus.Approved);

        // The period's registrations and how far each got by now. A client approved before history was kept still counts as approved.
        var cohort = await clients.Where(c => c.RegisteredAt >= s.FromUtc && c.RegisteredAt < s.ToUtc)
            .Select(c => new
            {
                c.RegisteredAt,
                Approved = approvals.Any(h => h.ClientId == c.Id) || c.Status == ClientStatus.Approved || c.Status == ClientStatus.Restricted,
                Funded = db.Deposits.Any(d => d.ClientId == c.Id && d.CreditedAt != null),
            }).ToListAsync(ct);
        var approvedInPeriod = await (from c in clients
                                      let first = approvals.Where(h => h.ClientId == c.Id).Min(h => (DateTime?)h.At)
                                      where first >= s.FromUtc && first < s.ToUtc
                                      orderby first
                                      select new { c.Number, c.DisplayName, c.Country, c.RegisteredAt, ApprovedAt = first!.Value }).ToListAsync(ct);
        var pending = await clients.Where(c => c.Status == ClientStatus.PendingDocuments).OrderBy(c => c.StatusChangedAt)
            .Select(c => new { c.Number, c.DisplayName, c.Country, c.StatusChangedAt, c.StatusReason }).ToListAsync(ct);
        var closed = await clients.Where(c => c.Status == ClientStatus.Closed && c.StatusChangedAt >= s.FromUtc && c.StatusChangedAt < s.ToUtc)
            .OrderBy(c => c.StatusChangedAt).Select(c => new { c.Number, c.DisplayName, c.Country, c.StatusChangedAt, c.StatusReason }).ToListAsync(ct);

        var registered = cohort.Count;
        var approved = cohort.Count(c => c.Approved);
        var funded = cohort.Count(c => c.Funded);
        var hours = approvedInPeriod.Select(a => Hours(a.ApprovedAt - a.RegisteredAt)).ToList();

        var daily = s.Daily("daily", "By day",
            ("Registrations", CellKind.Integer, cohort.Select(c => (c.RegisteredAt, 1m))),
            ("Approvals", CellKind.Integer, approvedInPeriod.Select(a => (a.ApprovedAt, 1m))),
            ("Closures", CellKind.Integer, closed.Select(c => (c.StatusChangedAt, 1m))));
        var funnel = new ReportTable("funnel", "Funnel of the period's registrations",
            [new("Stage", CellKind.Text, 14), new("Clients", CellKind.Integer), new("Share of registered", CellKind.Percent)],
            [Row("Registered", (long)registered, Rate(registered, registered)), Row("Approved", (long)approved, Rate(approved, registered)),
             Row("Funded", (long)funded, Rate(funded, registered))]);
        var approvalRows = new ReportTable("approvals", "Approvals in the period",
            [new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Country", CellKind.Text, 8),
             new("Registered", CellKind.DateTime, 18), new("Approved", CellKind.DateTime, 18), new("Hours to approve", CellKind.Hours)],
            [.. approvedInPeriod.Select(a => Row(a.Number, a.DisplayName, a.Country, s.Local(a.RegisteredAt), s.Local(a.ApprovedAt), Hours(a.ApprovedAt - a.RegisteredAt)))]);
        var pendingRows = new ReportTable("pending-documents", "Waiting for additional documents now",
            [new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Country", CellKind.Text, 8),
             new("Since", CellKind.DateTime, 18), new("Days waiting", CellKind.Integer), new("What is missing", CellKind.Text, 40)],
            [.. pending.Select(p => Row(p.Number, p.DisplayName, p.Country, s.Local(p.StatusChangedAt), (long)(s.NowUtc - p.StatusChangedAt).TotalDays, p.StatusReason))]);
        var closedRows = new ReportTable("closed", "Closed in the period",
            [new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Country", CellKind.Text, 8),
             new("Closed", CellKind.DateTime, 18), new("Reason", CellKind.Text, 40)],
            [.. closed.Select(c => Row(c.Number, c.DisplayName, c.Country, s.Local(c.StatusChangedAt), c.StatusReason))]);

        return s.Build("Account report",
            [
                new("New registrations", (long)registered, CellKind.Integer),
                new("Approval rate", Rate(approved, registered), CellKind.Percent, "of the period's registrations, approved by now"),
                new("Funded", (long)funded, CellKind.Integer, "of the period's registrations, with a credited deposit"),
                new("Approvals", (long)approvedInPeriod.Count, CellKind.Integer, "first approvals in the period"),
                new("Average time to approve", Average(hours), CellKind.Hours, "hours from registration"),
                new("Median time to approve", Median(hours), CellKind.Hours, "hours from registration"),
                new("Pending additional documents", (long)pending.Count, CellKind.Integer, "now"),
                new("Closed accounts", (long)closed.Count, CellKind.Integer),
            ],
            [daily, funnel, approvalRows, pendingRows, closedRows],
            [
                new("Registrations, approvals and closures", ReportChartKind.Line, "daily", "Day", ["Registrations", "Approvals", "Closures"]),
                new("Registered → approved → funded", ReportChartKind.Bar, "funnel", "Stage", ["Clients"]),
            ]);
    }
}
