using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Kyc.Edd;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Reports.Facts;
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
public sealed record ComplianceReport(ReportFilter Filter, ReportUse Use = ReportUse.Screen) : IReportQuery;

public sealed class ComplianceReportHandler(BackOfficeDb db, ReportScopes scopes, ReportFactsReader facts, ReportLists lists, IOptions<ReportsOptions> options)
    : IQueryHandler<ComplianceReport, Result<Report>>
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
        var today = s.Today;
        var soon = today.AddDays(ExpiringWithinDays);
        var (fromUtc, toUtc) = (s.FromUtc, s.ToUtc);
        var dueBefore = s.NowUtc.AddDays(-options.Value.EddDueDays);
        var open = EddStatus.Open.ToString();

        // "Now" expiry figures: kept per segment and expiry day as the documents change (DocumentExpiryCounts). Everything
        // else is read from the filter's own segment of the compliance rows (ComplianceEntries), in the order shown.
        var (all, expired, expiring) = await DocumentExpiryCounts.ReadAsync(db, s, today, soon, ct);

        IQueryable<ComplianceEntry> Of(BackOfficeDb d, ComplianceEntryKind kind) => ComplianceEntries.Of(d, s, kind);
        IQueryable<ComplianceEntry> InPeriod(ComplianceEntryKind kind) => Of(db, kind).Where(x => x.At >= fromUtc && x.At < toUtc);

        var highRiskCount = await Of(db, ComplianceEntryKind.HighRisk).CountAsync(ct);
        var becameHighCount = await InPeriod(ComplianceEntryKind.BecameHigh).Select(x => x.Key).Distinct().CountAsync(ct);

        // Due diligence shown: open now, or opened or signed off in the period.
        IQueryable<ComplianceEntry> Edd(BackOfficeDb d) => Of(d, ComplianceEntryKind.Edd)
            .Where(x => x.Outcome == open || (x.At >= fromUtc && x.At < toUtc) || (x.Until >= fromUtc && x.Until < toUtc));
        var edd = await Edd(db).GroupBy(_ => 1).Select(g => new
        {
            All = g.Count(),
            Open = g.Count(x => x.Outcome == open),
            Overdue = g.Count(x => x.Outcome == open && x.At < dueBefore),
            SignedOff = g.Count(x => x.Until >= fromUtc && x.Until < toUtc),
        }).FirstOrDefaultAsync(ct) ?? new { All = 0, Open = 0, Overdue = 0, SignedOff = 0 };

        // Hits, alerts and due diligence opened, by day: from the daily facts for the days built, from the filter's rows for the others.
        var days = await facts.DailyAsync<ComplianceDay>(s, (from, to, c) => ComplianceDay.DailyAsync(db, s, from, to, c), ct);
        var total = DayTotals.Sum(days.Values);
        var hits = total.Counts.Where(c => c.Key.Kind == ComplianceEntryKind.Hit)
            .Select(c => new { c.Key.Outcome, IsPep = c.Key.Code == ComplianceEntries.Pep, Count = c.Value }).ToList();
        var alerts = total.Counts.Where(c => c.Key.Kind == ComplianceEntryKind.Alert)
            .Select(c => new { RuleCode = c.Key.Code, Status = c.Key.Outcome, Count = c.Value }).ToList();

        // A list's rows are picked from the index alone, in its order (a high-risk row has no time: its index order is the
        // client number), and only the rows shown are then looked up.
        var highRisk = await lists.TableAsync(s, "high-risk", "High-risk clients, now",
            [new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Country", CellKind.Text, 8), new("Status", CellKind.Text, 16),
             new("Assessed", CellKind.DateTime, 18)],
            highRiskCount,
            d => from number in s.Shown(Of(d, ComplianceEntryKind.HighRisk).OrderBy(x => x.At).ThenBy(x => x.Key).Select(x => x.Key))
                 join c in d.Clients on number equals c.Number
                 join k in d.KycCases on c.Id equals k.ClientId
                 orderby c.Number
                 select new { c.Number, c.DisplayName, c.Country, c.Status, k.RiskAssessedAt },
            h => Row(h.Number, h.DisplayName, h.Country, h.Status.ToString(), h.RiskAssessedAt is { } at ? s.Local(at) : null), ct);
        highRisk = highRisk with { Empty = "No client is rated high risk now." };
        var eddRows = await lists.TableAsync(s, "edd", "Enhanced due diligence: open now, opened or signed off in the period",
            [new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Opened", CellKind.DateTime, 18), new("Status", CellKind.Text, 11),
             new("Overdue", CellKind.Text, 9), new("Signed off", CellKind.DateTime, 18), new("Signed off by", CellKind.Text, 16),
             new("Days to sign off", CellKind.Number, 12), new("Why", CellKind.Text, 40)],
            edd.All,
            d => from x in s.Shown(Edd(d).OrderBy(x => x.At).ThenBy(x => x.Key).Select(x => new { x.Key, x.At }))
                 join e in d.EddCases on x.Key equals e.Id
                 join c in d.Clients on e.ClientId equals c.Id
                 orderby x.At, x.Key
                 select new { c.Number, c.DisplayName, e.OpenedAt, e.Status, e.SignedOffAt, e.SignedOffBy, e.Reasons },
            e => Row(e.Number, e.DisplayName, s.Local(e.OpenedAt), e.Status == EddStatus.Open ? "Open" : "Signed off",
                e.Status == EddStatus.Open && e.OpenedAt < dueBefore ? "Yes" : "No", e.SignedOffAt is { } at ? s.Local(at) : null, e.SignedOffBy,
                e.SignedOffAt is { } done ? Math.Round((decimal)(done - e.OpenedAt).TotalDays, 1) : null, e.Reasons), ct);

        long Hits(ScreeningHitStatus status, bool isPep) => hits.Where(h => h.Outcome == status.ToString() && h.IsPep == isPep).Sum(h => h.Count);
        long Alerts(IEnumerable<(string RuleCode, string Status, long Count)> rule, string? status = null) => rule.Where(a => status is null || a.Status == status).Sum(a => a.Count);
        ReportColumn Count(string h) => new(h, CellKind.Integer, 12);
        return s.Build("Compliance report",
            [
                new("Document expiry ratio", Rate(expired, all), CellKind.Percent, "accepted documents with an expiry date that have expired, now"),
                new("Documents expiring within 60 days", expiring, CellKind.Integer, "now"),
                new("High-risk clients", (long)highRiskCount, CellKind.Integer, "now"),
                new("Became high risk", (long)becameHighCount, CellKind.Integer, "clients scored or set high in the period"),
                new("EDD open", (long)edd.Open, CellKind.Integer, "now"),
                new("EDD overdue", (long)edd.Overdue, CellKind.Integer, $"open for more than {options.Value.EddDueDays} days, now"),
                new("EDD signed off", (long)edd.SignedOff, CellKind.Integer, "in the period"),
                new("Screening hits", hits.Sum(h => h.Count), CellKind.Integer, "raised in the period"),
                new("AML alerts", alerts.Sum(a => a.Count), CellKind.Integer, "raised in the period"),
            ],
            [
                new("daily", "By day", [new("Day", CellKind.Date, 12), Count("Screening hits"), Count("AML alerts"), Count("EDD opened")],
                    [.. days.Select(d => Row(d.Key, d.Value.Of(ComplianceEntryKind.Hit), d.Value.Of(ComplianceEntryKind.Alert), d.Value.Of(ComplianceEntryKind.Edd)))]),
                new("documents", "Accepted documents by expiry, now",
                    [new("State", CellKind.Text, 24), Count("Documents"), new("Share", CellKind.Percent, 10)],
                    [Row("Valid beyond 60 days", all - expired - expiring, Rate(all - expired - expiring, all)),
                     Row("Expiring within 60 days", expiring, Rate(expiring, all)), Row("Expired", expired, Rate(expired, all))]),
                highRisk,
                eddRows,
                new("screening", "Screening hits raised in the period, by outcome",
                    [new("Outcome", CellKind.Text, 18), Count("Sanctions"), Count("PEP"), Count("Total")],
                    [.. Enum.GetValues<ScreeningHitStatus>().Select(st => Row(Outcome(st), Hits(st, false), Hits(st, true), Hits(st, false) + Hits(st, true)))]),
                new("aml", "AML alerts raised in the period, by rule and outcome",
                    [new("Rule", CellKind.Text, 30), Count("Raised"), Count("Open"), Count("Investigating"), Count("False positive"), Count("Escalated")],
                    [.. alerts.Select(a => (a.RuleCode, a.Status, a.Count)).GroupBy(a => a.RuleCode).OrderByDescending(g => Alerts(g)).ThenBy(g => g.Key)
                        .Select(g => Row(MonitoringEvents.RuleName(g.Key), Alerts(g), Alerts(g, nameof(AmlAlertStatus.Open)), Alerts(g, nameof(AmlAlertStatus.Investigating)),
                            Alerts(g, nameof(AmlAlertStatus.ClosedFalsePositive)), Alerts(g, nameof(AmlAlertStatus.Escalated))))]),
            ],
            [
                new("Screening hits, AML alerts and due diligence opened", ReportChartKind.Line, "daily", "Day", ["Screening hits", "AML alerts", "EDD opened"]),
                new("AML alerts by rule", ReportChartKind.Bar, "aml", "Rule", ["Raised", "Escalated"]),
            ]);
    }
}
