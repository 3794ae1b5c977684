using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Funds.Reconciliation;

public enum BreakView
{
    Open,
    Resolved,
    All,
}

public sealed record StatementImportRow(long Id, string Channel, string FileName, string LayoutKind, DateOnly PeriodFrom, DateOnly PeriodTo, int Lines,
    int Skipped, int Matched, int Mismatched, int TheirsOnly, int OursOnly, int OpenBreaks, string ImportedBy, DateTime ImportedAt);

public sealed record BreakRow(long Id, long ImportId, string FileName, string Channel, BreakKind Kind, BreakStatus Status, DateOnly Date,
    string? OurReference, Money? Ours, Money? Theirs, Money Difference, int? LineNumber, string? ProviderId, string? LineReference, string? Payer,
    string Detail, string? Resolution, string? ResolvedBy, DateTime? ResolvedAt, long? LedgerTransactionId, long? DepositId, long? WithdrawalId);

public sealed record LinkCandidate(string Reference, string What, Money Amount, DateOnly Date, string Status);

[RequiresPermission(FundsPermissions.View)]
public sealed record StatementImports(string? Channel = null, int Skip = 0, int Take = 20) : IBackOfficeQuery<Page<StatementImportRow>>;

[RequiresPermission(FundsPermissions.View)]
public sealed record ReconciliationQueue(BreakView View = BreakView.Open, string? Channel = null, BreakKind? Kind = null, long? ImportId = null,
    string? Search = null, int Skip = 0, int Take = 50) : IBackOfficeQuery<Page<BreakRow>>;

/// <summary>Our movements a statement-only line could belong to: same channel, direction and currency, not yet matched, nearest first.</summary>
[RequiresPermission(FundsPermissions.View)]
public sealed record LinkCandidates(long BreakId) : IBackOfficeQuery<IReadOnlyList<LinkCandidate>>;

/// <summary>The layout the channel's last statement was read with, to start a new mapped import from; null when there is none.</summary>
[RequiresPermission(FundsPermissions.View)]
public sealed record LastStatementLayout(string Channel) : IBackOfficeQuery<StatementLayout?>;

