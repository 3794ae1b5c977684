using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Partners;
using BackOffice.Web.Features.Partners;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BackOffice.Tests.Pages;

public sealed class CommissionPagesTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task The_plan_editor_refuses_a_negative_rate_creates_a_plan_adds_a_version_and_previews_it()
    {
        await using var ib = await PageTestContext.AsAsync(app, "ib");
        var dialogs = ib.Context.Render<MudDialogProvider>();
        var page = ib.Context.Render<CommissionPlansPage>();
        page.WaitForElement("[data-testid='plans-empty'], [data-testid^='plan-']");

        page.Find("[data-testid='new-plan']").Click();
        dialogs.WaitForElement("[data-testid='plan-code']").Change("gold-ib");
        dialogs.Find("[data-testid='plan-name']").Change("Gold introducers");
        dialogs.Find("[data-testid='rule-rate-0']").Change("-1");
        dialogs.Find("[data-testid='plan-note']").Change("Launch terms");
        dialogs.Find("[data-testid='plan-save']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be negative", dialogs.Find("[data-testid='plan-error']").TextContent));
        Assert.False(await app.Db(db => db.CommissionPlans.AnyAsync(p => p.Code == "GOLD-IB")));

        dialogs.Find("[data-testid='rule-rate-0']").Change("6.5");
        dialogs.Find("[data-testid='plan-preview']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("deals", dialogs.Find("[data-testid='preview-result']").TextContent));
        dialogs.Find("[data-testid='plan-save']").Click();
        var card = page.WaitForElement("[data-testid='plan-GOLD-IB']");
        Assert.Contains("6.50 USD per lot", card.TextContent);
        Assert.Contains("1.50 USD per lot", card.TextContent);

        // Version 2: level 2 raised, a CPA on the first deposit and a revenue share at level 1.
        page.Find("[data-testid='new-version-GOLD-IB']").Click();
        dialogs.WaitForElement("[data-testid='plan-note']").Change("Level 2 override raised, CPA and revenue share");
        Assert.Contains("net revenue", dialogs.Find("[data-testid='plan-help']").TextContent);
        dialogs.Find("[data-testid='rule-rate-1']").Change("2");
        dialogs.Find("[data-testid='rule-add']").Click();
        dialogs.Find("[data-testid='rule-add']").Click();
        var kinds = dialogs.FindComponents<MudSelect<CommissionKind>>();
        await dialogs.InvokeAsync(() => kinds[2].Instance.ValueChanged.InvokeAsync(CommissionKind.Cpa));
        await dialogs.InvokeAsync(() => kinds[3].Instance.ValueChanged.InvokeAsync(CommissionKind.RevenueShare));
        dialogs.Find("[data-testid='rule-level-2']").Change("1");
        dialogs.Find("[data-testid='rule-rate-2']").Change("250");
        dialogs.Find("[data-testid='rule-level-3']").Change("1");
        dialogs.Find("[data-testid='rule-rate-3']").Change("10");
        // A CPA without its condition is refused, with the reason.
        dialogs.Find("[data-testid='plan-save']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("A CPA states when a client qualifies", dialogs.Find("[data-testid='plan-error']").TextContent));
        dialogs.Find("[data-testid='rule-min-deposit-2']").Change("200");
        dialogs.Find("[data-testid='plan-preview']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("deals", dialogs.Find("[data-testid='preview-result']").TextContent));
        dialogs.Find("[data-testid='plan-save']").Click();
        page.WaitForElement("[data-testid='version-GOLD-IB-2']");
        var version = page.Find("[data-testid='version-GOLD-IB-2']").TextContent;
        Assert.Contains("2.00 USD per lot", version);
        Assert.Contains("CPA 250.00 USD once per client, on a first deposit of at least 200.00 USD", version);
        Assert.Contains("10 % of the net revenue from the clients, per day", version);
        Assert.Contains("until", page.Find("[data-testid='version-GOLD-IB-1']").TextContent);
    }

    [Fact]
    public async Task A_run_shows_its_totals_by_partner_and_level_explains_a_line_and_is_sent_for_approval()
    {
        var t0 = app.Clock.GetUtcNow().UtcDateTime;
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(t0, "launch", (1, 7m), (2, 1.5m)));
        var top = CommissionBook.Code("WEST");
        await CommissionBook.PartnerAsync(app, top, null, plan.Code);
        var sub = CommissionBook.Code("WEST-SUB");
        await CommissionBook.PartnerAsync(app, sub, top, plan.Code);
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, sub)));
        app.Clock.Advance(TimeSpan.FromDays(3));
        await CommissionBook.RecordAsync(app, account, (t0.AddDays(1), DealAction.Buy, DealEntry.In, 2m), (t0.AddDays(1).AddHours(2), DealAction.Sell, DealEntry.Out, 2m));
        var run = await CommissionBook.RunAsync(app, t0, t0.AddDays(2));

        await using var ib = await PageTestContext.AsAsync(app, "ib");
        var dialogs = ib.Context.Render<MudDialogProvider>();
        var page = ib.Context.Render<CommissionRunsPage>(p => p.Add(x => x.RunId, run.Id));
        page.WaitForElement($"[data-testid='total-{sub}-1']");
        Assert.Contains("14.00 USD", page.Find($"[data-testid='total-{sub}-1']").TextContent);
        Assert.Contains("3.00 USD", page.Find($"[data-testid='total-{top}-2']").TextContent);
        Assert.Contains("17.00 USD", page.Find($"[data-testid='run-total-{run.Id}']").TextContent);

        var line = (await CommissionBook.LinesAsync(app, run.Id)).First(l => l.Level == 2).Id;
        page.WaitForElement($"[data-testid='explain-{line}']").Click();
        Assert.Contains("level 2 override: 1.50 USD per lot × 2.00 lots = 3.00 USD", page.WaitForElement("[data-testid='line-explanation']").TextContent);

        page.Find($"[data-testid='approve-run-{run.Id}']").Click();
        dialogs.WaitForElement("[data-testid='reason']").Input("Checked the totals against the deals");
        dialogs.Find("[data-testid='confirm-reason']").Click();
        page.WaitForElement($"[data-testid='run-waiting-{run.Id}']");
        Assert.Equal(CommissionRunStatus.Computed, await app.Db(db => db.CommissionRuns.Where(r => r.Id == run.Id).Select(r => r.Status).FirstAsync()));
    }

    [Fact]
    public async Task The_partner_page_sets_a_partners_own_rate_for_a_rule_of_its_plan_and_ends_it()
    {
        var t0 = app.Clock.GetUtcNow().UtcDateTime;
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(t0, "launch", (1, 7m), (2, 1.5m)));
        var code = CommissionBook.Code("OWN");
        var partner = await CommissionBook.PartnerAsync(app, code, null, plan.Code);

        await using var ib = await PageTestContext.AsAsync(app, "ib");
        var page = ib.Context.Render<Partner360Page>(p => p.Add(x => x.PartnerId, partner));
        page.WaitForElement("[data-testid='partner-code']");
        await page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.StartsWith("Own rates")).Click());
        var rule = page.WaitForComponent<MudSelect<int?>>();
        page.Find("[data-testid='rate-reason']").Change("Volume agreement");
        page.Find("[data-testid='rate-set']").Click();
        Assert.False(await app.Db(db => db.PartnerRateOverrides.AnyAsync(o => o.PartnerId == partner)));

        await page.InvokeAsync(() => rule.Instance.ValueChanged.InvokeAsync(0));
        var rate = page.FindComponent<MudNumericField<decimal?>>();
        await page.InvokeAsync(() => rate.Instance.ValueChanged.InvokeAsync(8m));
        page.Find("[data-testid='rate-reason']").Change("Volume agreement");
        page.Find("[data-testid='rate-set']").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='rates'] tbody tr")));
        var id = await app.Db(db => db.PartnerRateOverrides.Where(o => o.PartnerId == partner).Select(o => o.Id).SingleAsync());
        Assert.Contains("8.00 USD per lot", page.WaitForElement($"[data-testid='rate-{id}']").TextContent);

        // It ends from a later date: the date above the table.
        var from = page.FindComponent<MudDatePicker>();
        await page.InvokeAsync(() => from.Instance.DateChanged.InvokeAsync(t0.Date.AddDays(5)));
        page.Find("[data-testid='rate-reason']").Change("Agreement ended");
        page.Find($"[data-testid='rate-end-{id}']").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid='rate-end-{id}']")));
        Assert.NotNull(await app.Db(db => db.PartnerRateOverrides.Where(o => o.Id == id).Select(o => o.To).SingleAsync()));
    }

    [Fact]
    public async Task The_partner_page_shows_its_statement_and_opens_a_dispute_that_the_disputes_queue_rejects()
    {
        var t0 = app.Clock.GetUtcNow().UtcDateTime;
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(t0, "launch", (1, 10m)));
        var code = CommissionBook.Code("EAST");
        var partner = await CommissionBook.PartnerAsync(app, code, null, plan.Code);
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, code)));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await CommissionBook.RecordAsync(app, account, (t0.AddHours(1), DealAction.Buy, DealEntry.In, 1m), (t0.AddHours(3), DealAction.Sell, DealEntry.Out, 1m));
        var run = await CommissionBook.RunAsync(app, t0, t0.AddDays(1));
        var asked = await app.SendAs("ib", new ApproveCommissionRun(run.Id, "checked"));
        Must.Succeed(await app.SendAs("manager", new Core.Staff.FourEyes.ApprovePendingOperation(asked.PendingOperationId!.Value, "ok")));

        await using var ib = await PageTestContext.AsAsync(app, "ib");
        var dialogs = ib.Context.Render<MudDialogProvider>();
        var page = ib.Context.Render<Partner360Page>(p => p.Add(x => x.PartnerId, partner));
        page.WaitForAssertion(() => Assert.Contains("10.00 USD", page.Find("[data-testid='partner-available']").TextContent));
        Assert.Contains("10.00 USD", page.Find("[data-testid='statement-closing']").TextContent);
        Assert.Contains("Commission run", page.Find("[data-testid='statement']").TextContent);

        // The statement may still be loading: find and click in one render.
        await page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.StartsWith("Disputes")).Click());
        page.WaitForElement("[data-testid='dispute-reason']").Change("Two deals of the 12th are missing");
        page.Find("[data-testid='dispute-open']").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid^='dispute-status-']")));

        var queue = ib.Context.Render<DisputesPage>();
        var id = await app.Db(db => db.CommissionDisputes.Where(d => d.PartnerId == partner).Select(d => d.Id).FirstAsync());
        queue.WaitForElement($"[data-testid='reject-{id}']").Click();
        dialogs.WaitForElement("[data-testid='reason']").Input("Those deals were closed within a minute");
        dialogs.Find("[data-testid='confirm-reason']").Click();
        queue.WaitForAssertion(() => Assert.Empty(queue.FindAll($"[data-testid='dispute-{id}']")));
        Assert.Equal(DisputeStatus.Rejected, await app.Db(db => db.CommissionDisputes.Where(d => d.Id == id).Select(d => d.Status).FirstAsync()));
    }

    [Fact]
    public async Task A_partner_without_a_trading_account_takes_its_commission_out_to_its_bank_and_the_payouts_page_lists_it()
    {
        var t0 = app.Clock.GetUtcNow().UtcDateTime;
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(t0, "launch", (1, 100m)));
        var partnerClient = await ClientBook.InStatusAsync(app, Core.Accounts.Lifecycle.ClientStatus.Approved);
        var code = CommissionBook.Code("WIRE");
        var partner = (await app.SendAs("ib", new CreatePartner(partnerClient, code, null))).Value;
        Must.Succeed(await app.SendAs("ib", new AssignCommissionPlan(partner, plan.Code, t0)));
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, code)));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await CommissionBook.RecordAsync(app, account, (t0.AddHours(1), DealAction.Buy, DealEntry.In, 3m), (t0.AddHours(3), DealAction.Sell, DealEntry.Out, 3m));
        var run = await CommissionBook.RunAsync(app, t0, t0.AddDays(1));
        var asked = await app.SendAs("ib", new ApproveCommissionRun(run.Id, "checked"));
        Must.Succeed(await app.SendAs("manager", new Core.Staff.FourEyes.ApprovePendingOperation(asked.PendingOperationId!.Value, "ok")));
        var holder = (await ClientBook.ClientAsync(app, partnerClient)).DisplayName;
        var bank = await app.SendAs("finance", new Core.Funds.Withdrawals.AddPayoutDestination(partnerClient, Core.Funds.Withdrawals.DestinationKind.BankAccount,
            Funds.Withdrawals.WithdrawalBook.Iban, holder, "Barclays"));
        Must.Succeed(await app.SendAs("finance2", new Core.Funds.Withdrawals.DecidePayoutDestination(bank.Value, true, "Bank letter on file")));

        await using var ib = await PageTestContext.AsAsync(app, "ib");
        var page = ib.Context.Render<Partner360Page>(p => p.Add(x => x.PartnerId, partner));
        page.WaitForAssertion(() => Assert.Contains("300.00 USD", page.Find("[data-testid='partner-available']").TextContent));
        page.FindAll(".mud-tab").First(t => t.TextContent.StartsWith("Payouts")).Click();
        Assert.Contains("Request the withdrawal", page.WaitForElement("[data-testid='payout-request']").TextContent);
        page.Find("[data-testid='payout-amount']").Change("400");
        page.Find("[data-testid='payout-request']").Click();
        page.WaitForAssertion(() => Assert.Contains("300.00 USD", page.Find("[data-testid='partner-available']").TextContent));
        Assert.False(await app.Db(db => db.Withdrawals.AnyAsync(w => w.PartnerId == partner)));

        page.Find("[data-testid='payout-amount']").Change("250");
        page.Find("[data-testid='payout-request']").Click();
        page.WaitForAssertion(() => Assert.Contains("50.00 USD", page.Find("[data-testid='partner-available']").TextContent));
        var reference = await app.Db(db => db.Withdrawals.Where(w => w.PartnerId == partner).Select(w => w.Reference).SingleAsync());
        Assert.Contains(reference, page.Find("[data-testid='payouts']").TextContent);

        var payouts = ib.Context.Render<PayoutsPage>();
        payouts.WaitForAssertion(() => Assert.Contains(reference, payouts.Find("[data-testid='payouts']").TextContent));
        Assert.Contains("waiting for L1", payouts.Find("[data-testid='payouts']").TextContent);
    }
    [Fact]
    public async Task The_partner_page_asks_for_a_standing_instruction_shows_it_once_approved_and_the_payouts_page_lists_it()
    {
        var (partnerClient, account) = await ClientBook.ApprovedWithAccountAsync(app);
        var code = CommissionBook.Code("STANDING");
        var partner = (await app.SendAs("ib", new CreatePartner(partnerClient, code, null))).Value;

        await using var ib = await PageTestContext.AsAsync(app, "ib");
        var page = ib.Context.Render<Partner360Page>(p => p.Add(x => x.PartnerId, partner));
        page.WaitForElement("[data-testid='partner-code']");
        await page.InvokeAsync(() => page.FindAll(".mud-tab").First(t => t.TextContent.StartsWith("Payouts")).Click());
        page.WaitForElement("[data-testid='payout-instruction-none']");
        page.Find("[data-testid='instruction-day']").Change("5");
        page.Find("[data-testid='instruction-reason']").Change("Partner agreement, clause 7");
        page.Find("[data-testid='instruction-set']").Click();
        var pending = await app.Db(db => db.PendingOperations.Where(o => o.Summary.Contains($"partner {partner}'s commission every month on day 5"))
            .Select(o => o.Id).SingleAsync());
        Assert.Null(await app.Db(db => db.PayoutInstructions.FirstOrDefaultAsync(i => i.PartnerId == partner)));

        Must.Succeed(await app.SendAs("manager", new Core.Staff.FourEyes.ApprovePendingOperation(pending, "Agreement on file")));
        var again = ib.Context.Render<Partner360Page>(p => p.Add(x => x.PartnerId, partner));
        again.WaitForElement("[data-testid='partner-code']");
        await again.InvokeAsync(() => again.FindAll(".mud-tab").First(t => t.TextContent.StartsWith("Payouts")).Click());
        var text = again.WaitForElement("[data-testid='payout-instruction-text']").TextContent;
        Assert.Contains("on day 5", text);
        Assert.Contains($"into account {account.Login}", text);
        Assert.Contains("Not carried out yet", again.Find("[data-testid='payout-instruction-last']").TextContent);

        // The IB manager sees every standing instruction; finance's queue is named, not linked, for a role that cannot open it.
        var payouts = ib.Context.Render<PayoutsPage>();
        payouts.WaitForAssertion(() => Assert.Contains(code, payouts.Find("[data-testid='instructions']").TextContent));
        Assert.Empty(payouts.FindAll("a[href='/funds/withdrawals']"));
    }
}
