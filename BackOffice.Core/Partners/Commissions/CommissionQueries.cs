using System.Globalization;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners.Commissions;

public sealed record PlanVersionView(long Id, int Number, DateTime EffectiveFrom, DateTime? EffectiveTo, int MinimumHoldSeconds, bool HedgeCountedOnce,
    CommissionRounding Rounding, string Note, string CreatedBy, DateTime CreatedAt, IReadOnlyList<RuleInput> Rules);

public sealed record PlanView(long Id, string Code, string Name, string Currency, int Partners, IReadOnlyList<PlanVersionView> Versions)
{
    public PlanVersionView Current => Versions[0];
}

public sealed record RunView(long Id, DateTime From, DateTime To, CommissionRunStatus Status, int DealsTotal, int DealsDone, int LineCount, int AdjustmentCount,
    Money Total, string StartedBy, DateTime StartedAt, DateTime? ComputedAt, string? DecidedBy, DateTime? DecidedAt, string? Note, bool AwaitingApproval)
{
    public double Progress => DealsTotal == 0 ? 1 : Math.Min(1, (double)DealsDone / DealsTotal);
}

public sealed record RunTotal(long PartnerId, string PartnerCode, int Level, int Lines, decimal Lots, Money Amount);

public sealed record CommissionLineView(long Id, long Ticket, DateTime DealTime, string Symbol, long? ClientNumber, string PartnerCode, int Level, CommissionKind Kind,
    decimal ClosedLots, decimal EligibleLots, Money Amount, bool IsAdjustment, string Explanation);

/// <summary>Every plan, newest version first, with how many partners earn under it now.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record CommissionPlans : IBackOfficeQuery<IReadOnlyList<PlanView>>;

/// <summary>Commission runs, newest first.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record CommissionRunList(int Take = 100) : IBackOfficeQuery<IReadOnlyList<RunView>>;

/// <summary>One run's totals by partner and level.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record CommissionRunTotals(long RunId) : IBackOfficeQuery<IReadOnlyList<RunTotal>>;

/// <summary>A page of a run's lines (of one partner when given), each with its explanation.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record CommissionRunLines(long RunId, string? PartnerCode, int Skip, int Take) : IBackOfficeQuery<Page<CommissionLineView>>;

/// <summary>The plan each partner earns under now: partner id → plan code.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record PartnerPlansNow : IBackOfficeQuery<IReadOnlyDictionary<long, string>>;

/// <summary>The account types' names, for the plan editor.</summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record CommissionAccountTypes : IBackOfficeQuery<IReadOnlyList<string>>;

