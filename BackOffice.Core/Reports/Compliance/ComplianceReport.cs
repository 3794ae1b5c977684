using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Edd;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Kyc.Screening;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static BackOffice.Core.Reports.ReportMath;

namespace BackOffice.Core.Reports.Compliance;

/// <summary>
/// Is risk concentrated, and is compliance keeping up? Documents expired or about to, high-risk clients, due diligence
/// open / overdue / signed off, screening hits and AML alerts with what was decided. Staff means the client's account manager.
/// </summary>
[RequiresPermission(ReportsPermissions.Compliance)]
public sealed record ComplianceReport(ReportFilter Filter, ReportUse Use = ReportUse.Screen) : IBackOfficeQuery<Result<Report>>;

public sealed class ComplianceReportHandler(BackOfficeDb db, ReportScopes scopes, IOptions<ReportsOptions> options) : IQueryHandler<ComplianceReport, Result<Report>>
{
    /// <summary>Documents expiring within this many days count as "expiring" (the first expiry reminder goes out 60 days ahead).</summary>
    private const int ExpiringWithinDays = 60;

    private static string Outcome(ScreeningHitStatus status) => status switch
    {
        ScreeningHitStatus.FalsePositive => "False positive",
        ScreeningHitStatus.TrueMatch => "True match",
        _ => status.ToString(),
    };

