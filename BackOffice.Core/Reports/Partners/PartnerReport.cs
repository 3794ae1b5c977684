using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds;
using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Reports.Facts;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static BackOffice.Core.Reports.ReportMath;

namespace BackOffice.Core.Reports.Partners;

/// <summary>
/// Is the partner network earning what it should, and is anyone contesting it? Clients attributed to partners in the
/// period (and how), commission by partner, by level and by day (lines of runs not discarded, dated by their deal),
/// the hierarchy as it stands, and the disputes opened in the period with how they ended. The client filters (account
/// type, country, region group, account manager) select the attributed clients: attributions and commission count only
/// theirs, and only partners with such clients are listed; commission not earned on one client's deal (none yet) always
/// counts when no client filter is set. Staff means the client's account manager.
/// </summary>
[RequiresPermission(ReportsPermissions.Partners)]
public sealed record PartnerReport(ReportFilter Filter, ReportUse Use = ReportUse.Screen) : IReportQuery;

public sealed class PartnerReportHandler(BackOfficeDb db, ReportScopes scopes, ReportFactsReader facts, ReportLists lists, IOptions<FundsOptions> funds) : IQueryHandler<PartnerReport, Result<Report>>
{
    public async ValueTask<Result<Report>> Handle(PartnerReport query, CancellationToken ct)
    {
        var resolved = await scopes.ResolveAsync(ReportKind.Partners, query.Filter, query.Use, ct);
        if (resolved.Error is { } invalid) return invalid;
        var s = resolved.Value!;
        var filtered = s.AccountTypeId is not null || s.Countries is not null || s.StaffId is not null;
        decimal Usd(long minor, string currency) => Math.Round(funds.Value.UsdValue(new Money(minor, currency)), 2);
        static decimal Major(long minor, string currency) => new Money(minor, currency).Amount;

        // Attributions and commission by day: from the daily facts for the days built, from the data for the others.
        // Whole months from their own facts where kept: a year's total adds up twelve months, not every day's entries.
        var (days, period) = await facts.DailyAndTotalAsync<PartnerDay>(s, (from, to, c) => PartnerDay.DailyAsync(db, s, from, to, c), ct);
        var attributedBy = period.Attributed.Select(a => new { a.Key.Partner, a.Key.Source, Count = a.Value }).ToList();
        var attributedCount = attributedBy.Sum(a => a.Count);
        var attributedByPartner = attributedBy.GroupBy(a => a.Partner).ToDictionary(g => g.Key, g => g.Sum(a => a.Count));
        var byPartnerLevel = period.Earned.GroupBy(e => (e.Key.Partner, e.Key.Level, e.Key.Currency))
            .Select(g => new { PartnerId = g.Key.Partner, g.Key.Level, g.Key.Currency, Lines = g.Sum(e => e.Value.Lines), Lots = g.Sum(e => e.Value.LotUnits), Minor = g.Sum(e => e.Value.Minor) })
            .ToList();
        var posted = period.Earned.Where(e => e.Key.Posted).GroupBy(e => e.Key.Currency).Select(g => new { Currency = g.Key, Minor = g.Sum(e => e.Value.Minor) }).ToList();
        var byPartner = byPartnerLevel.ToLookup(l => l.PartnerId);
        // Each day's commission in USD: each plan currency's sum of the day converted once.
        var attributionDays = new List<(DateTime At, decimal Value)>(days.Count);
        var commissionDays = new List<(DateTime At, decimal Value)>(days.Count);
        foreach (var (day, totals) in days)
        {
            var summary = totals.Summary();
            attributionDays.Add((s.StartOf(day), summary.Attributed));
            commissionDays.Add((s.StartOf(day), summary.ByCurrency.Sum(c => Usd(c.Value, c.Key))));
        }

        var partners = await db.Partners.AsNoTracking().Select(p => new { p.Id, p.Code, p.Name, p.Status, p.ParentId, p.CreatedAt }).ToListAsync(ct);
        var byId = partners.ToDictionary(p => p.Id);
        var clientsNow = await PartnerClientCounts.ReadAsync(db, s, ct);
        int Depth(long id)
        {
            var depth = 1;
            for (var p = byId[id]; p.ParentId is { } parent && byId.ContainsKey(parent) && depth < 100; p = byId[parent]) depth++;
            return depth;
        }
        var children = partners.Where(p => p.ParentId is not null).GroupBy(p => p.ParentId!.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Id).ToList());
        int Subtree(long id) => children.TryGetValue(id, out var direct) ? direct.Sum(c => 1 + Subtree(c)) : 0;