public sealed class ReconciliationQueryHandlers(BackOfficeDb db) :
    IQueryHandler<StatementImports, Page<StatementImportRow>>, IQueryHandler<ReconciliationQueue, Page<BreakRow>>,
    IQueryHandler<LinkCandidates, IReadOnlyList<LinkCandidate>>, IQueryHandler<LastStatementLayout, StatementLayout?>
{
    public async ValueTask<Page<StatementImportRow>> Handle(StatementImports query, CancellationToken ct)
    {
        var imports = from i in db.StatementImports.AsNoTracking()
                      join c in db.PaymentChannels.AsNoTracking() on i.ChannelId equals c.Id
                      where query.Channel == null || c.Code == query.Channel
                      select new { i, c.Name };
        var total = await imports.CountAsync(ct);
        var rows = await imports.OrderByDescending(x => x.i.Id).Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 200))
            .Select(x => new StatementImportRow(x.i.Id, x.Name, x.i.FileName, x.i.LayoutKind, x.i.PeriodFrom, x.i.PeriodTo, x.i.Lines, x.i.Skipped,
                x.i.Matched, x.i.Mismatched, x.i.TheirsOnly, x.i.OursOnly,
                db.ReconciliationBreaks.Count(b => b.ImportId == x.i.Id && b.Status == BreakStatus.Open), x.i.ImportedBy, x.i.ImportedAt))
            .ToListAsync(ct);
        return new Page<StatementImportRow>(rows, total);
    }

    public async ValueTask<Page<BreakRow>> Handle(ReconciliationQueue query, CancellationToken ct)
    {
        var breaks = from b in db.ReconciliationBreaks.AsNoTracking()
                     join c in db.PaymentChannels.AsNoTracking() on b.ChannelId equals c.Id
                     join i in db.StatementImports.AsNoTracking() on b.ImportId equals i.Id
                     join l in db.StatementLines.AsNoTracking() on b.StatementLineId equals l.Id into lines
                     from l in lines.DefaultIfEmpty()
                     select new { b, c.Code, c.Name, i.FileName, l };
        breaks = query.View switch
        {
            BreakView.Open => breaks.Where(x => x.b.Status == BreakStatus.Open),
            BreakView.Resolved => breaks.Where(x => x.b.Status != BreakStatus.Open),
            _ => breaks,
        };
        if (query.Channel is { Length: > 0 } channel) breaks = breaks.Where(x => x.Code == channel);
        if (query.Kind is { } kind) breaks = breaks.Where(x => x.b.Kind == kind);
        if (query.ImportId is { } import) breaks = breaks.Where(x => x.b.ImportId == import);
        if (query.Search?.Trim() is { Length: > 0 } search)
        {
            var upper = search.ToUpperInvariant();
            breaks = breaks.Where(x => (x.b.OurReference != null && x.b.OurReference == upper)
                                       || (x.l != null && ((x.l.ProviderId != null && x.l.ProviderId.Contains(search))
                                                           || (x.l.Reference != null && x.l.Reference.Contains(search))
                                                           || (x.l.Payer != null && x.l.Payer.Contains(search)))));
        }
        var total = await breaks.CountAsync(ct);
        var ordered = query.View == BreakView.Open ? breaks.OrderBy(x => x.b.Date).ThenBy(x => x.b.Id) : breaks.OrderByDescending(x => x.b.Id);
        var rows = await ordered.Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 500))
            .Select(x => new
            {
                x.b, x.Name, x.FileName, LineNumber = x.l == null ? (int?)null : x.l.LineNumber, ProviderId = x.l == null ? null : x.l.ProviderId,
                Reference = x.l == null ? null : x.l.Reference, Payer = x.l == null ? null : x.l.Payer,
            })
            .ToListAsync(ct);
        return new Page<BreakRow>(rows.Select(x => new BreakRow(x.b.Id, x.b.ImportId, x.FileName, x.Name, x.b.Kind, x.b.Status, x.b.Date, x.b.OurReference,
            x.b.OursMinor is { } o ? new Money(o, x.b.Currency) : null, x.b.TheirsMinor is { } t ? new Money(t, x.b.Currency) : null,
            new Money(x.b.DifferenceMinor, x.b.Currency), x.LineNumber, x.ProviderId, x.Reference, x.Payer, x.b.Detail, x.b.Resolution, x.b.ResolvedBy,
            x.b.ResolvedAt, x.b.LedgerTransactionId, x.b.DepositId, x.b.WithdrawalId)).ToList(), total);
    }

    public async ValueTask<IReadOnlyList<LinkCandidate>> Handle(LinkCandidates query, CancellationToken ct)
    {
        var item = await db.ReconciliationBreaks.AsNoTracking().FirstOrDefaultAsync(b => b.Id == query.BreakId, ct);
        if (item?.TheirsMinor is not { } theirs || item.Kind != BreakKind.TheirsOnly) return [];
        var start = item.Date.AddDays(-14).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = item.Date.AddDays(15).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var found = new List<LinkCandidate>();
        if (theirs > 0)
        {
            var deposits = await db.Deposits.AsNoTracking()
                .Where(d => d.ChannelId == item.ChannelId && d.Currency == item.Currency)
                .Where(d => (d.PaidAt >= start && d.PaidAt < end && d.PaidMinor != null && !db.StatementLines.Any(l => l.DepositId == d.Id && l.AmountMinor > 0))
                            || (d.Status == DepositStatus.AwaitingPayment && d.CreatedAt >= start.AddDays(-30) && d.CreatedAt < end))
                .OrderBy(d => d.Id).Take(500)
                .Select(d => new { d.Reference, d.Status, d.AmountMinor, d.PaidMinor, At = d.PaidAt ?? d.CreatedAt })
                .ToListAsync(ct);
            found.AddRange(deposits.Select(d => new LinkCandidate(d.Reference, d.Status == DepositStatus.AwaitingPayment ? "Wire awaiting payment" : "Deposit",
                new Money(d.PaidMinor ?? d.AmountMinor, item.Currency), DateOnly.FromDateTime(d.At), d.Status.Describe())));
        }
        else
        {
            var payouts = await db.Withdrawals.AsNoTracking()
                .Where(w => w.ChannelId == item.ChannelId && w.Currency == item.Currency && w.Status == WithdrawalStatus.Paid)
                .Where(w => w.PaidAt >= start && w.PaidAt < end && !db.StatementLines.Any(l => l.WithdrawalId == w.Id))
                .OrderBy(w => w.Id).Take(500)
                .Select(w => new { w.Reference, w.AmountMinor, w.PaidAt })
                .ToListAsync(ct);
            found.AddRange(payouts.Select(w => new LinkCandidate(w.Reference, "Payout", new Money(-w.AmountMinor, item.Currency),
                DateOnly.FromDateTime(w.PaidAt!.Value), "paid")));
            var givenBack = await db.Deposits.AsNoTracking()
                .Where(d => d.ChannelId == item.ChannelId && d.PaidCurrency == item.Currency)
                .Where(d => (d.Status == DepositStatus.Refunded || d.Status == DepositStatus.ChargedBack) && d.DecidedAt >= start && d.DecidedAt < end)
                .Where(d => !db.StatementLines.Any(l => l.DepositId == d.Id && l.AmountMinor < 0))
                .OrderBy(d => d.Id).Take(500)
                .Select(d => new { d.Reference, d.Status, d.PaidMinor, d.DecidedAt })
                .ToListAsync(ct);
            found.AddRange(givenBack.Select(d => new LinkCandidate(d.Reference, d.Status == DepositStatus.Refunded ? "Refund" : "Chargeback",
                new Money(-d.PaidMinor!.Value, item.Currency), DateOnly.FromDateTime(d.DecidedAt!.Value), d.Status.Describe())));
        }
        return found.OrderBy(c => Math.Abs(c.Amount.Minor - theirs)).ThenBy(c => Math.Abs(c.Date.DayNumber - item.Date.DayNumber)).Take(10).ToList();
    }

    public async ValueTask<StatementLayout?> Handle(LastStatementLayout query, CancellationToken ct)
    {
        var json = await (from i in db.StatementImports.AsNoTracking()
                          join c in db.PaymentChannels.AsNoTracking() on i.ChannelId equals c.Id
                          where c.Code == query.Channel && i.LayoutKind == "mapped"
                          orderby i.Id descending
                          select i.LayoutJson).FirstOrDefaultAsync(ct);
        return json is null ? null : System.Text.Json.JsonSerializer.Deserialize<StatementLayout>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
    }
}

public static class BreakText
{
    public static string Describe(this BreakKind kind) => kind switch
    {
        BreakKind.OursOnly => "ours only",
        BreakKind.TheirsOnly => "statement only",
        _ => "amount mismatch",
    };

    public static string Describe(this BreakStatus status) => status switch
    {
        BreakStatus.Open => "open",
        BreakStatus.Linked => "linked",
        BreakStatus.DepositCreated => "deposit created",
        BreakStatus.WrittenOff => "written off",
        _ => "matched by a later statement",
    };
}
