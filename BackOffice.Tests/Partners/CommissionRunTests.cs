using BackOffice.Core.Common;
using BackOffice.Core.Operations;
using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Accounts;
using BackOffice.Infrastructure.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Partners;

/// <summary>Plans, runs, approval and posting through the real pipeline. Tests of this class share one app and run one after another.</summary>
[Trait("Category", "Database")]
public sealed class CommissionRunTests(SharedApp app) : IClassFixture<SharedApp>
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private static string Code(string stem) => CommissionBook.Code(stem);

    private static TermsInput PerLot(DateTime from, string note, params (int Level, decimal Rate)[] rates) => CommissionBook.PerLot(from, note, rates);

    private Task<(long Id, string Code)> PlanAsync(TermsInput terms) => CommissionBook.PlanAsync(app, terms);

    private Task<long> PartnerAsync(string code, string? parent, string plan) => CommissionBook.PartnerAsync(app, code, parent, plan);

    private Task RecordAsync(Core.Accounts.TradingAccounts.TradingAccount account, params (DateTime At, DealAction Side, DealEntry Entry, decimal Lots)[] deals) =>
        CommissionBook.RecordAsync(app, account, deals);

    private Task<CommissionRun> RunAsync(DateTime from, DateTime to) => CommissionBook.RunAsync(app, from, to);

    private Task<List<CommissionLine>> LinesAsync(long runId) => CommissionBook.LinesAsync(app, runId);

    /// <summary>A partner and its sub-partner, both under the plan.</summary>
    private async Task<(long Top, long Sub, string SubCode)> SubPartnerAsync(string plan)
    {
        var top = await PartnerAsync(Code("TOP"), null, plan);
        var subCode = Code("SUB");
        return (top, await PartnerAsync(subCode, await app.Db(db => db.Partners.Where(p => p.Id == top).Select(p => p.Code).FirstAsync()), plan), subCode);
    }

    private Task<long> BalanceAsync(string code) =>
        app.Db(db => db.LedgerAccounts.Where(a => a.Code == code && a.Currency == "USD").Select(a => a.BalanceMinor).SingleAsync());

    [Fact]
    public async Task A_run_pays_each_level_under_the_plan_version_in_force_is_idempotent_takes_late_deals_as_adjustments_and_posts_after_a_second_approval()
    {
        var t0 = Now;
        var plan = await PlanAsync(PerLot(t0, "launch", (1, 7m), (2, 1.5m)));
        var (top, sub, subCode) = await SubPartnerAsync(plan.Code);
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, subCode)));

        // Version 2 raises level 1 to $8 from day 2.
        Must.Fail(await app.SendAs("ib", new AddPlanVersion(plan.Id, PerLot(t0, "same start", (1, 8m)))), "plan.overlap");
        Assert.Equal(2, (await app.SendAs("ib", new AddPlanVersion(plan.Id, PerLot(t0.AddDays(2), "level 1 raised", (1, 8m), (2, 1.5m))))).Value);

        app.Clock.Advance(TimeSpan.FromDays(10));
        await RecordAsync(account,
            (t0.AddDays(1), DealAction.Buy, DealEntry.In, 2m), (t0.AddDays(1).AddHours(1), DealAction.Sell, DealEntry.Out, 2m),
            (t0.AddDays(3), DealAction.Sell, DealEntry.In, 1m), (t0.AddDays(3).AddHours(1), DealAction.Buy, DealEntry.Out, 1m));

        var run = await RunAsync(t0, t0.AddDays(5));
        Assert.Equal((CommissionRunStatus.Computed, 4, 4), (run.Status, run.LineCount, run.DealsDone));
        var lines = await LinesAsync(run.Id);
        Assert.Equal([(sub, 1, 1400L), (top, 2, 300L), (sub, 1, 800L), (top, 2, 150L)], lines.Select(l => (l.PartnerId, l.Level, l.AmountMinor)));
        var page = await app.QueryAs("ib", new CommissionRunLines(run.Id, subCode, 0, 50));
        Assert.Equal(2, page.Total);
        Assert.Contains($"plan {plan.Code} v2, level 1: 8.00 USD per lot × 1.00 lots = 8.00 USD", page.Items[1].Explanation);

        // The same period again: nothing new.
        var again = await RunAsync(t0, t0.AddDays(5));
        Assert.Equal((CommissionRunStatus.Empty, 0), (again.Status, again.LineCount));
        Must.Fail(await app.SendAs("ib", new ApproveCommissionRun(again.Id, "reviewed")), "run.nothing");

        // Approval: four-eyes, never by the run's starter, once.
        var asked = await app.SendAs("ib", new ApproveCommissionRun(run.Id, "reviewed"));
        Assert.True(asked.IsPendingApproval, asked.ToString());
        Must.Fail(await app.SendAs("ib", new ApproveCommissionRun(run.Id, "reviewed")), "conflict");
        Must.Fail(await app.SendAs("ib", new ApprovePendingOperation(asked.PendingOperationId!.Value, "mine")));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(asked.PendingOperationId!.Value, "checked")));
        Assert.Equal(CommissionRunStatus.Posted, (await app.Db(db => db.CommissionRuns.FirstAsync(r => r.Id == run.Id))).Status);
        Assert.Equal(2200, await BalanceAsync(CommissionRuns.PayableAccount(sub)));
        Assert.Equal(450, await BalanceAsync(CommissionRuns.PayableAccount(top)));
        var node = (await app.QueryAs("ib", new PartnerTree())).Single(n => n.Id == sub);
        Assert.Equal((1, 3m, 2200L), (node.ActiveTraders, node.Lots, node.Commission.Minor));
        Must.Fail(await app.SendAs("ib", new ApproveCommissionRun(run.Id, "reviewed")), "conflict");
        Must.Fail(await app.SendAs("ib", new AddPlanVersion(plan.Id, PerLot(t0.AddDays(4), "too late", (1, 9m)))), "plan.computed");

        // A deal of day 1 reported late goes into the next run, as an adjustment under the version of its time.
        await RecordAsync(account, (t0.AddDays(1).AddHours(3), DealAction.Buy, DealEntry.In, 1m), (t0.AddDays(1).AddHours(4), DealAction.Sell, DealEntry.Out, 1m));
        var next = await RunAsync(t0.AddDays(5), t0.AddDays(9));
        Assert.Equal((2, 2), (next.LineCount, next.AdjustmentCount));
        Assert.Equal([700L, 150L], (await LinesAsync(next.Id)).Select(l => l.AmountMinor));
    }

    [Fact]
    public async Task A_batch_whose_run_another_node_moved_on_meanwhile_is_a_conflict_that_writes_nothing_and_the_run_then_starts_over_and_completes()
    {
        var t0 = Now;
        var plan = await PlanAsync(PerLot(t0, "launch", (1, 7m)));
        var code = Code("BULK");
        var partner = await PartnerAsync(code, null, plan.Code);
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, code)));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await RecordAsync(account, (t0.AddHours(1), DealAction.Buy, DealEntry.In, 3m), (t0.AddHours(2), DealAction.Sell, DealEntry.Out, 3m),
            (t0.AddHours(3), DealAction.Buy, DealEntry.In, 1m), (t0.AddHours(4), DealAction.Sell, DealEntry.Out, 1m));
        var closing = await app.Db(db => db.TradeDeals.Where(d => d.ClientId == client && d.Entry == DealEntry.Out).OrderBy(d => d.Id).Select(d => d.Id).FirstAsync());

        // The first batch (one deal) is this node's; then another node's batch updates the run while this node writes its second (the rest).
        var started = await app.SendAs("ib", new StartCommissionRun(t0, t0.AddDays(1)));
        Must.Succeed(started);
        Must.Succeed(await app.Scopes.SendAsAsync(new ComputeCommissionBatch(started.Value, 1), Actor.System("test")));
        var first = await LinesAsync(started.Value);
        await app.Db(db => db.Database.ExecuteSqlRawAsync(db.IsPostgres
            ? $"""
               CREATE FUNCTION other_node() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE "CommissionRuns" SET "Version" = "Version" + 1 WHERE "Id" = {started.Value}; RETURN NULL; END $$;
               CREATE TRIGGER other_node AFTER INSERT ON "CommissionLineBlocks" FOR EACH STATEMENT EXECUTE FUNCTION other_node();
               """
            : $"""CREATE TRIGGER other_node AFTER INSERT ON "CommissionLineBlocks" BEGIN UPDATE "CommissionRuns" SET "Version" = "Version" + 1 WHERE "Id" = {started.Value}; END;"""));
        var batch = await app.Scopes.SendAsAsync(new ComputeCommissionBatch(started.Value, 1_000_000), Actor.System("test"));
        await app.Db(db => db.Database.ExecuteSqlRawAsync(db.IsPostgres ? "DROP TRIGGER other_node ON \"CommissionLineBlocks\"; DROP FUNCTION other_node();" : "DROP TRIGGER other_node;"));
        Assert.Equal("conflict", batch.Error?.Code);
        Assert.Equal(first.Select(l => l.Id), (await LinesAsync(started.Value)).Select(l => l.Id));

        // This node's stream is no longer where the run is: the run starts over from its first deal, its lines so far replaced.
        await CommissionRunner.ComputeAsync(app.Scopes, started.Value, 2, NullLogger.Instance, CancellationToken.None);
        var run = await app.Db(db => db.CommissionRuns.AsNoTracking().SingleAsync(r => r.Id == started.Value));
        Assert.Equal((CommissionRunStatus.Computed, 4, 4), (run.Status, run.DealsDone, run.DealsTotal));
        var lines = (await LinesAsync(run.Id)).Where(l => l.PartnerId == partner).ToList();
        Assert.Equal([(closing, 3m, 2_100L), (closing + 2, 1m, 700L)], lines.Select(l => (l.TradeDealId!.Value, l.EligibleLots, l.AmountMinor)));
    }

    [Fact]
    public async Task A_run_that_fails_loses_its_lines_raises_an_alert_and_its_deals_go_into_the_next_run()
    {
        var t0 = Now;
        var plan = await PlanAsync(PerLot(t0, "launch", (1, 5m)));
        var code = Code("FAIL");
        var partner = await PartnerAsync(code, null, plan.Code);
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, code)));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await RecordAsync(account, (t0.AddHours(1), DealAction.Buy, DealEntry.In, 2m), (t0.AddHours(2), DealAction.Sell, DealEntry.Out, 2m));

        var started = await app.SendAs("ib", new StartCommissionRun(t0, t0.AddDays(1)));
        Must.Succeed(started);
        Must.Succeed(await app.Scopes.SendAsAsync(new ComputeCommissionBatch(started.Value, 1_000_000), Actor.System("test")));
        Assert.Single(await LinesAsync(started.Value), l => l.PartnerId == partner);
        Must.Succeed(await app.Scopes.SendAsAsync(new FailCommissionRun(started.Value, "the platform went away"), Actor.System("test")));

        var failed = await app.Db(db => db.CommissionRuns.AsNoTracking().SingleAsync(r => r.Id == started.Value));
        Assert.Equal(CommissionRunStatus.Failed, failed.Status);
        Assert.Empty(await LinesAsync(failed.Id));
        Assert.Contains("the platform went away", (await app.Db(db => db.Alerts.AsNoTracking()
            .SingleAsync(a => a.Kind == AlertKinds.CommissionRunFailed && a.EntityId == failed.Id.ToString()))).Message);

        var next = await RunAsync(t0, t0.AddDays(1));
        Assert.Equal(CommissionRunStatus.Computed, next.Status);
        var line = Assert.Single(await LinesAsync(next.Id), l => l.PartnerId == partner);
        Assert.Equal((2m, 1_000L), (line.EligibleLots, line.AmountMinor));
    }

    [Fact]
    public async Task A_block_gives_back_every_line_exactly_as_computed_and_its_header_adds_them_up()
    {
        var t0 = Now;
        var plan = await PlanAsync(PerLot(t0, "launch", (1, 7.125m)));
        var code = Code("FORM");
        await PartnerAsync(code, null, plan.Code);
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, code)));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await RecordAsync(account, (t0.AddHours(1).AddTicks(1234560), DealAction.Buy, DealEntry.In, 1.37m),
            (t0.AddHours(2).AddTicks(7654320), DealAction.Sell, DealEntry.Out, 1.37m), (t0.AddHours(3), DealAction.Buy, DealEntry.In, 2m),
            (t0.AddHours(4), DealAction.Sell, DealEntry.Out, 2m));
        var run = await CommissionBook.RunAsync(app, t0, t0.AddDays(1), batchDeals: 100);
        var block = await app.Db(db => db.CommissionLineBlocks.AsNoTracking().SingleAsync(b => b.RunId == run.Id));
        var lines = block.Lines();
        Assert.Equal((2, 3.37m, 976L + 1_425L, t0.Date), (block.LineCount, block.EligibleLots, block.AmountMinor, block.Day));
        Assert.Equal([block.FirstLineId, block.FirstLineId + 1], lines.Select(l => l.Id));
        Assert.Equal((t0.AddHours(2).AddTicks(7654320), DateTimeKind.Utc, 1.37m, 7.125m, 976L, "EURUSD", "fx-majors"),
            (lines[0].DealTime, lines[0].DealTime.Kind, lines[0].EligibleLots, lines[0].Rate, lines[0].AmountMinor, lines[0].Symbol, lines[0].SymbolGroup));

        // Every field, awkward values included, comes back as it went in.
        var odd = new CommissionLine
        {
            RunId = 9, PartnerId = 8, Level = 3, Currency = "EUR", TradeDealId = 5, Ticket = -4, ClientId = 77, PlanVersionId = 12, Kind = CommissionKind.SpreadPips,
            SymbolGroup = "métaux", Symbol = "XAU.€", DealTime = t0.Date.AddTicks(863_999_999_999), Rate = -0.000001m, PipValue = 79228162514264337593543950335m,
            ClosedLots = 1.0000m, EligibleLots = 0.5m, ShortHeldLots = 0.25m, HedgedLots = 0.25m, Basis = -12.34m, CommissionCharged = 1m, SwapCharged = -2m,
            ClientProfit = 0.01m, AmountMinor = long.MinValue, OverrideId = long.MaxValue, IsAdjustment = true, OnceKey = "k", Detail = "d",
        };
        var plain = new CommissionLine { RunId = 9, PartnerId = 8, Level = 3, Currency = "EUR", Ticket = long.MaxValue, PlanVersionId = 12, DealTime = t0.Date, Symbol = "XAU.€", SymbolGroup = "métaux" };
        long next = 100;
        var made = Assert.Single(CommissionLineStore.Blocks([odd, plain], LineView.Of, ref next));
        Assert.Equal(102, next);
        var back = made.Lines();
        Assert.Equivalent(new[] { odd, plain }.OrderBy(l => l.DealTime).Select((l, i) => { l.Id = 100 + i; return l; }), back, strict: true);
        Assert.Equal(1.0000m.ToString(), back.Single(l => l.Ticket == -4).ClosedLots.ToString());
    }

    [Fact]
    public async Task Lines_appended_one_after_another_keep_each_their_own_values_where_the_line_before_had_another_or_none()
    {
        var t0 = Now;
        var plan = await PlanAsync(PerLot(t0, "launch", (1, 7m), (2, 1.5m)));
        var (top, sub, subCode) = await SubPartnerAsync(plan.Code);
        var own = (await app.SendAs("ib", new SetPartnerRate(sub, 1, CommissionKind.PerLot, "*", "*", 9m, t0, "negotiated"))).Value;
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, subCode)));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await RecordAsync(account, (t0.AddHours(1), DealAction.Buy, DealEntry.In, 1.37m), (t0.AddHours(2), DealAction.Sell, DealEntry.Out, 1.37m),
            (t0.AddHours(3), DealAction.Buy, DealEntry.In, 2m), (t0.AddHours(4), DealAction.Sell, DealEntry.Out, 2m));

        var run = await RunAsync(t0, t0.AddDays(1));

        var lines = await LinesAsync(run.Id);
        Assert.Equal(
            [(t0.AddHours(2), sub, 1, 9m, (long?)own, 1.37m, 1_233L), (t0.AddHours(2), top, 2, 1.5m, null, 1.37m, 206L),
             (t0.AddHours(4), sub, 1, 9m, own, 2m, 1_800L), (t0.AddHours(4), top, 2, 1.5m, null, 2m, 300L)],
            lines.Select(l => (l.DealTime, l.PartnerId, l.Level, l.Rate, l.OverrideId, l.EligibleLots, l.AmountMinor)).ToList());
    }

    [Fact]
    public async Task Commission_is_paid_into_the_partners_own_account_after_approval_and_a_dispute_is_settled_by_its_own_posting()
    {
        var t0 = Now;
        var plan = await PlanAsync(PerLot(t0, "launch", (1, 30m)));
        var (partnerClient, partnerAccount) = await ClientBook.ApprovedWithAccountAsync(app);
        var code = Code("PAY");
        var partner = (await app.SendAs("ib", new CreatePartner(partnerClient, code, null))).Value;
        Must.Succeed(await app.SendAs("ib", new AssignCommissionPlan(partner, plan.Code, t0)));
        var other = await PartnerAsync(Code("OTHER"), null, plan.Code);
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, code)));
        var (otherClient, otherAccount) = await ClientBook.ApprovedWithAccountAsync(app);
        var otherCode = await app.Db(db => db.Partners.Where(p => p.Id == other).Select(p => p.Code).FirstAsync());
        Must.Succeed(await app.SendAs("ib", new AttributeClient(otherClient, otherCode)));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await RecordAsync(account, (t0.AddHours(1), DealAction.Buy, DealEntry.In, 3m), (t0.AddHours(2), DealAction.Sell, DealEntry.Out, 3m));
        await RecordAsync(otherAccount, (t0.AddHours(1), DealAction.Buy, DealEntry.In, 1m), (t0.AddHours(2), DealAction.Sell, DealEntry.Out, 1m));
        var run = await RunAsync(t0, t0.AddDays(1));
        var asked = await app.SendAs("ib", new ApproveCommissionRun(run.Id, "checked"));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(asked.PendingOperationId!.Value, "ok")));
        Assert.Equal(9000, await BalanceAsync(CommissionRuns.PayableAccount(partner)));

        // Payouts: only into the partner's own live account, at least the minimum, at most what is available; then a second approval.
        Must.Fail(await app.SendAs("ib", new PayPartnerCommission(partner, account.Login, 20m, "monthly")), "payout.account");
        Must.Fail(await app.SendAs("ib", new PayPartnerCommission(partner, partnerAccount.Login, 10m, "monthly")), "payout.minimum");
        Must.Fail(await app.SendAs("ib", new PayPartnerCommission(partner, partnerAccount.Login, 90.01m, "monthly")), "payout.available");
        var pay = await app.SendAs("ib", new PayPartnerCommission(partner, partnerAccount.Login, 60m, "Monthly payout"));
        Assert.True(pay.IsPendingApproval, pay.ToString());
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(pay.PendingOperationId!.Value, "ok")));
        Assert.Equal(3000, await BalanceAsync(CommissionRuns.PayableAccount(partner)));
        Assert.Equal(6000, await BalanceAsync($"client:{partnerAccount.Id}"));
        Assert.True(await app.Db(db => db.PlatformBalanceOperations.AnyAsync(o => o.TradingAccountId == partnerAccount.Id && o.AmountMinor == 6000)));

        // Disputes: never over another partner's lines; settled by an adjustment a second manager approves, or rejected.
        var otherLine = (await CommissionBook.LinesAsync(app)).First(l => l.PartnerId == other).Id;
        var ownLine = (await CommissionBook.LinesAsync(app)).First(l => l.PartnerId == partner).Id;
        Must.Fail(await app.SendAs("ib", new OpenCommissionDispute(partner, t0, t0.AddDays(1), [otherLine], "missing", null)), "dispute.other_partner");
        var dispute = await app.SendAs("ib", new OpenCommissionDispute(partner, t0, t0.AddDays(1), [ownLine], "The rebate should be on 3.5 lots", "platform report"));
        Must.Succeed(dispute);
        Assert.Equal(1, await app.Db(db => db.CommissionDisputes.CountAsync(d => d.Status == DisputeStatus.Open)));
        var adjust = await app.SendAs("ib", new AdjustCommissionDispute(dispute.Value, 15m, "Half a lot missed"));
        Must.Fail(await app.SendAs("ib", new AdjustCommissionDispute(dispute.Value, 15m, "again")), "conflict");
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(adjust.PendingOperationId!.Value, "ok")));
        Assert.Equal(4500, await BalanceAsync(CommissionRuns.PayableAccount(partner)));
        Must.Fail(await app.SendAs("ib", new RejectCommissionDispute(dispute.Value, "late")), "conflict");

        var statement = await app.QueryAs("ib", new PartnerStatement(partner, t0, Now.AddMinutes(1)));
        Assert.Equal(0, statement!.Opening.Minor);
        Assert.Equal([9000L, -6000L, 1500L], statement.Movements.Select(m => m.Amount.Minor));
        Assert.Equal(4500, statement.Closing.Minor);
        Assert.Equal([(1, 9000L)], statement.ByLevel.Select(l => (l.Level, l.Amount.Minor)));
    }

    [Fact]
    public async Task A_partners_commission_far_above_its_30_day_average_and_deals_under_a_suspended_partner_raise_alerts()
    {
        var t0 = Now;
        var plan = await PlanAsync(PerLot(t0, "launch", (1, 10m)));
        var code = Code("SPIKE");
        var partner = await PartnerAsync(code, null, plan.Code);
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, code)));
        app.Clock.Advance(TimeSpan.FromDays(12));
        // Ten quiet days at 1 lot a day, then a day of 30 lots.
        for (var day = 0; day < 10; day++)
            await RecordAsync(account, (t0.AddDays(day).AddHours(1), DealAction.Buy, DealEntry.In, 1m), (t0.AddDays(day).AddHours(2), DealAction.Sell, DealEntry.Out, 1m));
        await RecordAsync(account, (t0.AddDays(10).AddHours(1), DealAction.Buy, DealEntry.In, 30m), (t0.AddDays(10).AddHours(2), DealAction.Sell, DealEntry.Out, 30m));
        await RunAsync(t0, t0.AddDays(10));
        var spike = await RunAsync(t0.AddDays(10), t0.AddDays(11));
        var alert = await app.Db(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Kind == AlertKinds.CommissionSpike && a.EntityId == partner.ToString()));
        Assert.Contains($"Commission run {spike.Id}: {code} earned 300.00 USD a day", alert.Message);

        // Deals made while the partner is suspended earn nothing and are reported.
        Must.Succeed(await app.SendAs("ib", new SetPartnerStatus(partner, PartnerStatus.Suspended, "Under review")));
        app.Clock.Advance(TimeSpan.FromHours(3));
        var now = Now;
        await RecordAsync(account, (now.AddHours(-2), DealAction.Buy, DealEntry.In, 1m), (now.AddHours(-1), DealAction.Sell, DealEntry.Out, 1m));
        var suspended = await RunAsync(t0.AddDays(11), now);
        Assert.Equal(CommissionRunStatus.Empty, suspended.Status);
        Assert.Contains(code, (await app.Db(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Kind == AlertKinds.SuspendedPartnerDeals && a.EntityId == suspended.Id.ToString()))).Message);
    }

    [Fact]
    public async Task A_partners_own_rate_replaces_its_plans_rate_for_its_period_is_audited_and_named_on_its_lines()
    {
        var t0 = Now;
        var plan = await PlanAsync(PerLot(t0, "launch", (1, 7m), (2, 1.5m)));
        var topCode = Code("OWNTOP");
        var top = await PartnerAsync(topCode, null, plan.Code);
        var subCode = Code("OWNSUB");
        var sub = await PartnerAsync(subCode, topCode, plan.Code);
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, subCode)));

        Must.Fail(await app.SendAs("ib", new SetPartnerRate(sub, 1, CommissionKind.PerLot, SymbolGroups.Metals, "*", 8m, t0.AddDays(1), "deal")), "rate.no_rule");
        Must.Fail(await app.SendAs("ib", new SetPartnerRate(sub, 1, CommissionKind.PerLot, "*", "*", -1m, t0.AddDays(1), "deal")), "validation");
        Must.Fail(await app.SendAs("ib", new SetPartnerRate(sub, 1, CommissionKind.PerLot, "*", "*", 8m, t0.AddDays(1), " ")), "validation");
        Must.Fail(await app.SendAs("support", new SetPartnerRate(sub, 1, CommissionKind.PerLot, "*", "*", 8m, t0.AddDays(1), "deal")), "forbidden");
        Assert.False(await app.Db(db => db.PartnerRateOverrides.AnyAsync(o => o.PartnerId == sub)));
        var own = await app.SendAs("ib", new SetPartnerRate(sub, 1, CommissionKind.PerLot, "*", "*", 8m, t0.AddDays(1), "Volume agreement Q4"));
        Must.Succeed(own);
        Must.Fail(await app.SendAs("ib", new SetPartnerRate(sub, 1, CommissionKind.PerLot, "*", "*", 9m, t0.AddDays(1), "again")), "rate.overlap");
        Must.Fail(await app.SendAs("ib", new EndPartnerRate(own.Value, t0, "too early")), "rate.overlap");
        Must.Succeed(await app.SendAs("ib", new EndPartnerRate(own.Value, t0.AddDays(3), "Agreement ended")));
        var audit = await app.Db(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(PartnerRateOverride) && a.EntityId == own.Value.ToString())
            .OrderBy(a => a.Sequence).ToListAsync());
        Assert.Equal(["Volume agreement Q4", "Agreement ended"], audit.Select(a => a.Reason));
        var rates = await app.QueryAs("ib", new PartnerRates(sub));
        Assert.Equal([(8m, t0.AddDays(1), (DateTime?)t0.AddDays(3))], rates.Rates.Select(r => (r.Rate, r.From, r.To)));

        // Plan rate on day 0, the partner's own on day 2, the plan's again on day 4; level 2 keeps the plan's rate throughout.
        app.Clock.Advance(TimeSpan.FromDays(5));
        await RecordAsync(account,
            (t0.AddHours(12), DealAction.Buy, DealEntry.In, 1m), (t0.AddHours(13), DealAction.Sell, DealEntry.Out, 1m),
            (t0.AddDays(2), DealAction.Buy, DealEntry.In, 1m), (t0.AddDays(2).AddHours(1), DealAction.Sell, DealEntry.Out, 1m),
            (t0.AddDays(4), DealAction.Buy, DealEntry.In, 1m), (t0.AddDays(4).AddHours(1), DealAction.Sell, DealEntry.Out, 1m));
        var run = await RunAsync(t0, t0.AddDays(5));
        Assert.Equal([(sub, 700L), (top, 150L), (sub, 800L), (top, 150L), (sub, 700L), (top, 150L)], (await LinesAsync(run.Id)).Select(l => (l.PartnerId, l.AmountMinor)));
        var explained = (await app.QueryAs("ib", new CommissionRunLines(run.Id, subCode, 0, 50))).Items[1].Explanation;
        Assert.Contains($"level 1 at the partner's own rate (set by ib from {t0.AddDays(1):yyyy-MM-dd HH:mm} UTC: Volume agreement Q4): 8.00 USD per lot × 1.00 lots = 8.00 USD",
            explained);
        Must.Fail(await app.SendAs("ib", new SetPartnerRate(sub, 1, CommissionKind.PerLot, "*", "*", 9m, t0.AddDays(4), "late")), "rate.computed");
    }

    [Fact]
    public async Task The_daily_schedule_starts_yesterdays_run_once_from_its_hour()
    {
        var options = new PartnersOptions { DailyRunHourUtc = 2 };
        app.Clock.Advance(TimeSpan.FromDays(30));
        var today = Now.Date.AddDays(1);
        app.Clock.SetUtcNow(new DateTimeOffset(today.AddHours(1), TimeSpan.Zero));
        Assert.Null(await CommissionRunner.StartDailyAsync(app.Scopes, app.Clock, options, NullLogger.Instance, CancellationToken.None));
        app.Clock.SetUtcNow(new DateTimeOffset(today.AddHours(2).AddMinutes(5), TimeSpan.Zero));
        var started = await CommissionRunner.StartDailyAsync(app.Scopes, app.Clock, options, NullLogger.Instance, CancellationToken.None);
        var run = await app.Db(db => db.CommissionRuns.AsNoTracking().FirstAsync(r => r.Id == started));
        Assert.Equal((today.AddDays(-1), today, "system:commission-schedule"), (run.From, run.To, run.StartedBy));
        await CommissionRunner.ComputeAsync(app.Scopes, run.Id, 50, NullLogger.Instance, CancellationToken.None);
        Assert.Null(await CommissionRunner.StartDailyAsync(app.Scopes, app.Clock, options, NullLogger.Instance, CancellationToken.None));
    }

    [Fact]
    public async Task Plans_and_runs_refuse_bad_input_and_change_nothing()
    {
        var from = Now;
        Must.Fail(await app.SendAs("ib", new CreateCommissionPlan(Code("BAD"), "Bad", "USD", PerLot(from, "negative", (1, -1m)))), "validation");
        Must.Fail(await app.SendAs("ib", new CreateCommissionPlan(Code("BAD"), "Bad", "USD", PerLot(from, "absurd", (1, 5000m)))), "validation");
        Must.Fail(await app.SendAs("ib", new CreateCommissionPlan(Code("BAD"), "Bad", "USD", PerLot(from, "twice", (1, 5m), (1, 6m)))), "validation");
        Must.Fail(await app.SendAs("ib", new CreateCommissionPlan(Code("BAD"), "Bad", "XXX", PerLot(from, "currency", (1, 5m)))), "validation");
        Must.Fail(await app.SendAs("ib", new CreateCommissionPlan(Code("BAD"), "Bad", "USD",
            new TermsInput(from, 0, false, CommissionRounding.HalfEven, "pips", [new RuleInput("*", "*", 1, CommissionKind.SpreadPips, 1m)]))), "validation");
        Must.Fail(await app.SendAs("ib", new CreateCommissionPlan(Code("BAD"), "Bad", "USD",
            new TermsInput(from, 0, false, CommissionRounding.HalfEven, "type", [new RuleInput("*", "NoSuchType", 1, CommissionKind.PerLot, 1m)]))), "plan.account_type");
        Must.Fail(await app.SendAs("support", new CreateCommissionPlan(Code("BAD"), "Bad", "USD", PerLot(from, "who", (1, 5m)))), "forbidden");
        Assert.Equal(0, await app.Db(db => db.CommissionPlans.CountAsync(p => p.Code.StartsWith("BAD"))));

        Must.Fail(await app.SendAs("ib", new StartCommissionRun(from, from.AddDays(-1))), "validation");
        Must.Fail(await app.SendAs("ib", new StartCommissionRun(from.AddDays(-200), from)), "validation");
        Must.Fail(await app.SendAs("ib", new StartCommissionRun(from, from.AddDays(1))), "run.future");
        Must.Fail(await app.SendAs("ib", new DiscardCommissionRun(999_999, "gone")), "not_found");
    }
}