        var disputes = await db.CommissionDisputes.AsNoTracking().Where(d => d.OpenedAt >= s.FromUtc && d.OpenedAt < s.ToUtc).OrderBy(d => d.OpenedAt).ToListAsync(ct);
        var earning = byPartnerLevel.Select(l => l.PartnerId).Concat(attributedByPartner.Keys).Concat(clientsNow.Keys).ToHashSet();
        if (filtered) disputes = [.. disputes.Where(d => earning.Contains(d.PartnerId))];

        var listed = partners.Where(p => !filtered || earning.Contains(p.Id)).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        var partnerRows = listed.Select(p =>
        {
            var mine = byPartner[p.Id];
            return Row(p.Code, p.Name, p.Status.ToString(), p.ParentId is { } parent && byId.TryGetValue(parent, out var up) ? up.Code : null, (long)Depth(p.Id),
                (long)(children.GetValueOrDefault(p.Id)?.Count ?? 0), (long)Subtree(p.Id), (long)clientsNow.GetValueOrDefault(p.Id),
                attributedByPartner.GetValueOrDefault(p.Id), mine.Where(l => l.Level == 1).Sum(l => l.Lots) / PartnerDay.LotUnits,
                mine.Where(l => l.Level == 1).Sum(l => Usd(l.Minor, l.Currency)), mine.Where(l => l.Level > 1).Sum(l => Usd(l.Minor, l.Currency)),
                mine.Sum(l => Usd(l.Minor, l.Currency)));
        }).ToList();
        var levelRows = byPartnerLevel.GroupBy(l => l.Level).OrderBy(g => g.Key)
            .Select(g => Row((long)g.Key, (long)g.Select(l => l.PartnerId).Distinct().Count(), (long)g.Sum(l => l.Lines), g.Sum(l => l.Lots) / PartnerDay.LotUnits,
                g.Sum(l => Usd(l.Minor, l.Currency)))).ToList();
        var currencyRows = byPartnerLevel.GroupBy(l => l.Currency).OrderBy(g => g.Key)
            .Select(g => Row(g.Key, (long)g.Sum(l => l.Lines), Major(g.Sum(l => l.Minor), g.Key), Major(posted.Where(p => p.Currency == g.Key).Sum(p => p.Minor), g.Key),
                g.Sum(l => Usd(l.Minor, l.Currency)))).ToList();
        var daily = s.Daily("daily", "By day (commission in USD equivalent)",
            ("Clients attributed", CellKind.Integer, attributionDays),
            ("Commission", CellKind.Number, commissionDays));

