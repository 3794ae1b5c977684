using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners.Commissions;

public sealed record StatementMovement(DateTime At, string Kind, string Reference, string Description, Money Amount, Money Balance);

public sealed record StatementLevel(int Level, int Lines, decimal Lots, Money Amount);

/// <summary>A partner's commission account over a period: what it held, what moved and why, what it holds; and the period's commission by level.</summary>
public sealed record PartnerStatementResult(string PartnerCode, string PartnerName, DateTime From, DateTime To, Money Opening,
    IReadOnlyList<StatementMovement> Movements, Money Closing, IReadOnlyList<StatementLevel> ByLevel);

public sealed record PartnerAccountOption(long Login, string Currency);

public sealed record DisputeView(long Id, long PartnerId, string PartnerCode, DateTime PeriodFrom, DateTime PeriodTo, int Lines, string Reason, string? Evidence,
    DisputeStatus Status, DateTime OpenedAt, string OpenedBy, string? DecidedBy, DateTime? DecidedAt, string? Resolution, Money? Adjustment);


public sealed record MonthlyCommission(DateTime Month, Money Amount);

/// <summary>One partner at a glance: its place, plan, money, accounts, payouts, disputes and commission by month.</summary>
public sealed record PartnerProfileResult(long Id, string Code, string Name, long ClientId, long ClientNumber, PartnerStatus Status, string? ParentCode, string? Plan,
    int Clients, int SubPartners, Money Available, IReadOnlyList<PartnerAccountOption> Accounts, IReadOnlyList<CommissionPayoutRow> Payouts,
    IReadOnlyList<DisputeView> Disputes, IReadOnlyList<MonthlyCommission> Months, IReadOnlyList<CommissionPayoutMethod> Methods,
    PayoutInstructionView? Instruction);

/// <summary>A way the partner's commission can leave: a payout method and a verified destination of the partner's own that it pays to.</summary>
public sealed record CommissionPayoutMethod(string Channel, string ChannelName, long DestinationId, string Destination)
{
    public string Label => $"{Destination} through {ChannelName}";
}

[RequiresPermission(PartnerPermissions.View)]
public sealed record PartnerStatement(long PartnerId, DateTime From, DateTime To) : IBackOfficeQuery<PartnerStatementResult?>;

[RequiresPermission(PartnerPermissions.View)]
public sealed record PartnerProfile(long PartnerId) : IBackOfficeQuery<PartnerProfileResult?>;

/// <summary>Disputes, open ones first (oldest first), then the latest decided.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record DisputeQueue(bool OpenOnly) : IBackOfficeQuery<IReadOnlyList<DisputeView>>;

