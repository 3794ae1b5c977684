using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using BackOffice.Core.Reports.Facts;
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
public sealed record AbnormalEventsReport(ReportFilter Filter, ReportUse Use = ReportUse.Screen) : IReportQuery;

public sealed class AbnormalEventsReportHandler(BackOfficeDb db, ReportScopes scopes, ReportFactsReader facts, ReportLists lists)
    : IQueryHandler<AbnormalEventsReport, Result<Report>>
{
    public async ValueTask<Result<Report>> Handle(AbnormalEventsReport query, CancellationToken ct)
    {
        var resolved = await scopes.ResolveAsync(ReportKind.Events, query.Filter, query.Use, ct);
        if (resolved.Error is { } invalid) return invalid;
        var s = resolved.Value!;
        var days = await facts.DailyAsync<EventDay>(s, (from, to, c) => EventDay.DailyAsync(db, s, from, to, c), ct, staffByName: true);
        var total = DayTotals.Sum(days.Values);

        var (fromUtc, toUtc, staff) = (s.FromUtc, s.ToUtc, s.StaffUserName);
        var alerts = await lists.TableAsync(s, "alerts", "Every alert",
            [new("Raised", CellKind.DateTime, 18), new("Kind", CellKind.Text, 24), new("Severity", CellKind.Text, 10), new("Status", CellKind.Text, 13),
             new("Message", CellKind.Text, 50), new("Hours to acknowledge", CellKind.Hours, 12), new("Acknowledged by", CellKind.Text, 16),
             new("Hours to resolve", CellKind.Hours, 12), new("Resolved by", CellKind.Text, 16), new("Resolution", CellKind.Text, 40)],
            total.Sum(EventDay.Raised),
            d => EventDay.HandledBy(d, staff).AsNoTracking().Where(a => a.RaisedAt >= fromUtc && a.RaisedAt < toUtc).OrderBy(a => a.RaisedAt).ThenBy(a => a.Id)
                .Select(a => new { a.RaisedAt, a.Kind, a.Severity, a.Status, a.Message, a.AcknowledgedAt, a.AcknowledgedBy, a.ResolvedAt, a.ResolvedBy, a.Resolution }),
            a => Row(s.Local(a.RaisedAt), a.Kind, a.Severity.ToString(), a.Status.ToString(), a.Message,
                (a.AcknowledgedAt ?? a.ResolvedAt) is { } first ? Hours(first - a.RaisedAt) : null, a.AcknowledgedBy,
                a.ResolvedAt is { } done ? Hours(done - a.RaisedAt) : null, a.ResolvedBy, a.Resolution), ct);

        ReportColumn Count(string h) => new(h, CellKind.Integer, 12);
        return s.Build("Abnormal events report",
            [
                new("Alerts raised", total.Sum(EventDay.Raised), CellKind.Integer),
                new("Critical", total.Critical, CellKind.Integer),
                new("Still open", total.Sum(EventDay.Open), CellKind.Integer, "not acknowledged yet"),
                new("Not resolved", total.Sum(EventDay.Open) + total.Sum(EventDay.Acknowledged), CellKind.Integer),
                new("Average time to acknowledge", Average(total.Sum(EventDay.AckTenths), total.Sum(EventDay.AckCount)), CellKind.Hours, "hours"),
                new("Average time to resolve", Average(total.Sum(EventDay.ResolveTenths), total.Sum(EventDay.ResolveCount)), CellKind.Hours, "hours"),
            ],
            [
                new ReportTable("daily", "By day", [new("Day", CellKind.Date, 12), new("Raised", CellKind.Integer, 16), new("Critical", CellKind.Integer, 16)],
                    [.. days.Select(d => Row(d.Key, d.Value.Sum(EventDay.Raised), d.Value.Critical))]),
                new("kinds", "By kind",
                    [new("Kind", CellKind.Text, 26), Count("Raised"), Count("Open"), Count("Acknowledged"), Count("Resolved"),
                     new("Average hours to acknowledge", CellKind.Hours, 14), new("Average hours to resolve", CellKind.Hours, 14)],
                    [.. total.Kinds.OrderByDescending(k => k.Value[EventDay.Raised]).ThenBy(k => k.Key).Select(k => Row(k.Key,
                        k.Value[EventDay.Raised], k.Value[EventDay.Open], k.Value[EventDay.Acknowledged], k.Value[EventDay.Resolved],
                        Average(k.Value[EventDay.AckTenths], k.Value[EventDay.AckCount]), Average(k.Value[EventDay.ResolveTenths], k.Value[EventDay.ResolveCount])))]),
                alerts,
            ],
            [
                new("Alerts by day", ReportChartKind.Line, "daily", "Day", ["Raised", "Critical"]),
                new("Alerts by kind", ReportChartKind.Bar, "kinds", "Kind", ["Raised", "Resolved"]),
            ]);
    }
}