        var total = byPartnerLevel.Sum(l => Usd(l.Minor, l.Currency));
        var attributionList = await lists.TableAsync(s, "attributions", "Clients attributed in the period",
            [new("Attributed", CellKind.DateTime, 18), new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Country", CellKind.Text, 8),
             new("Partner", CellKind.Text, 14), new("How", CellKind.Text, 13), new("By", CellKind.Text, 14), new("Reason", CellKind.Text, 40)],
            attributedCount,
            // Without a client filter the period's attributions themselves, from their index by start.
            d => from k in ListEntries.Keys(d, s, ListEntryKind.Attribution, s.FromUtc, s.ToUtc,
                     PartnerEvents.Started(d, s.FromUtc, s.ToUtc, null).Select(a => new ListKey { At = a.From, Id = a.Id }))
                 join a in d.ClientAttributions on k.Id equals a.Id
                 join c in d.Clients on a.ClientId equals c.Id
                 join p in d.Partners on a.PartnerId equals p.Id
                 orderby k.At, k.Id
                 select new { a.From, a.Source, a.By, a.Reason, c.Number, c.DisplayName, c.Country, p.Code },
            a => Row(s.Local(a.From), a.Number, a.DisplayName, a.Country, a.Code, a.Source.ToString(), a.By, a.Reason), ct);
        ReportColumn Text(string h, double w = 16) => new(h, CellKind.Text, w);
        ReportColumn Count(string h) => new(h, CellKind.Integer, 12);
        ReportColumn Amount(string h) => new(h, CellKind.Number, 14);
        return s.Build("Partner report",
            [
                new("Clients attributed", attributedCount, CellKind.Integer, "attributions that started in the period"),
                new("Reassignments", attributedBy.Where(a => a.Source == AttributionSource.Reassignment).Sum(a => a.Count), CellKind.Integer),
                new("Partners earning", (long)byPartnerLevel.Where(l => l.Minor != 0).Select(l => l.PartnerId).Distinct().Count(), CellKind.Integer),
                new("Commission (USD)", total, CellKind.Number, "lines of runs computed or posted, by deal time"),
                new("Posted (USD)", posted.Sum(p => Usd(p.Minor, p.Currency)), CellKind.Number, "of which approved and posted to the ledger"),
                new("Disputes opened", (long)disputes.Count, CellKind.Integer),
                new("Disputes still open", (long)disputes.Count(d => d.Status == DisputeStatus.Open), CellKind.Integer, "of those opened in the period"),
                new("Adjustments (USD)", disputes.Where(d => d.AdjustmentMinor is not null).Sum(d => Usd(d.AdjustmentMinor!.Value, d.Currency)), CellKind.Number,
                    "settled on the period's disputes"),
            ],
            [
                daily,
                new("partners", "By partner, with the hierarchy (commission in USD equivalent)",
                    [Text("Partner", 14), Text("Name", 24), Text("Status", 11), Text("Parent", 14), Count("Depth"), Count("Direct sub-partners"),
                     Count("Sub-partners in all"), Count("Clients now"), Count("Clients attributed"), new("Lots (own clients)", CellKind.Number, 12),
                     Amount("Level 1"), Amount("Override levels"), Amount("Total")],
                    partnerRows),
                new("levels", "By level (commission in USD equivalent)",
                    [Count("Level"), Count("Partners"), Count("Lines"), new("Lots", CellKind.Number, 12), Amount("Commission")], levelRows),
                new("currencies", "By plan currency",
                    [Text("Currency", 9), Count("Lines"), Amount("Commission"), Amount("Posted"), Amount("Commission (USD)")], currencyRows),
                attributionList,
                new("disputes", "Disputes opened in the period",
                    [new("Dispute", CellKind.Integer, 9), Text("Partner", 14), new("Opened", CellKind.DateTime, 18), new("Period from", CellKind.Date, 12),
                     new("Period to", CellKind.Date, 12), Count("Lines"), Text("Reason", 40), Text("Status", 10), new("Hours to decide", CellKind.Hours, 12),
                     Text("Decided by", 14), Text("Resolution", 40), Amount("Adjustment"), Text("Currency", 9)],
                    [.. disputes.Select(d => Row(d.Id, byId.TryGetValue(d.PartnerId, out var p) ? p.Code : d.PartnerId.ToString(), s.Local(d.OpenedAt),
                        DateOnly.FromDateTime(d.PeriodFrom), DateOnly.FromDateTime(d.PeriodTo), (long)d.LineIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Length,
                        d.Reason, d.Status.ToString(), d.DecidedAt is { } at ? Hours(at - d.OpenedAt) : (decimal?)null, d.DecidedBy, d.Resolution,
                        d.AdjustmentMinor is { } adj ? Major(adj, d.Currency) : (decimal?)null, d.Currency))]),
            ],
            [
                new("Attributions and commission by day", ReportChartKind.Line, "daily", "Day", ["Clients attributed", "Commission"]),
                new("Commission by level", ReportChartKind.Bar, "levels", "Level", ["Commission"]),
            ]);
    }
}
