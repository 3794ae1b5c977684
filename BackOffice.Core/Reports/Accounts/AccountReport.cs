using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Reports.Facts;
using Mediator;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Core.Reports.ReportMath;

namespace BackOffice.Core.Reports.Accounts;

/// <summary>
/// Is onboarding flowing? Registrations in the period and how far they got (approved, funded), how long approval took,
/// who waits for documents now, and who left. Staff means the client's account manager.
/// </summary>
[RequiresPermission(ReportsPermissions.Accounts)]
public sealed record AccountReport(ReportFilter Filter, ReportUse Use = ReportUse.Screen) : IReportQuery;

public sealed class AccountReportHandler(BackOfficeDb db, ReportScopes scopes, ReportFactsReader facts, ReportLists lists) : IQueryHandler<AccountReport, Result<Report>>
{
    public async ValueTask<Result<Report>> Handle(AccountReport query, CancellationToken ct)
    {
        var resolved = await scopes.ResolveAsync(ReportKind.Accounts, query.Filter, query.Use, ct);
        if (resolved.Error is { } invalid) return invalid;
        var s = resolved.Value!;
        var days = await facts.DailyAsync<AccountDay>(s, (from, to, c) => AccountEvents.DailyAsync(db, s, from, to, c), ct);
        var total = DayTotals.Sum(days.Values);
        var pendingCount = await ClientAccountTypes.InStatus(db, s, ClientStatus.PendingDocuments).CountAsync(ct);

        var registered = total.Registered;
        var daily = new ReportTable("daily", "By day", [new("Day", CellKind.Date, 12), new("Registrations", CellKind.Integer, 16),
                new("Approvals", CellKind.Integer, 16), new("Closures", CellKind.Integer, 16)],
            [.. days.Select(d => Row(d.Key, d.Value.Registered, d.Value.Approvals, d.Value.Closures))]);
        var funnel = new ReportTable("funnel", "Funnel of the period's registrations",
            [new("Stage", CellKind.Text, 14), new("Clients", CellKind.Integer), new("Share of registered", CellKind.Percent)],
            [Row("Registered", registered, Rate(registered, registered)), Row("Approved", total.Approved, Rate(total.Approved, registered)),
             Row("Funded", total.Funded, Rate(total.Funded, registered))]);
        var (fromUtc, toUtc) = (s.FromUtc, s.ToUtc);
        // The period's first approvals in order, from the clients' own first-approval time (indexed alone, by manager, by country).
        var approvalRows = await lists.TableAsync(s, "approvals", "Approvals in the period",
            [new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Country", CellKind.Text, 8),
             new("Registered", CellKind.DateTime, 18), new("Approved", CellKind.DateTime, 18), new("Hours to approve", CellKind.Hours)],
            total.Approvals,
            d => s.Clients(d).Where(c => c.ApprovedAt >= fromUtc && c.ApprovedAt < toUtc).OrderBy(c => c.ApprovedAt).ThenBy(c => c.Id)
                .Select(c => new { c.Number, c.DisplayName, c.Country, c.RegisteredAt, ApprovedAt = c.ApprovedAt!.Value }),
            a => Row(a.Number, a.DisplayName, a.Country, s.Local(a.RegisteredAt), s.Local(a.ApprovedAt), Hours(a.ApprovedAt - a.RegisteredAt)), ct);
        var pendingRows = await lists.TableAsync(s, "pending-documents", "Waiting for additional documents now",
            [new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Country", CellKind.Text, 8),
             new("Since", CellKind.DateTime, 18), new("Days waiting", CellKind.Integer), new("What is missing", CellKind.Text, 40)],
            pendingCount,
            d => ClientAccountTypes.InStatus(d, s, ClientStatus.PendingDocuments)
                .Select(c => new { c.Number, c.DisplayName, c.Country, c.StatusChangedAt, c.StatusReason }),
            p => Row(p.Number, p.DisplayName, p.Country, s.Local(p.StatusChangedAt), (long)(s.NowUtc - p.StatusChangedAt).TotalDays, p.StatusReason), ct);
        pendingRows = pendingRows with { Empty = "No client is waiting for documents now." };
        var closedRows = await lists.TableAsync(s, "closed", "Closed in the period",
            [new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Country", CellKind.Text, 8),
             new("Closed", CellKind.DateTime, 18), new("Reason", CellKind.Text, 40)],
            total.Closures,
            d => ClientAccountTypes.InStatus(d, s, ClientStatus.Closed, fromUtc, toUtc).Select(c => new { c.Number, c.DisplayName, c.Country, c.StatusChangedAt, c.StatusReason }),
            c => Row(c.Number, c.DisplayName, c.Country, s.Local(c.StatusChangedAt), c.StatusReason), ct);

        return s.Build("Account report",
            [
                new("New registrations", registered, CellKind.Integer),
                new("Approval rate", Rate(total.Approved, registered), CellKind.Percent, "of the period's registrations, approved by now"),
                new("Funded", total.Funded, CellKind.Integer, "of the period's registrations, with a credited deposit"),
                new("Approvals", total.Approvals, CellKind.Integer, "first approvals in the period"),
                new("Average time to approve", Average(total.HoursToApprove), CellKind.Hours, "hours from registration"),
                new("Median time to approve", Median(total.HoursToApprove), CellKind.Hours, "hours from registration"),
                new("Pending additional documents", (long)pendingCount, CellKind.Integer, "now"),
                new("Closed accounts", total.Closures, CellKind.Integer),
            ],
            [daily, funnel, approvalRows, pendingRows, closedRows],
            [
                new("Registrations, approvals and closures", ReportChartKind.Line, "daily", "Day", ["Registrations", "Approvals", "Closures"]),
                new("Registered → approved → funded", ReportChartKind.Bar, "funnel", "Stage", ["Clients"]),
            ]);
    }
}
