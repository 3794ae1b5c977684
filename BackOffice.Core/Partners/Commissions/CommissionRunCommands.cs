using System.Text.Json;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds;
using BackOffice.Core.Funds.Ledger;
using BackOffice.Core.Operations;
using BackOffice.Core.Platform;
using BackOffice.Core.Staff.FourEyes;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>Computes commissions for the deals up to the period's end not in an earlier run (the computation runs in the background).</summary>
[RequiresPermission(PartnerPermissions.Manage)]
public sealed record StartCommissionRun(DateTime From, DateTime To) : IBackOfficeCommand<Result<long>>, IDescribedCommand
{
    public string Describe() => $"Commission run for {From:yyyy-MM-dd HH:mm} – {To:yyyy-MM-dd HH:mm} UTC";

    string? IDescribedCommand.Reason => null;
}

/// <summary>The daily schedule's run for the previous day (the same rules as a run started by hand).</summary>
[SystemCommand]
public sealed record StartScheduledCommissionRun(DateTime From, DateTime To) : IBackOfficeCommand<Result<long>>;

/// <summary>The next deals of a computing run, in the order recorded (the background runner sends it until the run is computed).</summary>
[SystemCommand]
public sealed record ComputeCommissionBatch(long RunId, int Deals = 200_000) : IBackOfficeCommand<Result<bool>>;

/// <summary>A computed run is approved by a second manager and its amounts posted to the partners' commission accounts.</summary>
[RequiresPermission(PartnerPermissions.Manage)]
[FourEyes(PartnerPermissions.Approve)]
public sealed record ApproveCommissionRun(long RunId, string Reason) : IBackOfficeCommand<Result<long>>, IDescribedCommand
{
    public string Describe() => $"Approve commission run {RunId} and post it to the ledger";
}

/// <summary>A run not yet posted is thrown away: its lines are removed and its deals wait for the next run.</summary>
[RequiresPermission(PartnerPermissions.Manage)]
public sealed record DiscardCommissionRun(long RunId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Discard commission run {RunId}";
}

/// <summary>A run's computation stopped on an error (the runner records it).</summary>
[SystemCommand]
public sealed record FailCommissionRun(long RunId, string Error) : IBackOfficeCommand<Result>;

public sealed class PartnersOptions
{
    public const string Section = "Partners";

    /// <summary>How far before a run's first deal positions are rebuilt, for the minimum holding time and hedges.</summary>
    public int PositionLookbackDays { get; set; } = 7;

    /// <summary>The longest period one run may cover.</summary>
    public int MaxRunDays { get; set; } = 93;

    /// <summary>Deals one batch of a run reads (each batch is a transaction of its own).</summary>
    public int BatchDeals { get; set; } = 200_000;

    /// <summary>A partner's daily commission in a run above this many times its daily average over the 30 days before raises an alert.</summary>
    public decimal SpikeFactor { get; set; } = 5m;

    /// <summary>Runs paying a partner less than this (in the run's currency) never count as a spike.</summary>
    public decimal SpikeMinimum { get; set; } = 100m;

    /// <summary>The smallest commission payout.</summary>
    public decimal MinimumPayout { get; set; } = 50m;

    /// <summary>When set, a run for the previous day (UTC) is started each day from this hour (UTC); null: runs are started by hand.</summary>
    public int? DailyRunHourUtc { get; set; }

    /// <summary>The hour (UTC) of its day from which a standing payout instruction is carried out.</summary>
    public int ScheduledPayoutHourUtc { get; set; } = 6;

    /// <summary>Whether this node computes started runs and carries out standing payout instructions in the background.</summary>
    public bool BackgroundRuns { get; set; } = true;
}

public static class CommissionRuns
{
    /// <summary>The broker's expense account for partner commissions.</summary>
    public const string ExpenseAccount = "ib-commission-expense";

    /// <summary>A partner's commission payable: what it has earned and not been paid.</summary>
    public static string PayableAccount(long partnerId) => $"ib:{partnerId}";

    /// <summary>The end of the latest run (other than <paramref name="except"/>) that computed or posted deals: terms before it are settled.</summary>
    public static async Task<DateTime?> ComputedUpToAsync(BackOfficeDb db, CancellationToken ct, long? except = null) =>
        await db.CommissionRuns.Where(r => r.Id != except && (r.Status == CommissionRunStatus.Computing || r.Status == CommissionRunStatus.Computed
                                           || r.Status == CommissionRunStatus.Posted || r.Status == CommissionRunStatus.Empty))
            .MaxAsync(r => (DateTime?)r.To, ct);
}