public sealed class CommissionQueryHandlers(BackOfficeDb db, TimeProvider clock) :
    IQueryHandler<CommissionAccountTypes, IReadOnlyList<string>>,
    IQueryHandler<CommissionPlans, IReadOnlyList<PlanView>>,
    IQueryHandler<CommissionRunList, IReadOnlyList<RunView>>,
    IQueryHandler<CommissionRunTotals, IReadOnlyList<RunTotal>>,
    IQueryHandler<CommissionRunLines, Page<CommissionLineView>>,
    IQueryHandler<PartnerPlansNow, IReadOnlyDictionary<long, string>>
{
    public async ValueTask<IReadOnlyList<string>> Handle(CommissionAccountTypes query, CancellationToken ct) =>
        await db.AccountTypes.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(ct);

    public async ValueTask<IReadOnlyList<PlanView>> Handle(CommissionPlans query, CancellationToken ct)
    {
        var plans = await db.CommissionPlans.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        var versions = (await db.CommissionPlanVersions.AsNoTracking().Include(v => v.Rules).ToListAsync(ct)).ToLookup(v => v.PlanId);
        var now = clock.GetUtcNow().UtcDateTime;
        var partners = await db.PartnerPlanAssignments.AsNoTracking().Where(a => a.From <= now && (a.To == null || a.To > now))
            .GroupBy(a => a.PlanId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. plans.Select(p => new PlanView(p.Id, p.Code, p.Name, p.Currency, partners.GetValueOrDefault(p.Id),
            [.. versions[p.Id].OrderByDescending(v => v.Number).Select(v => new PlanVersionView(v.Id, v.Number, v.EffectiveFrom, v.EffectiveTo, v.MinimumHoldSeconds,
                v.HedgeCountedOnce, v.Rounding, v.Note, v.CreatedBy, v.CreatedAt,
                [.. v.Rules.OrderBy(r => r.Level).ThenBy(r => r.SymbolGroup).ThenBy(r => r.AccountType).ThenBy(r => r.Kind)
                    .Select(r => new RuleInput(r.SymbolGroup, r.AccountType, r.Level, r.Kind, r.Rate, r.PipValue, r.MinimumDeposit, r.MinimumLots))]))]))];
    }

    public async ValueTask<IReadOnlyList<RunView>> Handle(CommissionRunList query, CancellationToken ct)
    {
        var runs = await db.CommissionRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(Math.Clamp(query.Take, 1, 500)).ToListAsync(ct);
        var waiting = await db.PendingOperations.AsNoTracking()
            .Where(o => o.Status == Staff.FourEyes.PendingOperationStatus.Pending && o.Summary.StartsWith("Approve commission run "))
            .Select(o => o.Summary).ToListAsync(ct);
        return [.. runs.Select(r => new RunView(r.Id, r.From, r.To, r.Status, r.DealsTotal, r.DealsDone, r.LineCount, r.AdjustmentCount,
            new Money(r.TotalMinor, r.Currency), r.StartedBy, r.StartedAt, r.ComputedAt, r.DecidedBy, r.DecidedAt, r.Note,
            waiting.Contains(new ApproveCommissionRun(r.Id, "").Describe())))];
    }

    public async ValueTask<IReadOnlyList<RunTotal>> Handle(CommissionRunTotals query, CancellationToken ct)
    {
        var rows = (await CommissionLineStore.TotalsAsync(db, new LineScope(RunId: query.RunId), ct))
            .GroupBy(l => new { l.PartnerId, l.Level, l.Currency })
            .Select(g => new { g.Key.PartnerId, g.Key.Level, g.Key.Currency, Lines = g.Sum(l => l.Lines), Lots = g.Sum(l => l.Lots), Minor = g.Sum(l => l.Minor) }).ToList();
        var ids = rows.Select(r => r.PartnerId).Distinct().ToList();
        var codes = await db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        return [.. rows.Select(r => new RunTotal(r.PartnerId, codes.GetValueOrDefault(r.PartnerId, "?"), r.Level, r.Lines, r.Lots, new Money(r.Minor, r.Currency)))
            .OrderByDescending(r => r.Amount.Minor).ThenBy(r => r.PartnerCode, StringComparer.Ordinal).ThenBy(r => r.Level)];
    }

    public async ValueTask<Page<CommissionLineView>> Handle(CommissionRunLines query, CancellationToken ct)
    {
        long? partnerId = null;
        if (!string.IsNullOrWhiteSpace(query.PartnerCode))
        {
            var code = PartnerCode.Normalise(query.PartnerCode);
            partnerId = await db.Partners.Where(p => p.Code == code).Select(p => (long?)p.Id).FirstOrDefaultAsync(ct) ?? -1;
        }
        var page = await CommissionLineStore.PageAsync(db, query.RunId, partnerId, Math.Max(0, query.Skip), Math.Clamp(query.Take, 1, 20_000), ct);
        var partnerIds = page.Items.Select(l => l.PartnerId).Distinct().ToList();
        var codes = await db.Partners.AsNoTracking().Where(p => partnerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        var versionIds = page.Items.Select(l => l.PlanVersionId).Distinct().ToList();
        var versions = await (from v in db.CommissionPlanVersions.AsNoTracking()
                              join plan in db.CommissionPlans.AsNoTracking() on v.PlanId equals plan.Id
                              where versionIds.Contains(v.Id)
                              select new { v.Id, PlanCode = plan.Code, v.Number, v.MinimumHoldSeconds }).ToDictionaryAsync(v => v.Id, ct);
        var clientIds = page.Items.Where(l => l.ClientId is not null).Select(l => l.ClientId!.Value).Distinct().ToList();
        var numbers = new Dictionary<long, long>();
        foreach (var chunk in clientIds.Chunk(500))
            foreach (var c in await db.Clients.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToListAsync(ct))
                numbers[c.Id] = c.Number;
        var overrideIds = page.Items.Where(l => l.OverrideId is not null).Select(l => l.OverrideId!.Value).Distinct().ToList();
        var owns = await db.PartnerRateOverrides.AsNoTracking().Where(o => overrideIds.Contains(o.Id))
            .ToDictionaryAsync(o => o.Id, o => new OwnRate(o.From, o.By, o.Reason), ct);
        return new Page<CommissionLineView>([.. page.Items.Select(l =>
        {
            long? number = l.ClientId is { } c && numbers.TryGetValue(c, out var n) ? n : null;
            var v = versions[l.PlanVersionId];
            return new CommissionLineView(l.Id, l.Ticket, l.DealTime, l.Symbol, number, codes.GetValueOrDefault(l.PartnerId, "?"), l.Level, l.Kind, l.ClosedLots,
                l.EligibleLots, new Money(l.AmountMinor, l.Currency), l.IsAdjustment,
                CommissionExplanation.Of(l, number, v.PlanCode, v.Number, v.MinimumHoldSeconds, l.OverrideId is { } o ? owns.GetValueOrDefault(o) : null));
        })], page.Total);
    }

    public async ValueTask<IReadOnlyDictionary<long, string>> Handle(PartnerPlansNow query, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await (from a in db.PartnerPlanAssignments.AsNoTracking()
                      where a.From <= now && (a.To == null || a.To > now)
                      join p in db.CommissionPlans.AsNoTracking() on a.PlanId equals p.Id
                      select new { a.PartnerId, p.Code }).ToDictionaryAsync(x => x.PartnerId, x => x.Code, ct);
    }
}

/// <summary>The partner's own rate a line was computed at, as its explanation names it.</summary>
public sealed record OwnRate(DateTime From, string By, string Reason);

/// <summary>A commission line in words, from the inputs stored on it.</summary>
public static class CommissionExplanation
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Of(CommissionLine l, long? clientNumber, string planCode, int version, int minimumHoldSeconds, OwnRate? own = null)
    {
        var amount = new Money(l.AmountMinor, l.Currency);
        var level = $"level {l.Level}" + (own is null ? "" : $" at the partner's own rate (set by {own.By} from {own.From:yyyy-MM-dd HH:mm} UTC: {own.Reason})");
        if (l.Kind == CommissionKind.Cpa)
            return $"CPA: client {clientNumber}, {l.Detail}; plan {planCode} v{version}, {level} = {amount}"
                   + (l.IsAdjustment ? "; qualified before the run's period, paid in this run" : "") + ".";
        if (l.Kind == CommissionKind.RevenueShare)
            return $"Revenue share for {l.DealTime:yyyy-MM-dd} (UTC), {(l.Level == 1 ? "the partner's own clients" : $"the clients at level {l.Level} of its tree")}"
                   + $"{(l.SymbolGroup == SymbolGroups.Any ? "" : $" on {l.SymbolGroup}")}: net revenue {Price(l.Basis, l.Currency)} = commission charged "
                   + $"{Price(l.CommissionCharged ?? 0, l.Currency)} + swaps charged {Price(l.SwapCharged ?? 0, l.Currency)} − their trading profit "
                   + $"{Price(l.ClientProfit ?? 0, l.Currency)} ({Lots(l.ClosedLots)} lots closed); plan {planCode} v{version}, {level}: "
                   + (l.Basis > 0 ? $"{l.Rate.ToString("0.##", Invariant)} % = {amount}" : $"a net loss pays nothing (no clawback) = {amount}")
                   + (l.IsAdjustment ? "; late deals of a day before the run's period" : "") + ".";
        var lots = Lots(l.EligibleLots);
        var rule = l.Kind switch
        {
            CommissionKind.PerLot => $"{Price(l.Rate, l.Currency)} per lot × {lots} lots",
            CommissionKind.SpreadPips => $"{l.Rate.ToString("0.##", Invariant)} pips × {Price(l.PipValue ?? 0, l.Currency)} a pip per lot × {lots} lots",
            _ => $"{l.Rate.ToString("0.##", Invariant)} % of {Price(l.Basis, l.Currency)} commission paid on {lots} lots",
        };
        var text = $"Deal {l.Ticket}, {Lots(l.ClosedLots)} lots {l.Symbol} closed {l.DealTime:yyyy-MM-dd HH:mm:ss} UTC, plan {planCode} v{version}, "
                   + $"{level}{(l.Level > 1 && own is null ? " override" : "")}: {rule} = {amount}";
        if (l.ShortHeldLots > 0) text += $"; {Lots(l.ShortHeldLots)} lots held under the {minimumHoldSeconds} s minimum earn nothing";
        if (l.HedgedLots > 0) text += $"; {Lots(l.HedgedLots)} lots opened as a hedge are counted once";
        if (l.Kind == CommissionKind.CommissionShare && l.Basis == 0 && l.EligibleLots > 0) text += "; no commission in the plan's currency was paid";
        if (l.IsAdjustment) text += "; a late deal, computed in this run as an adjustment";
        return text + ".";
    }

    private static string Lots(decimal lots) => lots.ToString("0.00##", Invariant);

    private static string Price(decimal value, string currency) => $"{value.ToString("N2", Invariant)} {currency}";
}
