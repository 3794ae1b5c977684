using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

[Collection("Browser")]
public sealed class CommissionWorkflowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_IB_manager_runs_commissions_explains_a_line_a_second_manager_approves_and_the_partners_statement_shows_the_amount()
    {
        var app = fixture.App;
        var t0 = DateTime.UtcNow;
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(t0.AddHours(-1), "launch", (1, 7m), (2, 1.5m)));
        var top = CommissionBook.Code("CROWN");
        var topId = (await app.SendAs("ib", new CreatePartner(await ClientBook.RegisterAsync(app), top, null))).Value;
        Must.Succeed(await app.SendAs("ib", new AssignCommissionPlan(topId, plan.Code, t0.AddMinutes(-30))));
        var sub = CommissionBook.Code("CROWN-SUB");
        var subId = (await app.SendAs("ib", new CreatePartner(await ClientBook.RegisterAsync(app), sub, top))).Value;
        Must.Succeed(await app.SendAs("ib", new AssignCommissionPlan(subId, plan.Code, t0.AddMinutes(-30))));
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, sub)));
        var traded = DateTime.UtcNow;
        await CommissionBook.RecordAsync(app, account, (traded.AddMilliseconds(200), DealAction.Buy, DealEntry.In, 2m), (traded.AddMilliseconds(600), DealAction.Sell, DealEntry.Out, 2m));
        await Task.Delay(1200);

        var manager = await fixture.SignedInPageAsync("manager");
        var waiting = manager.Locator("[data-testid='badge-ib.runsAwaitingApproval']");
        await Expect(waiting).ToHaveCountAsync(0);

        var ib = await fixture.SignedInPageAsync("ib");
        await ib.ClickAsync("[data-testid='nav-partners-runs']");
        await BrowserFixture.WaitInteractiveAsync(ib);
        await ib.ClickAsync("[data-testid='run-up-to-now']");
        await ib.ClickAsync("[data-testid='start-run']");
        var run = await app.Db(async db =>
        {
            for (var i = 0; i < 50 && !await db.CommissionRuns.AnyAsync(); i++) await Task.Delay(200);
            return await db.CommissionRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstAsync();
        });
        await Expect(ib.Locator($"[data-testid='run-status-{run.Id}']")).ToHaveTextAsync("to approve", new() { Timeout = 20_000 });
        await Expect(waiting).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        await Expect(ib.Locator($"[data-testid='total-{sub}-1']")).ToContainTextAsync("14.00 USD", new() { Timeout = 10_000 });

        var line = (await CommissionBook.LinesAsync(app, run.Id)).First(l => l.Level == 2).Id;
        await ib.ClickAsync($"[data-testid='explain-{line}']");
        await Expect(ib.Locator("[data-testid='line-explanation']")).ToContainTextAsync("level 2 override: 1.50 USD per lot × 2.00 lots = 3.00 USD");
        await BrowserFixture.ScreenshotAsync(ib, "commission-run");

        await ib.ClickAsync($"[data-testid='approve-run-{run.Id}']");
        await ib.FillAsync("[data-testid='reason']", "Totals checked against the platform's volume report");
        await ib.ClickAsync("[data-testid='confirm-reason']");
        await Expect(ib.Locator($"[data-testid='run-waiting-{run.Id}']")).ToHaveCountAsync(1, new() { Timeout = 10_000 });

        await manager.ClickAsync("[data-testid='nav-operations-pending']");
        await BrowserFixture.WaitInteractiveAsync(manager);
        await manager.Locator("[data-testid^='approve-']").First.ClickAsync();
        await manager.ClickAsync("[data-testid='confirm-approve']");
        await Expect(waiting).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        Assert.Equal(CommissionRunStatus.Posted, await app.Db(db => db.CommissionRuns.Where(r => r.Id == run.Id).Select(r => r.Status).FirstAsync()));

        await ib.GotoAsync($"/partners/{subId}");
        await BrowserFixture.WaitInteractiveAsync(ib);
        await Expect(ib.Locator("[data-testid='partner-available']")).ToContainTextAsync("14.00 USD", new() { Timeout = 10_000 });
        await Expect(ib.Locator("[data-testid='statement-closing']")).ToContainTextAsync("14.00 USD");
        await BrowserFixture.ScreenshotAsync(ib, "partner-statement");
    }
}