public sealed class StartCommissionRunValidator : AbstractValidator<StartCommissionRun>
{
    public StartCommissionRunValidator(IOptions<PartnersOptions> options) =>
        RuleFor(x => x.To).GreaterThan(x => x.From).WithMessage("The period ends after it starts.")
            .Must((x, to) => (to - x.From).TotalDays <= options.Value.MaxRunDays)
            .WithMessage($"A run covers at most {options.Value.MaxRunDays} days.");
}

public sealed class DiscardCommissionRunValidator : AbstractValidator<DiscardCommissionRun>
{
    public DiscardCommissionRunValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
}

public sealed class ApproveCommissionRunPrecheck(BackOfficeDb db) : ICommandPrecheck<ApproveCommissionRun>
{
    public async ValueTask<Error?> CheckAsync(ApproveCommissionRun command, CancellationToken ct)
    {
        var run = await db.CommissionRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == command.RunId, ct);
        if (run is null) return Error.NotFound("The commission run");
        if (CommissionRunHandlers.NotApprovable(run) is { } refused) return refused;
        var summary = command.Describe();
        return await db.PendingOperations.AnyAsync(o => o.Summary == summary && o.Status == PendingOperationStatus.Pending, ct)
            ? Error.Conflict($"Run {run.Id} is already waiting for a second manager's approval.")
            : null;
    }
}