public sealed class PartnerAccountQueryHandlers(BackOfficeDb db, TimeProvider clock) :
    IQueryHandler<PartnerStatement, PartnerStatementResult?>,
    IQueryHandler<PartnerProfile, PartnerProfileResult?>,
    IQueryHandler<DisputeQueue, IReadOnlyList<DisputeView>>
{
    private const string Currency = "USD";

    public async ValueTask<PartnerStatementResult?> Handle(PartnerStatement query, CancellationToken ct)
    {
        var partner = await db.Partners.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.PartnerId, ct);
        if (partner is null) return null;
        var code = CommissionRuns.PayableAccount(partner.Id);
        var entries = from e in db.LedgerEntries.AsNoTracking()
                      join a in db.LedgerAccounts.AsNoTracking() on e.AccountId equals a.Id
                      join t in db.LedgerTransactions.AsNoTracking() on e.TransactionId equals t.Id
                      where a.Code == code && a.Currency == Currency
                      select new { e.AmountMinor, e.Memo, t.Kind, t.Reference, t.PostedAt };
        var opening = await entries.Where(e => e.PostedAt < query.From).SumAsync(e => e.AmountMinor, ct);
        var moves = await entries.Where(e => e.PostedAt >= query.From && e.PostedAt < query.To).OrderBy(e => e.PostedAt).ToListAsync(ct);
        var balance = opening;
        var movements = new List<StatementMovement>(moves.Count);
        foreach (var m in moves)
        {
            balance += m.AmountMinor;
            movements.Add(new StatementMovement(m.PostedAt, m.Kind, m.Reference, Describe(m.Kind, m.Reference, m.Memo), new Money(m.AmountMinor, Currency),
                new Money(balance, Currency)));
        }
        var posted = await db.CommissionRuns.AsNoTracking().Where(r => r.Status == CommissionRunStatus.Posted).Select(r => r.Id).ToListAsync(ct);
        var levels = (await CommissionLineStore.TotalsAsync(db, new LineScope(RunIds: posted, PartnerId: partner.Id, From: query.From, To: query.To, Currency: Currency), ct))
            .GroupBy(l => l.Level).OrderBy(g => g.Key)
            .Select(g => new { Level = g.Key, Lines = g.Sum(l => l.Lines), Lots = g.Sum(l => l.Lots), Minor = g.Sum(l => l.Minor) }).ToList();
        return new PartnerStatementResult(partner.Code, partner.Name, query.From, query.To, new Money(opening, Currency), movements, new Money(balance, Currency),
            [.. levels.Select(l => new StatementLevel(l.Level, l.Lines, l.Lots, new Money(l.Minor, Currency)))]);
    }

    private static string Describe(string kind, string reference, string? memo) => kind switch
    {
        "ib.commission" => $"Commission run {reference[3..]}",
        "ib.payout" => $"Paid out ({reference})",
        "ib.adjustment" => $"Dispute {reference[4..]} adjustment{(memo is null ? "" : ": " + memo)}",
        _ => memo ?? kind,
    };

    public async ValueTask<PartnerProfileResult?> Handle(PartnerProfile query, CancellationToken ct)
    {
        var p = await (from x in db.Partners.AsNoTracking()
                       join c in db.Clients.AsNoTracking() on x.ClientId equals c.Id
                       where x.Id == query.PartnerId
                       select new { x, c.Number }).FirstOrDefaultAsync(ct);
        if (p is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var parent = p.x.ParentId is { } parentId ? await db.Partners.Where(x => x.Id == parentId).Select(x => x.Code).FirstOrDefaultAsync(ct) : null;
        var plan = await (from a in db.PartnerPlanAssignments.AsNoTracking()
                          where a.PartnerId == p.x.Id && a.From <= now && (a.To == null || a.To > now)
                          join pl in db.CommissionPlans.AsNoTracking() on a.PlanId equals pl.Id
                          select pl.Code).FirstOrDefaultAsync(ct);
        var clients = await db.ClientAttributions.CountAsync(a => a.PartnerId == p.x.Id && a.To == null, ct);
        var subs = await db.Partners.CountAsync(x => x.ParentId == p.x.Id, ct);
        var code = CommissionRuns.PayableAccount(p.x.Id);
        var available = await db.LedgerAccounts.Where(a => a.Code == code && a.Currency == Currency).Select(a => a.BalanceMinor).FirstOrDefaultAsync(ct);
        var accounts = await db.TradingAccounts.AsNoTracking().Where(a => a.ClientId == p.x.ClientId && !a.IsDemo).OrderBy(a => a.Login)
            .Select(a => new PartnerAccountOption(a.Login, a.Currency)).ToListAsync(ct);
        var payouts = await new CommissionPayoutsHandler(db).Handle(new CommissionPayouts(p.x.Id, 50), ct);
        var since = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-5);
        var days = await CommissionLineStore.TotalsAsync(db, new LineScope(PartnerId: p.x.Id, From: since, Currency: Currency), ct);
        var months = Enumerable.Range(0, 6).Select(i => since.AddMonths(i))
            .Select(m => new MonthlyCommission(m, new Money(days.Where(l => l.Day >= m && l.Day < m.AddMonths(1)).Sum(l => l.Minor), Currency))).ToList();
        return new PartnerProfileResult(p.x.Id, p.x.Code, p.x.Name, p.x.ClientId, p.Number, p.x.Status, parent, plan, clients, subs, new Money(available, Currency), accounts,
            payouts, await DisputesAsync(db.CommissionDisputes.Where(d => d.PartnerId == p.x.Id), ct), months, await MethodsAsync(p.x.ClientId, ct),
            (await new StandingPayoutInstructionsHandler(db).Handle(new StandingPayoutInstructions(p.x.Id), ct)).FirstOrDefault());
    }

    private async Task<IReadOnlyList<CommissionPayoutMethod>> MethodsAsync(long clientId, CancellationToken ct)
    {
        var destinations = await db.PayoutDestinations.AsNoTracking().Where(d => d.ClientId == clientId && d.Status == Funds.Withdrawals.DestinationStatus.Verified)
            .OrderBy(d => d.Id).ToListAsync(ct);
        var channels = await db.PaymentChannels.AsNoTracking().Where(c => c.Enabled && c.Withdrawals).OrderBy(c => c.Name).ToListAsync(ct);
        return [.. from d in destinations from c in channels where Funds.Withdrawals.WithdrawalChecks.KindFits(c.Kind, d.Kind)
                   select new CommissionPayoutMethod(c.Code, c.Name, d.Id, d.Label)];
    }

    public async ValueTask<IReadOnlyList<DisputeView>> Handle(DisputeQueue query, CancellationToken ct) =>
        await DisputesAsync(query.OpenOnly ? db.CommissionDisputes.Where(d => d.Status == DisputeStatus.Open) : db.CommissionDisputes, ct);

    private async Task<IReadOnlyList<DisputeView>> DisputesAsync(IQueryable<CommissionDispute> disputes, CancellationToken ct)
    {
        var rows = await (from d in disputes.AsNoTracking()
                          join p in db.Partners.AsNoTracking() on d.PartnerId equals p.Id
                          orderby d.Status == DisputeStatus.Open descending, d.OpenedAt
                          select new { d, p.Code }).Take(500).ToListAsync(ct);
        return [.. rows.Select(x => new DisputeView(x.d.Id, x.d.PartnerId, x.Code, x.d.PeriodFrom, x.d.PeriodTo,
            x.d.LineIds.Length == 0 ? 0 : x.d.LineIds.Count(c => c == ',') + 1, x.d.Reason, x.d.Evidence, x.d.Status, x.d.OpenedAt, x.d.OpenedBy, x.d.DecidedBy,
            x.d.DecidedAt, x.d.Resolution, x.d.AdjustmentMinor is { } a ? new Money(a, x.d.Currency) : null))];
    }
}
