using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
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
public sealed record PaymentReport(ReportFilter Filter, bool ForExport = false) : IBackOfficeQuery<Result<Report>>;

public sealed class PaymentReportHandler(BackOfficeDb db, ReportScopes scopes, IOptions<FundsOptions> funds) : IQueryHandler<PaymentReport, Result<Report>>
{
    public async ValueTask<Result<Report>> Handle(PaymentReport query, CancellationToken ct)
    {
        var resolved = await scopes.ResolveAsync(ReportKind.Payments, query.Filter, query.ForExport, ct);
        if (resolved.Error is { } invalid) return invalid;
        var s = resolved.Value!;
        var clientIds = s.Clients(db, byAccountType: false).Select(c => c.Id);
        var typed = s.AccountTypeId is { } type
            ? db.TradingAccounts.Where(a => a.AccountTypeId == type).Select(a => a.Id)
            : null;
        var deposits = db.Deposits.AsNoTracking().Where(d => clientIds.Contains(d.ClientId));
        var withdrawals = db.Withdrawals.AsNoTracking().Where(w => clientIds.Contains(w.ClientId));
        if (typed is not null)
        {
            deposits = deposits.Where(d => typed.Contains(d.TradingAccountId));
            withdrawals = withdrawals.Where(w => w.TradingAccountId != null && typed.Contains(w.TradingAccountId.Value));
        }
        var channels = await db.PaymentChannels.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        var started = await deposits.Where(d => d.CreatedAt >= s.FromUtc && d.CreatedAt < s.ToUtc)
            .Select(d => new { d.Reference, d.ClientId, d.ChannelId, d.Status, d.CreditedAt, d.FailureCode, d.FailureMessage, d.AmountMinor, d.Currency, d.CreatedAt })
            .ToListAsync(ct);
        var credited = await deposits.Where(d => d.CreditedAt >= s.FromUtc && d.CreditedAt < s.ToUtc)
            .Select(d => new { d.PaidMinor, d.AmountMinor, d.Currency, CreditedAt = d.CreditedAt!.Value }).ToListAsync(ct);
        var refunds = await deposits.Where(d => d.Status == DepositStatus.Refunded && d.DecidedAt >= s.FromUtc && d.DecidedAt < s.ToUtc)
            .OrderBy(d => d.DecidedAt)
            .Select(d => new { d.Reference, d.ClientId, d.ChannelId, d.PaidMinor, d.AmountMinor, d.Currency, DecidedAt = d.DecidedAt!.Value, d.ReviewNote })
            .ToListAsync(ct);
        var paid = await withdrawals.Where(w => w.Status == WithdrawalStatus.Paid && w.PaidAt >= s.FromUtc && w.PaidAt < s.ToUtc)
            .Select(w => new { w.ChannelId, w.RequiredLevel, w.AmountMinor, w.Currency, w.CreatedAt, PaidAt = w.PaidAt!.Value }).ToListAsync(ct);
        var failedWithdrawals = await withdrawals.Where(w => w.Status == WithdrawalStatus.Failed && w.CreatedAt >= s.FromUtc && w.CreatedAt < s.ToUtc)
            .Select(w => new { w.Reference, w.ClientId, w.ChannelId, w.AmountMinor, w.Currency, w.Reason, w.CreatedAt }).ToListAsync(ct);
        var named = started.Where(d => d.Status == DepositStatus.Failed).Select(d => d.ClientId)
            .Concat(refunds.Select(r => r.ClientId)).Concat(failedWithdrawals.Select(w => w.ClientId)).Distinct().ToList();
        var clients = await db.Clients.AsNoTracking().Where(c => named.Contains(c.Id)).Select(c => new { c.Id, c.Number, c.DisplayName })
            .ToDictionaryAsync(c => c.Id, ct);

        decimal Usd(long minor, string currency) => Math.Round(funds.Value.UsdValue(new Money(minor, currency)), 2);
        static decimal Major(long minor, string currency) => new Money(minor, currency).Amount;
        (long, string) Client(long id) => clients.TryGetValue(id, out var c) ? (c.Number, c.DisplayName) : (0, "");

        // Success is judged on finished attempts: a deposit still awaiting payment has neither succeeded nor failed.
        var byChannel = started.GroupBy(d => channels[d.ChannelId]).OrderBy(g => g.Key).Select(g =>
        {
            var ok = g.Count(d => d.CreditedAt != null);
            var failed = g.Count(d => d.Status == DepositStatus.Failed);
            var rejected = g.Count(d => d.Status == DepositStatus.Rejected);
            return Row(g.Key, (long)g.Count(), (long)ok, (long)failed, (long)rejected, (long)g.Count(d => d.Status is DepositStatus.AwaitingPayment
                or DepositStatus.AwaitingConfirmation or DepositStatus.ManualReview), Rate(ok, ok + failed + rejected));
        }).ToList();
        var finishedOk = started.Count(d => d.CreditedAt != null);
        var finishedAll = finishedOk + started.Count(d => d.Status is DepositStatus.Failed or DepositStatus.Rejected);
        var failureCodes = started.Where(d => d.Status == DepositStatus.Failed)
            .GroupBy(d => (Channel: channels[d.ChannelId], Code: d.FailureCode ?? "(no code given)")).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Channel)
            .Select(g => Row(g.Key.Channel, g.Key.Code, (long)g.Count(), g.Last().FailureMessage)).ToList();
        var processing = paid.Select(w => (w.RequiredLevel, Method: channels[w.ChannelId], Hours: Hours(w.PaidAt - w.CreatedAt))).ToList();
        var byLevel = processing.GroupBy(p => p.RequiredLevel).OrderBy(g => g.Key)
            .Select(g => Row(g.Key == ApprovalLevel.Automatic ? "Automatic" : g.Key.ToString(), (long)g.Count(), Average([.. g.Select(p => p.Hours)]), g.Max(p => p.Hours))).ToList();
        var byMethod = processing.GroupBy(p => p.Method).OrderBy(g => g.Key)
            .Select(g => Row(g.Key, (long)g.Count(), Average([.. g.Select(p => p.Hours)]), g.Max(p => p.Hours))).ToList();
        var failures = started.Where(d => d.Status == DepositStatus.Failed)
            .Select(d => (At: d.CreatedAt, Row: Row("Deposit", d.Reference, Client(d.ClientId).Item1, Client(d.ClientId).Item2, channels[d.ChannelId], d.Currency,
                Major(d.AmountMinor, d.Currency), d.FailureCode, d.FailureMessage, s.Local(d.CreatedAt))))
            .Concat(failedWithdrawals.Select(w => (At: w.CreatedAt, Row: Row("Withdrawal", w.Reference, Client(w.ClientId).Item1, Client(w.ClientId).Item2,
                channels[w.ChannelId], w.Currency, Major(w.AmountMinor, w.Currency), "payout_failed", w.Reason, s.Local(w.CreatedAt)))))
            .OrderBy(f => f.At).Select(f => f.Row).ToList();