public sealed class CommissionRunHandlers(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, IOptions<PartnersOptions> options,
    IOptions<FundsOptions> funds, CommissionRunStreams streams) :
    ICommandHandler<StartCommissionRun, Result<long>>,
    ICommandHandler<StartScheduledCommissionRun, Result<long>>,
    ICommandHandler<ComputeCommissionBatch, Result<bool>>,
    ICommandHandler<ApproveCommissionRun, Result<long>>,
    ICommandHandler<DiscardCommissionRun, Result>,
    ICommandHandler<FailCommissionRun, Result>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static Error? NotApprovable(CommissionRun run) => run.Status switch
    {
        CommissionRunStatus.Computed when run.LineCount > 0 => null,
        CommissionRunStatus.Computed or CommissionRunStatus.Empty => Error.Rule("run.nothing", $"Run {run.Id} has no commission to post."),
        CommissionRunStatus.Posted => Error.Conflict($"Run {run.Id} is already approved and posted (by {run.DecidedBy}, {run.DecidedAt:yyyy-MM-dd HH:mm} UTC)."),
        CommissionRunStatus.Computing => Error.Rule("run.computing", $"Run {run.Id} is still computing ({run.DealsDone:N0} of {run.DealsTotal:N0} deals)."),
        _ => Error.Rule("run.closed", $"Run {run.Id} is {run.Status.ToString().ToLowerInvariant()}."),
    };

    public async ValueTask<Result<long>> Handle(StartScheduledCommissionRun command, CancellationToken ct) =>
        command.To > command.From ? await Handle(new StartCommissionRun(command.From, command.To), ct) : Error.Rule("run.period", "The period ends after it starts.");

    public async ValueTask<Result<long>> Handle(StartCommissionRun command, CancellationToken ct)
    {
        if (command.To > Now) return Error.Rule("run.future", $"The period ends in the future; a run covers deals up to now ({Now:yyyy-MM-dd HH:mm} UTC) at the latest.");
        if (await db.CommissionRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Status == CommissionRunStatus.Computing, ct) is { } busy)
            return Error.Conflict($"Run {busy.Id} is computing; start the next one when it is done.");
        var upTo = await db.TradeDeals.MaxAsync(d => (long?)d.Id, ct) ?? 0;
        var coverage = await CommissionCoverage.LoadAsync(db, null, ct);
        var pending = 0;
        foreach (var (after, last, from) in coverage.Pending(upTo, command.To)) pending += await PendingDealsAsync(after, last, from, command.To, ct);
        // A CPA on the first deposit is looked for even when no deal is new.
        var empty = pending == 0 && !await db.CommissionRules.AnyAsync(r => r.Kind == CommissionKind.Cpa && r.MinimumDeposit != null, ct);
        var run = new CommissionRun
        {
            From = command.From, To = command.To, Status = empty ? CommissionRunStatus.Empty : CommissionRunStatus.Computing, DealsTotal = pending,
            // A run with no deal to compute (it may still look for CPAs on first deposits) covers none: it stays out of the
            // staircase, and a run before it can still be discarded.
            DealsUpToId = pending == 0 ? null : upTo,
            StartedAt = Now, StartedBy = context.Actor.Name, StartedById = context.Actor.StaffId,
            Note = empty ? $"Every deal up to {command.To:yyyy-MM-dd HH:mm} UTC is in an earlier run: nothing new." : null,
        };
        if (empty) run.ComputedAt = Now;
        db.CommissionRuns.Add(run);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(CommissionRun), run.Id.ToString());
        return run.Id;
    }

    public async ValueTask<Result<bool>> Handle(ComputeCommissionBatch command, CancellationToken ct)
    {
        var run = await db.CommissionRuns.FirstOrDefaultAsync(r => r.Id == command.RunId, ct);
        if (run is null) return Error.NotFound("The commission run");
        if (run.Status != CommissionRunStatus.Computing) return true;
        effects.About(nameof(CommissionRun), run.Id.ToString());
        var stream = streams.Find(run.Id, run.ReadAfterId) ?? await StartStreamAsync(run, ct);
        var calculator = stream.Calculator;
        var deals = await NextDealsAsync(stream, Math.Clamp(command.Deals, 1, 1_000_000), ct);
        if (deals.Count == 0)
        {
            calculator.Cpa?.Complete();
            calculator.CompleteBatch();
            await AddLinesAsync(run, calculator.Lines, stream.Blocks, ct);
            calculator.Lines.Clear();
            await QualifyByFirstDepositsAsync(run, ct);
            await FinishAsync(run, ct);
            run.ReadAfterId = null;
            streams.Forget(run.Id);
            return true;
        }
        stream.ReadAfterId = deals[^1].DealId;
        deals.RemoveAll(d => d.TimeUtc < stream.Since || d.TimeUtc >= stream.To);
        if (stream.Network.Pays(CommissionKind.Cpa)
            && deals.Select(d => d.ClientId).Distinct().Where(c => stream.Network.HasPartner(c) && stream.Followed.Add(c)).ToList() is { Count: > 0 } referred)
            await CpaFacts.FollowAsync(db, calculator, referred, stream.Since, stream.To, funds.Value.ValueIn, ct);
        var computed = 0;
        foreach (var d in deals)
        {
            if (d.ToCompute) computed++;
            calculator.Add(d);
        }
        calculator.CompleteBatch();
        await AddLinesAsync(run, calculator.Lines, stream.Blocks, ct);
        calculator.Lines.Clear();
        run.DealsDone += computed;
        run.ReadAfterId = stream.ReadAfterId;
        if (calculator.SkippedForStatus.Count > 0)
        {
            run.SkippedDeals = MergeSkipped(run.SkippedDeals, calculator.SkippedForStatus);
            calculator.SkippedForStatus.Clear();
        }
        return false;
    }

    /// <summary>
    /// The run's first batch, or a batch that finds no stream of this node where the run was left: from the first deal to
    /// read, with what an earlier start of it wrote removed.
    /// </summary>
    private async Task<CommissionRunStream> StartStreamAsync(CommissionRun run, CancellationToken ct)
    {
        if (run.ReadAfterId is not null)
        {
            await CommissionLineStore.DeleteRunAsync(db, run.Id, ct);
            (run.DealsDone, run.LineCount, run.AdjustmentCount, run.TotalMinor, run.SkippedDeals) = (0, 0, 0, 0, null);
        }
        var upTo = run.DealsUpToId ?? 0;
        var coverage = await CommissionCoverage.LoadAsync(db, run.Id, ct);
        DateTime? earliest = null;
        foreach (var (after, last, from) in coverage.Pending(upTo, run.To))
            if (await EarliestPendingAsync(after, last, from, run.To, ct) is { } first && (earliest is null || first < earliest))
                earliest = first;
        var since = (earliest ?? run.To).AddDays(-options.Value.PositionLookbackDays);
        var readAfter = earliest is null ? upTo : await FirstIdSinceAsync(since, ct) - 1;
        var network = await CommissionNetwork.LoadAsync(db, null, ct);
        var stream = new CommissionRunStream(run.Id, readAfter, upTo, since, run.To, coverage, network);
        // Only a referred client's deals earn anything, so only their accounts' types and currencies are looked at.
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in await (from a in db.TradingAccounts.AsNoTracking()
                                 join t in db.AccountTypes.AsNoTracking() on a.AccountTypeId equals t.Id
                                 where db.ClientAttributions.Any(x => x.ClientId == a.ClientId)
                                 select new { a.Id, t.Name, a.Currency }).ToListAsync(ct))
            stream.Accounts[a.Id] = (types.TryGetValue(a.Name, out var type) ? type : types[a.Name] = a.Name, a.Currency);
        if (network.Pays(CommissionKind.RevenueShare)) stream.Calculator.ShareRevenue();
        stream.WriteBlocks(run);
        run.ReadAfterId = readAfter;
        streams.Keep(stream);
        return stream;
    }

    /// <summary>Deals recorded in (<paramref name="after"/>, <paramref name="upTo"/>] dated in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    private async Task<int> PendingDealsAsync(long after, long upTo, DateTime from, DateTime to, CancellationToken ct) =>
        await db.TradeDeals.CountAsync(d => d.Id > after && d.Id <= upTo && d.TimeUtc >= from && d.TimeUtc < to, ct);

    private async Task<DateTime?> EarliestPendingAsync(long after, long upTo, DateTime from, DateTime to, CancellationToken ct) =>
        await db.TradeDeals.Where(d => d.Id > after && d.Id <= upTo && d.TimeUtc >= from && d.TimeUtc < to).MinAsync(d => (DateTime?)d.TimeUtc, ct);

    /// <summary>The first deal recorded among those dated from <paramref name="since"/> on.</summary>
    private async Task<long> FirstIdSinceAsync(DateTime since, CancellationToken ct) =>
        await db.TradeDeals.Where(d => d.TimeUtc >= since).MinAsync(d => (long?)d.Id, ct) ?? 1;

    /// <summary>
    /// The next deals recorded after where the stream was, up to the run's last deal, in the order recorded: along the table
    /// itself, a hundred thousand deals or more a batch, straight from the provider's API where it has one. Where the
    /// provider can read on a connection of its own, the batch after is read ahead while this one computes, and the
    /// write-ahead log copied into the database there.
    /// </summary>
    private async Task<List<DealFacts>> NextDealsAsync(CommissionRunStream stream, int count, CancellationToken ct)
    {
        var sql = NextDealsSql.GetOrAdd(db.IsPostgres, _ => DealsSql(db));
        var deals = await stream.TakeAheadAsync(count);
        if (deals is null)
        {
            deals = new List<DealFacts>(count);
            if (!db.ReadStored(sql, [stream.ReadAfterId, stream.UpToId, count], DealsInto(deals, stream)))
            {
                var revenue = Revenue(stream);
                var (accounts, coverage) = (stream.Accounts, stream.Coverage);
                return await db.ReadAsync<TradeDeal, DealFacts>("commission-run.next-deals", DealsSql, r =>
                    {
                        var (id, account, time) = (r.GetInt64(0), r.GetInt64(2), r.GetDateTime(4));
                        var (type, currency) = accounts.GetValueOrDefault(account, ("", ""));
                        return new DealFacts(id, r.GetInt64(1), account, r.GetInt64(3), type, currency, time, r.GetString(5), Enum.Parse<DealAction>(r.GetString(6)),
                            Enum.Parse<DealEntry>(r.GetString(7)), r.GetDecimal(8), r.GetDecimal(9), !coverage.Covers(id, time),
                            revenue ? r.GetDecimal(10) : 0m, revenue ? r.GetDecimal(11) : 0m);
                    },
                    ct, (nameof(TradeDeal.Id), stream.ReadAfterId), (nameof(TradeDeal.Id), stream.UpToId), (nameof(TradeDeal.Id), (long)count));
            }
        }
        if (deals.Count == count && db.StoredReadApart(sql, [deals[^1].DealId, stream.UpToId, count]) is { } apart)
        {
            // The batch's commit leaves copying its lines from the log into the database to the next reading ahead: that
            // copy and its sync to disk run beside the next batch's calculator rather than before it.
            var checkpoint = db.CheckpointApart();
            if (checkpoint is not null) db.DeferCheckpoint();
            stream.ReadAhead(deals[^1].DealId, count, () =>
            {
                var next = new List<DealFacts>(count);
                apart(DealsInto(next, stream));
                checkpoint?.Invoke();
                return next;
            });
        }
        return deals;
    }

    private static string DealsSql(BackOfficeDb d)
    {
        var (table, column) = AppendOnlyInsert.Names<TradeDeal>(d);
        string[] columns = [nameof(TradeDeal.Id), nameof(TradeDeal.Ticket), nameof(TradeDeal.TradingAccountId), nameof(TradeDeal.ClientId), nameof(TradeDeal.TimeUtc),
            nameof(TradeDeal.Symbol), nameof(TradeDeal.Side), nameof(TradeDeal.Entry), nameof(TradeDeal.Lots), nameof(TradeDeal.Commission),
            nameof(TradeDeal.Profit), nameof(TradeDeal.Swap)];
        var id = column(nameof(TradeDeal.Id));
        return $"SELECT {string.Join(", ", columns.Select(column))} FROM {table} WHERE {id} > @p0 AND {id} <= @p1 ORDER BY {id} LIMIT @p2";
    }

    /// <summary>Profit and swap are parsed only for a revenue share: nothing else in a run reads them.</summary>
    private static bool Revenue(CommissionRunStream stream) => stream.Calculator.Revenue is not null;

    /// <summary>
    /// Each stored deal row into <paramref name="deals"/> with its account's type and currency and whether an earlier run
    /// computed it, its texts made once per stream (what it reads of the stream does not change while the run computes).
    /// </summary>
    private static Action<IStoredRow> DealsInto(List<DealFacts> deals, CommissionRunStream stream)
    {
        var texts = stream.Texts;
        var revenue = Revenue(stream);
        var (accounts, coverage) = (stream.Accounts, stream.Coverage);
        return r =>
        {
            var (id, account, time) = (r.Int64(0), r.Int64(2), StoredText.DateTime(r.Utf8(4)));
            var (type, currency) = accounts.GetValueOrDefault(account, ("", ""));
            deals.Add(new DealFacts(id, r.Int64(1), account, r.Int64(3), type, currency, time, texts.Symbols.Of(r.Utf8(5)), texts.Sides.Of(r.Utf8(6)),
                texts.Entries.Of(r.Utf8(7)), StoredText.Decimal(r.Utf8(8)), StoredText.Decimal(r.Utf8(9)), !coverage.Covers(id, time),
                revenue ? StoredText.Decimal(r.Utf8(10)) : 0m, revenue ? StoredText.Decimal(r.Utf8(11)) : 0m));
        };
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<bool, string> NextDealsSql = new();

    public async ValueTask<Result<long>> Handle(ApproveCommissionRun command, CancellationToken ct)
    {
        var run = await db.CommissionRuns.FirstOrDefaultAsync(r => r.Id == command.RunId, ct);
        if (run is null) return Error.NotFound("The commission run");
        if (NotApprovable(run) is { } refused) return refused;
        var approver = context.Approval?.ApproverId ?? context.Actor.StaffId;
        if (approver is not null && approver == run.StartedById)
            return Error.Rule("run.own", $"{run.StartedBy} started run {run.Id}; another manager approves it.");
        var totals = (await CommissionLineStore.TotalsAsync(db, new LineScope(RunId: run.Id), ct))
            .GroupBy(l => new { l.PartnerId, l.Currency }).Select(g => new { g.Key.PartnerId, g.Key.Currency, Minor = g.Sum(l => l.Minor) })
            .Where(t => t.Minor != 0).OrderBy(t => t.PartnerId).ToList();
        var lines = new List<PostingLine>();
        foreach (var currency in totals.GroupBy(t => t.Currency))
        {
            lines.Add(new PostingLine(CommissionRuns.ExpenseAccount, new Money(-currency.Sum(t => t.Minor), currency.Key), $"Commission run {run.Id}"));
            lines.AddRange(currency.Where(t => t.Minor != 0).Select(t => new PostingLine(CommissionRuns.PayableAccount(t.PartnerId), new Money(t.Minor, t.Currency))));
        }
        if (lines.Count < 2) return Error.Rule("run.nothing", $"Run {run.Id} has no commission to post.");
        var posting = LedgerPosting.Create("ib.commission", $"CR-{run.Id}", lines);
        if (!posting.Succeeded) return posting.Error!;
        var posted = await LedgerBook.PostAsync(db, posting.Value!, context.Actor.Name, Now, ct);
        if (!posted.Succeeded) return posted.Error!;
        run.Status = CommissionRunStatus.Posted;
        run.LedgerTransactionId = posted.Value!.TransactionId;
        run.DecidedAt = Now;
        run.DecidedBy = context.ActedBy;
        effects.About(nameof(CommissionRun), run.Id.ToString());
        effects.Touch(PartnerCounters.RunsAwaitingApproval);
        var codes = await db.Partners.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        foreach (var t in totals)
            effects.Publish("ib.commission_posted", new
            {
                runId = run.Id, partnerId = t.PartnerId, code = codes.GetValueOrDefault(t.PartnerId), amount = new Money(t.Minor, t.Currency).Amount,
                currency = t.Currency, periodFrom = run.From, periodTo = run.To,
            });
        return run.LedgerTransactionId.Value;
    }

    public async ValueTask<Result> Handle(DiscardCommissionRun command, CancellationToken ct)
    {
        var run = await db.CommissionRuns.FirstOrDefaultAsync(r => r.Id == command.RunId, ct);
        if (run is null) return Error.NotFound("The commission run");
        if (run.Status is CommissionRunStatus.Posted or CommissionRunStatus.Discarded)
            return Error.Rule("run.closed", $"Run {run.Id} is {run.Status.ToString().ToLowerInvariant()}; only a run not yet posted can be discarded.");
        // Deals are known as computed by the runs' staircase: a later run took this one's deals as computed, so it goes first.
        if (run.DealsUpToId is not null
            && await db.CommissionRuns.AsNoTracking().Where(r => r.Id > run.Id && r.DealsUpToId != null
                                                                 && (r.Status == CommissionRunStatus.Computing || r.Status == CommissionRunStatus.Computed
                                                                     || r.Status == CommissionRunStatus.Posted || r.Status == CommissionRunStatus.Empty))
                .OrderBy(r => r.Id).FirstOrDefaultAsync(ct) is { } later)
            return Error.Rule("run.later", $"Run {later.Id} was started after run {run.Id} and took its deals as computed; "
                                           + (later.Status == CommissionRunStatus.Posted ? $"run {run.Id} can only be approved now." : $"discard run {later.Id} first."));
        await CommissionLineStore.DeleteRunAsync(db, run.Id, ct);
        streams.Forget(run.Id);
        run.Status = CommissionRunStatus.Discarded;
        run.DecidedAt = Now;
        run.DecidedBy = context.Actor.Name;
        run.Note = $"Discarded: {command.Reason.Trim()}";
        effects.About(nameof(CommissionRun), run.Id.ToString());
        effects.Touch(PartnerCounters.RunsAwaitingApproval);
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(FailCommissionRun command, CancellationToken ct)
    {
        var run = await db.CommissionRuns.FirstOrDefaultAsync(r => r.Id == command.RunId, ct);
        if (run is null) return Error.NotFound("The commission run");
        if (run.Status != CommissionRunStatus.Computing) return Result.Ok();
        run.Status = CommissionRunStatus.Failed;
        run.Note = DealText.Fit($"Failed: {command.Error}", 1000);
        // What it wrote is removed: its deals are computed by the next run.
        await CommissionLineStore.DeleteRunAsync(db, run.Id, ct);
        streams.Forget(run.Id);
        effects.About(nameof(CommissionRun), run.Id.ToString());
        AlertKinds.Raise(db, effects, Now, AlertKinds.CommissionRunFailed, AlertSeverity.Critical,
            $"Commission run {run.Id} stopped after {run.DealsDone:N0} of {run.DealsTotal:N0} deals: {DealText.Fit(command.Error, 300)}", nameof(CommissionRun), run.Id.ToString());
        return Result.Ok();
    }

    /// <summary>
    /// A first deposit is a CPA moment even for a client with no deal to compute. A deposit is credited when it happens, so
    /// the deposits credited since the latest run's end are new; a discarded (or failed) run's span is looked at again, its
    /// CPAs being gone with its lines. The key keeps a CPA found twice paid once.
    /// </summary>
    private async Task QualifyByFirstDepositsAsync(CommissionRun run, CancellationToken ct)
    {
        var rules = await db.CommissionRules.AsNoTracking().Where(r => r.Kind == CommissionKind.Cpa && r.MinimumDeposit != null)
            .Select(r => r.MinimumLots).ToListAsync(ct);
        if (rules.Count == 0) return;
        var holes = await db.CommissionRuns.Where(r => r.Id != run.Id && r.DepositsFrom != null && r.To <= run.To
                                                       && (r.Status == CommissionRunStatus.Discarded || r.Status == CommissionRunStatus.Failed))
            .ToListAsync(ct);
        List<(DateTime From, DateTime To)> spans =
            [(await CommissionRuns.ComputedUpToAsync(db, ct, except: run.Id) ?? DateTime.MinValue, run.To), .. holes.Select(h => (h.DepositsFrom!.Value, h.To))];
        run.DepositsFrom = spans.Min(s => s.From);
        holes.ForEach(h => h.DepositsFrom = null);
        var depositors = new SortedSet<long>();
        foreach (var (from, to) in spans.Where(s => s.From < s.To)) depositors.UnionWith(await CpaFacts.DepositorsAsync(db, from, to, ct));
        foreach (var chunk in depositors.Chunk(500))
        {
            var network = await CommissionNetwork.LoadAsync(db, chunk, ct);
            var referred = chunk.Where(network.HasPartner).ToList();
            if (referred.Count == 0) continue;
            var calculator = new CommissionCalculator(network);
            var cpa = calculator.FollowCpa(funds.Value.ValueIn);
            foreach (var deposit in (await CpaFacts.FirstDepositsAsync(db, referred, run.To, ct)).Values.Where(d => spans.Any(s => d.At >= s.From && d.At < s.To)))
                cpa.Follow(deposit.ClientId, deposit, rules.Any(lots => lots is not null) ? await CpaFacts.ClosedLotsByAsync(db, deposit.ClientId, deposit.At, ct) : 0,
                    depositMoment: true);
            calculator.Complete();
            await AddLinesAsync(run, calculator.Lines, null, ct);
        }
    }

    /// <summary>
    /// The lines into the run, but for those paid once that an earlier run (or batch) has paid; a revenue share's day already
    /// begun by an earlier batch of the run takes the new deals' revenue into its line. A batch writes hundreds of thousands
    /// of new lines, most of them already in <paramref name="blocks"/>: they are inserted in bulk, untracked (the command's
    /// audit entry summarises them anyway).
    /// </summary>
    private async Task AddLinesAsync(CommissionRun run, List<CommissionLineDraft> lines, RunLineBlocks? blocks, CancellationToken ct)
    {
        var rows = new List<CommissionLine>();
        var dealLines = new List<CommissionLineDraft>();
        string KeyOf(CommissionLineDraft l) => l.Revenue is null ? l.OnceKey! : $"run{run.Id}:{l.OnceKey}";
        var keys = lines.Where(l => l.OnceKey is not null).Select(KeyOf).ToList();
        var stored = new Dictionary<string, CommissionLine>();
        foreach (var chunk in keys.Chunk(500))
            foreach (var line in await db.CommissionLines.Where(l => l.OnceKey != null && chunk.Contains(l.OnceKey)).ToListAsync(ct))
                stored[line.OnceKey!] = line;
        foreach (var line in lines)
        {
            var key = line.OnceKey is null ? null : KeyOf(line);
            if (key is not null && stored.TryGetValue(key, out var known))
            {
                if (line.Revenue is { } more) AddRevenue(run, known, more, line.ClosedLots, line.Rounding);
                continue;
            }
            var adjustment = line.Revenue is null ? line.DealTime < run.From : line.DealTime.AddDays(1) <= run.From;
            run.LineCount++;
            if (adjustment) run.AdjustmentCount++;
            if (line.Currency == run.Currency) run.TotalMinor += line.AmountMinor;
            // A deal's line goes into its block as drafted (LineView.Of reads the same adjustment rule); the others are rows.
            if (key is null && line.DealId is not null)
            {
                dealLines.Add(line);
                continue;
            }
            rows.Add(new CommissionLine
            {
                RunId = run.Id, TradeDealId = line.DealId, Ticket = line.Ticket, ClientId = line.ClientId, PartnerId = line.PartnerId, Level = line.Level,
                PlanVersionId = line.PlanVersionId, Kind = line.Kind, SymbolGroup = line.SymbolGroup, Symbol = line.Symbol, DealTime = line.DealTime,
                Rate = line.Rate, PipValue = line.PipValue, ClosedLots = line.ClosedLots, EligibleLots = line.EligibleLots, ShortHeldLots = line.ShortHeldLots,
                HedgedLots = line.HedgedLots, Basis = line.Basis, AmountMinor = line.AmountMinor, Currency = line.Currency, IsAdjustment = adjustment,
                OnceKey = key, Detail = line.Detail, CommissionCharged = line.Revenue?.CommissionCharged, SwapCharged = line.Revenue?.SwapCharged,
                ClientProfit = line.Revenue?.ClientProfit, OverrideId = line.OverrideId,
            });
        }
        if (blocks is { Lines: > 0 })
        {
            run.LineCount += blocks.Lines;
            run.AdjustmentCount += blocks.Adjustments;
            run.TotalMinor += blocks.RunCurrencyMinor;
        }
        if (rows.Count + dealLines.Count == 0 && blocks is not { Lines: > 0 }) return;
        // The rows take their ids from the same sequence as the blocks' lines, so a line id names one line whichever way it is kept.
        var next = await CommissionLineStore.NextIdAsync(db, ct);
        if (blocks is { Lines: > 0 }) await db.InsertManyAsync(blocks.Take(ref next), ct);
        var (runId, from) = (run.Id, run.From);
        if (dealLines.Count > 0) await db.InsertManyAsync(CommissionLineStore.Blocks(dealLines, d => LineView.Of(d, runId, from), ref next), ct);
        foreach (var row in rows)
        {
            row.Id = next++;
            await db.InsertAsync(row, ct);
        }
    }

    /// <summary>More revenue of a day into its line: the day is netted as a whole, then its share computed again.</summary>
    private static void AddRevenue(CommissionRun run, CommissionLine line, NetRevenue more, decimal lots, CommissionRounding rounding)
    {
        var revenue = new NetRevenue(line.CommissionCharged ?? 0, line.SwapCharged ?? 0, line.ClientProfit ?? 0) + more;
        var before = line.AmountMinor;
        (line.CommissionCharged, line.SwapCharged, line.ClientProfit, line.Basis) = (revenue.CommissionCharged, revenue.SwapCharged, revenue.ClientProfit, revenue.Net);
        line.ClosedLots += lots;
        line.AmountMinor = RevenueShareBook.AmountOf(revenue.Net, line.Rate, line.Currency, rounding);
        if (line.Currency == run.Currency) run.TotalMinor += line.AmountMinor - before;
    }

    private async Task FinishAsync(CommissionRun run, CancellationToken ct)
    {
        run.Status = run.LineCount == 0 ? CommissionRunStatus.Empty : CommissionRunStatus.Computed;
        run.ComputedAt = Now;
        effects.Touch(PartnerCounters.RunsAwaitingApproval);
        await AlertSpikesAsync(run, ct);
        if (SkippedOf(run.SkippedDeals) is not { Count: > 0 } skipped) return;
        var ids = skipped.Keys.ToList();
        var codes = await db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(ct);
        AlertKinds.Raise(db, effects, Now, AlertKinds.SuspendedPartnerDeals, AlertSeverity.Warning,
            DealText.Fit($"Commission run {run.Id}: {skipped.Values.Sum():N0} deals of clients under suspended or terminated partners earned those partners "
                         + $"nothing ({string.Join(", ", codes)}).", 1000), nameof(CommissionRun), run.Id.ToString());
    }

    /// <summary>An alert for each partner whose daily commission in the run is far above its daily average of the 30 days before.</summary>
    private async Task AlertSpikesAsync(CommissionRun run, CancellationToken ct)
    {
        var days = Math.Max(1, (run.To - run.From).TotalDays);
        var minimum = Money.From(options.Value.SpikeMinimum, run.Currency).Value.Minor;
        var now = (await CommissionLineStore.TotalsAsync(db, new LineScope(RunId: run.Id, Currency: run.Currency), ct)).GroupBy(l => l.PartnerId)
            .Select(g => new { PartnerId = g.Key, Minor = g.Sum(l => l.Minor) }).Where(x => x.Minor >= minimum).ToList();
        if (now.Count == 0) return;
        var ids = now.Select(x => x.PartnerId).ToList();
        var since = run.From.AddDays(-30);
        var counted = await db.CommissionRuns.Where(r => r.Status != CommissionRunStatus.Discarded && r.Id != run.Id).Select(r => r.Id).ToListAsync(ct);
        var before = (await CommissionLineStore.TotalsAsync(db, new LineScope(RunIds: counted, PartnerIds: ids, From: since, To: run.From, Currency: run.Currency), ct))
            .GroupBy(l => l.PartnerId).ToDictionary(g => g.Key, g => g.Sum(l => l.Minor));
        var codes = await db.Partners.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        foreach (var x in now)
        {
            var average = before.GetValueOrDefault(x.PartnerId) / 30m;
            var daily = x.Minor / (decimal)days;
            if (average <= 0 || daily <= options.Value.SpikeFactor * average) continue;
            AlertKinds.Raise(db, effects, Now, AlertKinds.CommissionSpike, AlertSeverity.Warning,
                $"Commission run {run.Id}: {codes.GetValueOrDefault(x.PartnerId)} earned {new Money((long)daily, run.Currency)} a day, "
                + $"{daily / average:0.#} times its daily average of {new Money((long)average, run.Currency)} over the 30 days before.",
                nameof(Partner), x.PartnerId.ToString());
        }
    }

    private static Dictionary<long, int> SkippedOf(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<long, int>>(json) ?? [];

    private static string MergeSkipped(string? json, Dictionary<long, int> more)
    {
        var all = SkippedOf(json);
        foreach (var (partner, deals) in more) all[partner] = all.GetValueOrDefault(partner) + deals;
        return JsonSerializer.Serialize(all);
    }
}

internal static class DealText
{
    public static string Fit(string text, int max) => text.Length > max ? text[..max] : text;
}
