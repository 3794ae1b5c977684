using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Reports.Facts;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static BackOffice.Core.Reports.ReportMath;

namespace BackOffice.Core.Reports.Payments;

/// <summary>
/// Are the payment channels stable, and is money moving? Deposit success by channel and why deposits failed, how long
/// withdrawals take to be paid by approval level and method, failures, refunds and net deposits per currency.
/// Staff means the client's account manager; the account type is the type of the account paid into or out of.
/// </summary>
[RequiresPermission(ReportsPermissions.Payments)]
public sealed record PaymentReport(ReportFilter Filter, ReportUse Use = ReportUse.Screen) : IReportQuery;

public sealed class PaymentReportHandler(BackOfficeDb db, ReportScopes scopes, ReportFactsReader facts, ReportLists lists, IOptions<FundsOptions> funds)
    : IQueryHandler<PaymentReport, Result<Report>>
{
    private sealed record Failure(DateTime At, string Kind, string Reference, long Number, string Client, int ChannelId, string Currency, long Minor, string? Code,
        string? Message);

    private sealed record Refund(string Reference, long Number, string Client, int ChannelId, string Currency, long Minor, DateTime At, string? Note);

    public async ValueTask<Result<Report>> Handle(PaymentReport query, CancellationToken ct)
    {
        var resolved = await scopes.ResolveAsync(ReportKind.Payments, query.Filter, query.Use, ct);
        if (resolved.Error is { } invalid) return invalid;
        var s = resolved.Value!;
        // Whole months from their own facts where kept: the chart reads each day's money, the total a year's twelve months.
        var (days, total) = await facts.DailyAndTotalAsync<PaymentDay>(s, (from, to, c) => PaymentEvents.DailyAsync(db, s, from, to, c), ct);
        var channels = await db.PaymentChannels.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        decimal Usd(long minor, string currency) => Math.Round(funds.Value.UsdValue(new Money(minor, currency)), 2);
        static decimal Major(long minor, string currency) => new Money(minor, currency).Amount;
        decimal UsdOf(PaymentDay day, int index) => day.Money.Sum(m => Usd(m.Value[index], m.Key));

        // Success is judged on finished attempts: a deposit still awaiting payment has neither succeeded nor failed.
        var byChannel = total.Channels.Select(c => (Name: channels[c.Key], Values: c.Value)).GroupBy(c => c.Name).OrderBy(g => g.Key).Select(g =>
        {
            var v = new long[5];
            foreach (var (_, values) in g)
                for (var i = 0; i < v.Length; i++) v[i] += values[i];
            return Row(g.Key, v[0], v[1], v[2], v[3], v[4], Rate(v[1], v[1] + v[2] + v[3]));
        }).ToList();
        var started = total.Channels.Values.Sum(v => v[0]);
        var finishedOk = total.Channels.Values.Sum(v => v[1]);
        var finishedAll = finishedOk + total.Channels.Values.Sum(v => v[2] + v[3]);
        var failedDeposits = total.Channels.Values.Sum(v => v[2]);
        var failureCodes = total.Failures.GroupBy(f => (Channel: channels[f.Key.Channel], f.Key.Code)).Select(g =>
            {
                var merged = new PaymentDay.FailureCount();
                foreach (var f in g) merged.Add(f.Value.Count, f.Value.Latest, f.Value.Message);
                return (g.Key, merged);
            })
            .OrderByDescending(f => f.merged.Count).ThenBy(f => f.Key.Channel).ThenBy(f => f.Key.Code)
            .Select(f => Row(f.Key.Channel, f.Key.Code, f.merged.Count, f.merged.Message)).ToList();
        object?[] Processing(string name, IEnumerable<long[]> payouts)
        {
            var list = payouts.ToList();
            var count = list.Sum(p => p[0]);
            return Row(name, count, Math.Round(list.Sum(p => p[1]) / 10m / count, 1), list.Max(p => p[2]) / 10m);
        }
        var byLevel = total.Payouts.GroupBy(p => p.Key.Level).OrderBy(g => g.Key)
            .Select(g => Processing(g.Key == (int)ApprovalLevel.Automatic ? "Automatic" : ((ApprovalLevel)g.Key).ToString(), g.Select(p => p.Value))).ToList();
        var byMethod = total.Payouts.GroupBy(p => channels[p.Key.Channel]).OrderBy(g => g.Key).Select(g => Processing(g.Key, g.Select(p => p.Value))).ToList();
        var paidCount = total.Payouts.Values.Sum(p => p[0]);

        var net = total.Money.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m =>
        {
            var (currency, v) = (m.Key, m.Value);
            var netMinor = v[0] - v[1] - v[2];
            return (Usd: Usd(netMinor, currency), Row: Row(currency, Major(v[0], currency), Major(v[1], currency), Major(v[2], currency),
                Major(netMinor, currency), Usd(netMinor, currency)));
        }).ToList();

        var daily = new ReportTable("daily", "By day (USD equivalent)",
            [new("Day", CellKind.Date, 12), new("Deposits credited", CellKind.Number, 16), new("Withdrawals paid", CellKind.Number, 16), new("Net", CellKind.Number, 16)],
            [.. days.Select(d => Row(d.Key, UsdOf(d.Value, 0), UsdOf(d.Value, 1), UsdOf(d.Value, 0) - UsdOf(d.Value, 1) - UsdOf(d.Value, 2)))]);

        var (fromUtc, toUtc) = (s.FromUtc, s.ToUtc);
        // Without a client filter each list walks the period's payments, from their index by status and time.
        IQueryable<ListKey> Keys(BackOfficeDb d, ListEntryKind kind, IQueryable<ListKey> unfiltered) => ListEntries.Keys(d, s, kind, fromUtc, toUtc, unfiltered);
        IQueryable<Failure> FailedDeposits(BackOfficeDb d) =>
            from k in Keys(d, ListEntryKind.FailedDeposit, d.Deposits.Where(x => x.Status == DepositStatus.Failed && x.CreatedAt >= fromUtc && x.CreatedAt < toUtc)
                .Select(x => new ListKey { At = x.CreatedAt, Id = x.Id }))
            join x in d.Deposits on k.Id equals x.Id
            join c in d.Clients on x.ClientId equals c.Id
            orderby k.At, k.Id
            select new Failure(x.CreatedAt, "Deposit", x.Reference, c.Number, c.DisplayName, x.ChannelId, x.Currency, x.AmountMinor, x.FailureCode, x.FailureMessage);
        IQueryable<Failure> FailedWithdrawals(BackOfficeDb d) =>
            from k in Keys(d, ListEntryKind.FailedWithdrawal, d.Withdrawals.Where(x => x.Status == WithdrawalStatus.Failed && x.CreatedAt >= fromUtc && x.CreatedAt < toUtc)
                .Select(x => new ListKey { At = x.CreatedAt, Id = x.Id }))
            join x in d.Withdrawals on k.Id equals x.Id
            join c in d.Clients on x.ClientId equals c.Id
            orderby k.At, k.Id
            select new Failure(x.CreatedAt, "Withdrawal", x.Reference, c.Number, c.DisplayName, x.ChannelId, x.Currency, x.AmountMinor, "payout_failed", x.Reason);
        IQueryable<Refund> Refunds(BackOfficeDb d) =>
            from k in Keys(d, ListEntryKind.Refund, d.Deposits.Where(x => x.Status == DepositStatus.Refunded && x.DecidedAt >= fromUtc && x.DecidedAt < toUtc)
                .Select(x => new ListKey { At = x.DecidedAt!.Value, Id = x.Id }))
            join x in d.Deposits on k.Id equals x.Id
            join c in d.Clients on x.ClientId equals c.Id
            orderby k.At, k.Id
            select new Refund(x.Reference, c.Number, c.DisplayName, x.ChannelId, x.Currency, x.PaidMinor ?? x.AmountMinor, k.At, x.ReviewNote);
        var failures = await lists.MergedAsync(s, "failed", "Failed payments",
            [Text("Kind", 11), Text("Reference", 12), new("Client No.", CellKind.Integer, 11), Text("Client", 26), Text("Channel", 16), Text("Currency", 9),
             new("Amount", CellKind.Number, 14), Text("Code", 18), Text("Message", 40), new("Started", CellKind.DateTime, 18)],
            failedDeposits + total.FailedWithdrawals, FailedDeposits, FailedWithdrawals,
            f => f.At,
            f => Row(f.Kind, f.Reference, f.Number, f.Client, channels[f.ChannelId], f.Currency, Major(f.Minor, f.Currency), f.Code, f.Message, s.Local(f.At)), ct);
        var refunds = await lists.TableAsync(s, "refunds", "Refunds",
            [Text("Reference", 12), new("Client No.", CellKind.Integer, 11), Text("Client", 26), Text("Channel", 16), Text("Currency", 9),
             new("Amount", CellKind.Number, 14), new("Refunded", CellKind.DateTime, 18), Text("Note", 50)],
            total.Refunds, Refunds,
            r => Row(r.Reference, r.Number, r.Client, channels[r.ChannelId], r.Currency, Major(r.Minor, r.Currency), s.Local(r.At), r.Note), ct);

        return s.Build("Payment report",
            [
                new("Deposits started", started, CellKind.Integer),
                new("Deposit success rate", Rate(finishedOk, finishedAll), CellKind.Percent, "credited ÷ (credited + failed + rejected), of the period's deposits"),
                new("Failed payments", failedDeposits + total.FailedWithdrawals, CellKind.Integer, "deposits and payouts"),
                new("Refunds", total.Refunds, CellKind.Integer),
                new("Net deposits (USD)", net.Sum(n => n.Usd), CellKind.Number, "credited − paid out − refunded, at the configured rates"),
                new("Average withdrawal processing", paidCount == 0 ? null : Math.Round(total.Payouts.Values.Sum(p => p[1]) / 10m / paidCount, 1), CellKind.Hours,
                    "hours from request to payment"),
            ],
            [
                daily,
                new("channels", "Deposit success by channel",
                    [Text("Channel", 18), Count("Started"), Count("Credited"), Count("Failed"), Count("Rejected"), Count("Still open"), new("Success rate", CellKind.Percent, 12)],
                    byChannel),
                new("failure-codes", "Failed deposits by failure code",
                    [Text("Channel", 18), Text("Failure code", 20), Count("Deposits"), Text("Last message", 40)], failureCodes),
                new("withdrawals-by-level", "Withdrawal processing by approval level",
                    [Text("Approval level", 14), Count("Paid"), new("Average hours", CellKind.Hours), new("Longest hours", CellKind.Hours)], byLevel),
                new("withdrawals-by-method", "Withdrawal processing by method",
                    [Text("Method", 18), Count("Paid"), new("Average hours", CellKind.Hours), new("Longest hours", CellKind.Hours)], byMethod),
                failures,
                refunds,
                new("net", "Net deposits by currency",
                    [Text("Currency", 9), new("Deposits", CellKind.Number, 14), new("Withdrawals", CellKind.Number, 14), new("Refunds", CellKind.Number, 14),
                     new("Net", CellKind.Number, 14), new("Net (USD)", CellKind.Number, 14)], [.. net.Select(n => n.Row)]),
            ],
            [
                new("Money in and out by day (USD)", ReportChartKind.Line, "daily", "Day", ["Deposits credited", "Withdrawals paid", "Net"]),
                new("Deposits by channel", ReportChartKind.Bar, "channels", "Channel", ["Credited", "Failed", "Rejected"]),
            ]);
    }

    private static ReportColumn Text(string header, double width = 16) => new(header, CellKind.Text, width);

    private static ReportColumn Count(string header) => new(header, CellKind.Integer, 12);
}