    public async ValueTask<Result<Report>> Handle(ComplianceReport query, CancellationToken ct)
    {
        var resolved = await scopes.ResolveAsync(ReportKind.Compliance, query.Filter, query.Use, ct);
        if (resolved.Error is { } invalid) return invalid;
        var s = resolved.Value!;
        var clientIds = s.Clients(db).Select(c => c.Id);
        var today = s.Today;

        var expiries = await db.KycDocuments.AsNoTracking().Where(d => d.Status == DocumentStatus.Accepted && d.ExpiresOn != null && clientIds.Contains(d.ClientId))
            .Select(d => d.ExpiresOn!.Value).ToListAsync(ct);
        var expired = expiries.Count(e => e < today);
        var expiring = expiries.Count(e => e >= today && e < today.AddDays(ExpiringWithinDays));

        var highRisk = await (from k in db.KycCases.AsNoTracking()
                              join c in db.Clients.AsNoTracking() on k.ClientId equals c.Id
                              where k.RiskLevel == RiskLevel.High && clientIds.Contains(k.ClientId)
                              orderby c.Number
                              select new { c.Number, c.DisplayName, c.Country, c.Status, k.RiskAssessedAt }).ToListAsync(ct);
        var becameHigh = await db.RiskRecords.AsNoTracking().Where(r => r.Level == RiskLevel.High && r.At >= s.FromUtc && r.At < s.ToUtc && clientIds.Contains(r.ClientId))
            .Select(r => r.ClientId).Distinct().CountAsync(ct);

        var dueBefore = s.NowUtc.AddDays(-options.Value.EddDueDays);
        var edd = await (from e in db.EddCases.AsNoTracking()
                         join c in db.Clients.AsNoTracking() on e.ClientId equals c.Id
                         where clientIds.Contains(e.ClientId)
                               && (e.Status == EddStatus.Open || (e.OpenedAt >= s.FromUtc && e.OpenedAt < s.ToUtc) || (e.SignedOffAt >= s.FromUtc && e.SignedOffAt < s.ToUtc))
                         orderby e.OpenedAt
                         select new { c.Number, c.DisplayName, e.OpenedAt, e.Status, e.SignedOffAt, e.SignedOffBy, e.Reasons }).ToListAsync(ct);
        var eddOpened = edd.Where(e => e.OpenedAt >= s.FromUtc && e.OpenedAt < s.ToUtc).ToList();
        var eddOpen = edd.Count(e => e.Status == EddStatus.Open);
        var eddOverdue = edd.Count(e => e.Status == EddStatus.Open && e.OpenedAt < dueBefore);
        var signedOff = edd.Where(e => e.SignedOffAt >= s.FromUtc && e.SignedOffAt < s.ToUtc).ToList();

        var hits = await db.ScreeningHits.AsNoTracking().Where(h => h.RaisedAt >= s.FromUtc && h.RaisedAt < s.ToUtc && clientIds.Contains(h.ClientId))
            .Select(h => new { h.RaisedAt, h.Status, h.EntryIsPep }).ToListAsync(ct);
        var alerts = await db.AmlAlerts.AsNoTracking().Where(a => a.RaisedAt >= s.FromUtc && a.RaisedAt < s.ToUtc && clientIds.Contains(a.ClientId))
            .Select(a => new { a.RaisedAt, a.RuleCode, a.Status }).ToListAsync(ct);

        long Hits(ScreeningHitStatus status, bool pep) => hits.Count(h => h.Status == status && h.EntryIsPep == pep);
        ReportColumn Count(string h) => new(h, CellKind.Integer, 12);
        return s.Build("Compliance report",
            [
                new("Document expiry ratio", Rate(expired, expiries.Count), CellKind.Percent, "accepted documents with an expiry date that have expired, now"),
                new("Documents expiring within 60 days", (long)expiring, CellKind.Integer, "now"),
                new("High-risk clients", (long)highRisk.Count, CellKind.Integer, "now"),
                new("Became high risk", (long)becameHigh, CellKind.Integer, "clients scored or set high in the period"),
                new("EDD open", (long)eddOpen, CellKind.Integer, "now"),
                new("EDD overdue", (long)eddOverdue, CellKind.Integer, $"open for more than {options.Value.EddDueDays} days, now"),
                new("EDD signed off", (long)signedOff.Count, CellKind.Integer, "in the period"),
                new("Screening hits", (long)hits.Count, CellKind.Integer, "raised in the period"),
                new("AML alerts", (long)alerts.Count, CellKind.Integer, "raised in the period"),
            ],
            [
                s.Daily("daily", "By day",
                    ("Screening hits", CellKind.Integer, hits.Select(h => (h.RaisedAt, 1m))),
                    ("AML alerts", CellKind.Integer, alerts.Select(a => (a.RaisedAt, 1m))),
                    ("EDD opened", CellKind.Integer, eddOpened.Select(e => (e.OpenedAt, 1m)))),
                new("documents", "Accepted documents by expiry, now",
                    [new("State", CellKind.Text, 24), Count("Documents"), new("Share", CellKind.Percent, 10)],
                    [Row("Valid beyond 60 days", (long)(expiries.Count - expired - expiring), Rate(expiries.Count - expired - expiring, expiries.Count)),
                     Row("Expiring within 60 days", (long)expiring, Rate(expiring, expiries.Count)), Row("Expired", (long)expired, Rate(expired, expiries.Count))]),
                new("high-risk", "High-risk clients, now",
                    [new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Country", CellKind.Text, 8), new("Status", CellKind.Text, 16),
                     new("Assessed", CellKind.DateTime, 18)],
                    [.. highRisk.Select(h => Row(h.Number, h.DisplayName, h.Country, h.Status.ToString(), h.RiskAssessedAt is { } at ? s.Local(at) : null))]),
                new("edd", "Enhanced due diligence: open now, opened or signed off in the period",
                    [new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Opened", CellKind.DateTime, 18), new("Status", CellKind.Text, 11),
                     new("Overdue", CellKind.Text, 9), new("Signed off", CellKind.DateTime, 18), new("Signed off by", CellKind.Text, 16),
                     new("Days to sign off", CellKind.Number, 12), new("Why", CellKind.Text, 40)],
                    [.. edd.Select(e => Row(e.Number, e.DisplayName, s.Local(e.OpenedAt), e.Status == EddStatus.Open ? "Open" : "Signed off",
                        e.Status == EddStatus.Open && e.OpenedAt < dueBefore ? "Yes" : "No", e.SignedOffAt is { } at ? s.Local(at) : null, e.SignedOffBy,
                        e.SignedOffAt is { } done ? Math.Round((decimal)(done - e.OpenedAt).TotalDays, 1) : null, e.Reasons))]),
                new("screening", "Screening hits raised in the period, by outcome",
                    [new("Outcome", CellKind.Text, 18), Count("Sanctions"), Count("PEP"), Count("Total")],
                    [.. Enum.GetValues<ScreeningHitStatus>().Select(st => Row(Outcome(st), Hits(st, false), Hits(st, true), Hits(st, false) + Hits(st, true)))]),
                new("aml", "AML alerts raised in the period, by rule and outcome",
                    [new("Rule", CellKind.Text, 30), Count("Raised"), Count("Open"), Count("Investigating"), Count("False positive"), Count("Escalated")],
                    [.. alerts.GroupBy(a => a.RuleCode).OrderByDescending(g => g.Count()).Select(g => Row(MonitoringEvents.RuleName(g.Key), (long)g.Count(),
                        (long)g.Count(a => a.Status == AmlAlertStatus.Open), (long)g.Count(a => a.Status == AmlAlertStatus.Investigating),
                        (long)g.Count(a => a.Status == AmlAlertStatus.ClosedFalsePositive), (long)g.Count(a => a.Status == AmlAlertStatus.Escalated)))]),
            ],
            [
                new("Screening hits, AML alerts and due diligence opened", ReportChartKind.Line, "daily", "Day", ["Screening hits", "AML alerts", "EDD opened"]),
                new("AML alerts by rule", ReportChartKind.Bar, "aml", "Rule", ["Raised", "Escalated"]),
            ]);
    }
}