        var currencies = credited.Select(d => d.Currency).Concat(paid.Select(w => w.Currency)).Concat(refunds.Select(r => r.Currency)).Distinct().Order().ToList();
        var net = currencies.Select(currency =>
        {
            var inMinor = credited.Where(d => d.Currency == currency).Sum(d => d.PaidMinor ?? d.AmountMinor);
            var outMinor = paid.Where(w => w.Currency == currency).Sum(w => w.AmountMinor);
            var refundMinor = refunds.Where(r => r.Currency == currency).Sum(r => r.PaidMinor ?? r.AmountMinor);
            var netMinor = inMinor - outMinor - refundMinor;
            return (Usd: Usd(netMinor, currency), Row: Row(currency, Major(inMinor, currency), Major(outMinor, currency), Major(refundMinor, currency),
                Major(netMinor, currency), Usd(netMinor, currency)));
        }).ToList();

        var daily = s.Daily("daily", "By day (USD equivalent)",
            ("Deposits credited", CellKind.Number, credited.Select(d => (d.CreditedAt, Usd(d.PaidMinor ?? d.AmountMinor, d.Currency)))),
            ("Withdrawals paid", CellKind.Number, paid.Select(w => (w.PaidAt, Usd(w.AmountMinor, w.Currency)))),
            ("Net", CellKind.Number, credited.Select(d => (d.CreditedAt, Usd(d.PaidMinor ?? d.AmountMinor, d.Currency)))
                .Concat(paid.Select(w => (w.PaidAt, -Usd(w.AmountMinor, w.Currency))))
                .Concat(refunds.Select(r => (r.DecidedAt, -Usd(r.PaidMinor ?? r.AmountMinor, r.Currency))))));

        ReportColumn Text(string h, double w = 16) => new(h, CellKind.Text, w);
        ReportColumn Count(string h) => new(h, CellKind.Integer, 12);
        return s.Build("Payment report",
            [
                new("Deposits started", (long)started.Count, CellKind.Integer),
                new("Deposit success rate", Rate(finishedOk, finishedAll), CellKind.Percent, "credited ÷ (credited + failed + rejected), of the period's deposits"),
                new("Failed payments", (long)failures.Count, CellKind.Integer, "deposits and payouts"),
                new("Refunds", (long)refunds.Count, CellKind.Integer),
                new("Net deposits (USD)", net.Sum(n => n.Usd), CellKind.Number, "credited − paid out − refunded, at the configured rates"),
                new("Average withdrawal processing", Average([.. processing.Select(p => p.Hours)]), CellKind.Hours, "hours from request to payment"),
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
                new("failed", "Failed payments",
                    [Text("Kind", 11), Text("Reference", 12), new("Client No.", CellKind.Integer, 11), Text("Client", 26), Text("Channel", 16), Text("Currency", 9),
                     new("Amount", CellKind.Number, 14), Text("Code", 18), Text("Message", 40), new("Started", CellKind.DateTime, 18)], failures),
                new("refunds", "Refunds",
                    [Text("Reference", 12), new("Client No.", CellKind.Integer, 11), Text("Client", 26), Text("Channel", 16), Text("Currency", 9),
                     new("Amount", CellKind.Number, 14), new("Refunded", CellKind.DateTime, 18), Text("Note", 50)],
                    [.. refunds.Select(r => Row(r.Reference, Client(r.ClientId).Item1, Client(r.ClientId).Item2, channels[r.ChannelId], r.Currency,
                        Major(r.PaidMinor ?? r.AmountMinor, r.Currency), s.Local(r.DecidedAt), r.ReviewNote))]),
                new("net", "Net deposits by currency",
                    [Text("Currency", 9), new("Deposits", CellKind.Number, 14), new("Withdrawals", CellKind.Number, 14), new("Refunds", CellKind.Number, 14),
                     new("Net", CellKind.Number, 14), new("Net (USD)", CellKind.Number, 14)], [.. net.Select(n => n.Row)]),
            ],
            [
                new("Money in and out by day (USD)", ReportChartKind.Line, "daily", "Day", ["Deposits credited", "Withdrawals paid", "Net"]),
                new("Deposits by channel", ReportChartKind.Bar, "channels", "Channel", ["Credited", "Failed", "Rejected"]),
            ]);
    }
}
