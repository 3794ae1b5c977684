using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Core.Reports.ReportMath;

namespace BackOffice.Core.Reports.Events;

/// <summary>
/// Are exceptions handled? Every operational alert raised in the period with how long it took to be acknowledged and
/// resolved. An alert resolved without an acknowledgement was first answered when it was resolved.
/// Staff means who acknowledged or resolved the alert.
/// </summary>
[RequiresPermission(ReportsPermissions.Events)]
public sealed record AbnormalEventsReport(ReportFilter Filter, ReportUse Use = ReportUse.Screen) : IBackOfficeQuery<Result<Report>>;

public sealed class AbnormalEventsReportHandler(BackOfficeDb db, ReportScopes scopes) : IQueryHandler<AbnormalEventsReport, Result<Report>>
{
    public async ValueTask<Result<Report>> Handle(AbnormalEventsReport query, CancellationToken ct)
    {
        var resolved = await scopes.ResolveAsync(ReportKind.Events, query.Filter, query.Use, ct);
        if (resolved.Error is { } invalid) return invalid;
        var s = resolved.Value!;
        var alerts = db.Alerts.AsNoTracking().Where(a => a.RaisedAt >= s.FromUtc && a.RaisedAt < s.ToUtc);
        if (s.StaffUserName is { } name) alerts = alerts.Where(a => a.AcknowledgedBy == name || a.ResolvedBy == name);
        var rows = (await alerts.OrderBy(a => a.RaisedAt)
                .Select(a => new { a.RaisedAt, a.Kind, a.Severity, a.Status, a.Message, a.AcknowledgedAt, a.AcknowledgedBy, a.ResolvedAt, a.ResolvedBy, a.Resolution })
                .ToListAsync(ct))
            .Select(a => new
            {
                Alert = a,
                ToAcknowledge = (a.AcknowledgedAt ?? a.ResolvedAt) is { } first ? Hours(first - a.RaisedAt) : (decimal?)null,
                ToResolve = a.ResolvedAt is { } done ? Hours(done - a.RaisedAt) : (decimal?)null,
            }).ToList();
        List<decimal> Known(IEnumerable<decimal?> values) => [.. values.Where(v => v is not null).Select(v => v!.Value)];

        ReportColumn Count(string h) => new(h, CellKind.Integer, 12);
        return s.Build("Abnormal events report",
            [
                new("Alerts raised", (long)rows.Count, CellKind.Integer),
                new("Critical", (long)rows.Count(r => r.Alert.Severity == AlertSeverity.Critical), CellKind.Integer),
                new("Still open", (long)rows.Count(r => r.Alert.Status == AlertStatus.Open), CellKind.Integer, "not acknowledged yet"),
                new("Not resolved", (long)rows.Count(r => r.Alert.Status != AlertStatus.Resolved), CellKind.Integer),
                new("Average time to acknowledge", Average(Known(rows.Select(r => r.ToAcknowledge))), CellKind.Hours, "hours"),
                new("Average time to resolve", Average(Known(rows.Select(r => r.ToResolve))), CellKind.Hours, "hours"),
            ],
            [
                s.Daily("daily", "By day",
                    ("Raised", CellKind.Integer, rows.Select(r => (r.Alert.RaisedAt, 1m))),
                    ("Critical", CellKind.Integer, rows.Where(r => r.Alert.Severity == AlertSeverity.Critical).Select(r => (r.Alert.RaisedAt, 1m)))),
                new("kinds", "By kind",
                    [new("Kind", CellKind.Text, 26), Count("Raised"), Count("Open"), Count("Acknowledged"), Count("Resolved"),
                     new("Average hours to acknowledge", CellKind.Hours, 14), new("Average hours to resolve", CellKind.Hours, 14)],
                    [.. rows.GroupBy(r => r.Alert.Kind).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => Row(g.Key, (long)g.Count(),
                        (long)g.Count(r => r.Alert.Status == AlertStatus.Open), (long)g.Count(r => r.Alert.Status == AlertStatus.Acknowledged),
                        (long)g.Count(r => r.Alert.Status == AlertStatus.Resolved),
                        Average(Known(g.Select(r => r.ToAcknowledge))), Average(Known(g.Select(r => r.ToResolve)))))]),
                new("alerts", "Every alert",
                    [new("Raised", CellKind.DateTime, 18), new("Kind", CellKind.Text, 24), new("Severity", CellKind.Text, 10), new("Status", CellKind.Text, 13),
                     new("Message", CellKind.Text, 50), new("Hours to acknowledge", CellKind.Hours, 12), new("Acknowledged by", CellKind.Text, 16),
                     new("Hours to resolve", CellKind.Hours, 12), new("Resolved by", CellKind.Text, 16), new("Resolution", CellKind.Text, 40)],
                    [.. rows.Select(r => Row(s.Local(r.Alert.RaisedAt), r.Alert.Kind, r.Alert.Severity.ToString(), r.Alert.Status.ToString(), r.Alert.Message,
                        r.ToAcknowledge, r.Alert.AcknowledgedBy, r.ToResolve, r.Alert.ResolvedBy, r.Alert.Resolution))]),
            ],
            [
                new("Alerts by day", ReportChartKind.Line, "daily", "Day", ["Raised", "Critical"]),
                new("Alerts by kind", ReportChartKind.Bar, "kinds", "Kind", ["Raised", "Resolved"]),
            ]);
    }
}
