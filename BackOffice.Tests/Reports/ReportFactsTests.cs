using BackOffice.Core.Accounts.Crm;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Operations;
using BackOffice.Core.Operations.Alerts;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Facts;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Access;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Core.Staff.Members;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackOffice.Tests.Reports.ReportBook;

namespace BackOffice.Tests.Reports;

/// <summary>The daily facts behind long report ranges: built for days that have ended, and never wrong when data arrives late.</summary>
[Trait("Category", "Database")]
public sealed class ReportFactsTests(SharedApp app) : IClassFixture<SharedApp>
{
    private async Task<int> RefreshAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportFactsBuilder>().RefreshAsync(10_000, CancellationToken.None);
    }

    private Task<ReportFactDay?> DayAsync(ReportKind family, DateOnly day) =>
        app.Db(db => db.ReportFactDays.AsNoTracking().FirstOrDefaultAsync(d => d.Family == family && d.Zone == "UTC" && d.Day == day && !d.IsMonth));

    private async Task<(long ClientId, long AccountId, string Holder)> FundedLaterAsync(string country, string? manager)
    {
        var id = await RegisterAsync(app, country, manager);
        await ApproveAsync(app, id);
        var typeId = await app.Db(db => db.AccountTypes.Where(t => t.Name == "Standard").Select(t => t.Id).FirstAsync());
        var opened = await app.SendAs("support", new OpenTradingAccount(id, typeId, "USD"));
        Must.Succeed(opened);
        await ClientBook.SyncAsync(app);
        return (id, opened.Value, (await ClientBook.ClientAsync(app, id)).DisplayName);
    }

    [Fact]
    public async Task Late_data_for_a_built_day_shows_at_once_and_after_the_next_build()
    {
        var support = (await app.ActorAsync("support")).StaffId!;
        var day = Today(app);
        // On day D: Ida registers, is approved and starts a wire of 500 that has not arrived yet; Jon registers and waits.
        var (_, idaAccount, ida) = await FundedLaterAsync("IE", support);
        var wire = await app.SendAs("finance", new StartDeposit(idaAccount, "wire", 500m, "USD"));
        Must.Succeed(wire);
        var jon = await RegisterAsync(app, "IE");
        var onD = new ReportFilter(day, day, Country: "IE");
        var accountsOnD = await RunAsync(app, ReportKind.Accounts, onD);
        var paymentsOnD = await RunAsync(app, ReportKind.Payments, onD);

        // Two days later day D has ended: it is built, and reads the same from its facts.
        app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.True(await RefreshAsync() > 0);
        Assert.True((await DayAsync(ReportKind.Accounts, day))!.Fresh);
        Assert.True((await DayAsync(ReportKind.Payments, day))!.Fresh);
        Same(accountsOnD, await RunAsync(app, ReportKind.Accounts, onD));
        Same(paymentsOnD, await RunAsync(app, ReportKind.Payments, onD));
        Assert.Equal(0, await RefreshAsync());

        // Late data: Jon is approved and Ida's wire arrives, both today. Day D's facts are stale at once, and the report shows the change.
        await ApproveAsync(app, jon);
        Must.Succeed(await app.SendAs("finance2", new ConfirmWireDeposit(wire.Value!.DepositId, 500m, "USD", ida, "STMT-IE-1")));
        Assert.False((await DayAsync(ReportKind.Accounts, day))!.Fresh);
        Assert.False((await DayAsync(ReportKind.Payments, day))!.Fresh);
        var accounts = await RunAsync(app, ReportKind.Accounts, onD);
        Assert.Equal((2L, 1m, 1L), (accounts.Value("New registrations"), accounts.Value("Approval rate"), accounts.Value("Funded")));
        Assert.Equal((0.5m, 0L), (accountsOnD.Value("Approval rate"), accountsOnD.Value("Funded")));
        var payments = await RunAsync(app, ReportKind.Payments, onD);
        var wireName = await app.Db(db => db.PaymentChannels.Where(c => c.Code == "wire").Select(c => c.Name).FirstAsync());
        Assert.Equal([1L, 1L, 0L, 0L, 0L, 1m], payments.Row("channels", wireName)[1..]);
        // The money itself moved today, not on day D.
        Assert.Equal([day, 0m, 0m, 0m], payments.Row("daily", day));

        // The next build makes day D fresh again, with the same answer.
        Assert.True(await RefreshAsync() > 0);
        Assert.True((await DayAsync(ReportKind.Accounts, day))!.Fresh);
        Same(accounts, await RunAsync(app, ReportKind.Accounts, onD));
        Same(payments, await RunAsync(app, ReportKind.Payments, onD));
    }

    [Fact]
    public async Task Every_filter_reads_the_same_from_the_facts_as_from_the_data()
    {
        var support = (await app.ActorAsync("support")).StaffId!;
        var from = Today(app);
        // Three days of clients in two countries, one of them managed; a pro account beside a standard one; deposits on each.
        for (var d = 0; d < 3; d++)
        {
            foreach (var (country, manager) in new[] { ("BE", support), ("FI", null), ("BE", null) })
            {
                var (clientId, account, _) = await FundedLaterAsync(country, manager);
                Must.Succeed(await app.SendAs("finance", new StartDeposit(account, "wire", 100m + d, "USD")));
                if (d == 1)
                {
                    var pro = await app.Db(db => db.AccountTypes.Where(t => t.Name == "Pro").Select(t => t.Id).FirstAsync());
                    Must.Succeed(await app.SendAs("support", new OpenTradingAccount(clientId, pro, "USD")));
                }
            }
            app.Clock.Advance(TimeSpan.FromDays(1));
        }
        var to = from.AddDays(2);
        var filters = new[]
        {
            new ReportFilter(from, to), new ReportFilter(from, to, Country: "BE"), new ReportFilter(from, to, Staff: "support"),
            new ReportFilter(from, to, AccountType: "Pro"), new ReportFilter(from, to, AccountType: "Standard", Country: "BE", Staff: "support"),
        };
        var fromData = new List<Report>();
        foreach (var filter in filters)
        {
            fromData.Add(await RunAsync(app, ReportKind.Accounts, filter));
            fromData.Add(await RunAsync(app, ReportKind.Payments, filter));
        }

        await RefreshAsync();
        var built = await app.Db(db => db.ReportFactDays.CountAsync(d => d.Day >= from && d.Day <= to && d.Version == d.BuiltVersion));
        Assert.True(built >= 6); // three days, two families
        var i = 0;
        foreach (var filter in filters)
        {
            Same(fromData[i++], await RunAsync(app, ReportKind.Accounts, filter));
            Same(fromData[i++], await RunAsync(app, ReportKind.Payments, filter));
        }
    }

    [Fact]
    public async Task A_client_given_to_another_manager_takes_their_past_days_along()
    {
        var (support, compliance) = ((await app.ActorAsync("support")).StaffId!, (await app.ActorAsync("compliance")).StaffId!);
        var day = Today(app);
        var (clientId, account, _) = await FundedLaterAsync("CZ", support);
        Must.Succeed(await app.SendAs("finance", new StartDeposit(account, "card", 75m, "USD")));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await RefreshAsync();
        var bySupport = new ReportFilter(day, day, Country: "CZ", Staff: "support");
        var byCompliance = bySupport with { Staff = "compliance" };
        Assert.Equal(1L, (await RunAsync(app, ReportKind.Payments, bySupport)).Value("Deposits started"));

        Must.Succeed(await app.SendAs("support", new AssignAccountManager([clientId], compliance)));
        foreach (var _ in new[] { "from the data", "from the facts built again" })
        {
            Assert.Equal(0L, (await RunAsync(app, ReportKind.Payments, bySupport)).Value("Deposits started"));
            Assert.Equal(1L, (await RunAsync(app, ReportKind.Payments, byCompliance)).Value("Deposits started"));
            Assert.Equal(1L, (await RunAsync(app, ReportKind.Accounts, byCompliance)).Value("New registrations"));
            Assert.Equal(0L, (await RunAsync(app, ReportKind.Accounts, bySupport)).Value("Approvals"));
            await RefreshAsync();
            Assert.True((await DayAsync(ReportKind.Payments, day))!.Fresh);
        }
    }
    [Fact]
    public async Task An_alert_handled_and_a_four_eyes_operation_decided_days_later_change_their_day_at_once()
    {
        var day = Today(app);
        var risk = await app.ActorAsync("risk");
        // On day D: a critical alert is raised, a role change waits for a second administrator, and risk fails to sign in.
        var alert = await app.Scopes.SendAsAsync(new RaiseAlert(AlertKinds.PlatformOutage, AlertSeverity.Critical, "Platform gateway not answering"), SystemActor);
        Must.Succeed(alert);
        var change = await app.SendAs("admin", new AssignStaffRoles(risk.StaffId!, "risk", [DefaultRoles.Risk, DefaultRoles.Support], "Covers support at night"));
        Assert.True(change.IsPendingApproval);
        Must.Succeed(await app.Scopes.SendAsAsync(new RecordLoginEvent(risk.StaffId, "risk", LoginEventKind.Failure, "203.0.113.40", "tests"), SystemActor));
        var onD = new ReportFilter(day, day);
        ReportFilter[] filters = [onD, onD with { Staff = "risk" }, onD with { Staff = "admin2" }];
        async Task<List<Report>> ReportsAsync()
        {
            var reports = new List<Report>();
            foreach (var filter in filters)
            {
                reports.Add(await RunAsync(app, ReportKind.Events, filter));
                reports.Add(await RunAsync(app, ReportKind.Permissions, filter));
            }
            return reports;
        }
        var fromData = await ReportsAsync();

        // A day later day D is built and reads the same from its facts, whoever the report is filtered by.
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.True(await RefreshAsync() > 0);
        Assert.True((await DayAsync(ReportKind.Events, day))!.Fresh);
        Assert.True((await DayAsync(ReportKind.Permissions, day))!.Fresh);
        foreach (var (expected, actual) in fromData.Zip(await ReportsAsync())) Same(expected, actual);

        // Late: risk acknowledges and resolves the alert today, and admin2 approves the role change today.
        Must.Succeed(await app.SendAs("risk", new AcknowledgeAlert(alert.Value)));
        Must.Succeed(await app.SendAs("risk", new ResolveAlert(alert.Value, "Gateway restarted")));
        Must.Succeed(await app.SendAs("admin2", new ApprovePendingOperation(change.PendingOperationId!.Value, "Agreed with the head of risk")));
        Assert.False((await DayAsync(ReportKind.Events, day))!.Fresh);
        Assert.False((await DayAsync(ReportKind.Permissions, day))!.Fresh);
        var late = await ReportsAsync();
        var (events, permissions, eventsByRisk, permissionsByAdmin2) = (late[0], late[1], late[2], late[5]);
        Assert.Equal((long)fromData[0].Value("Not resolved")! - 1, events.Value("Not resolved"));
        Assert.Equal((long)fromData[0].Value("Still open")! - 1, events.Value("Still open"));
        Assert.Equal((long)fromData[2].Value("Alerts raised")! + 1, eventsByRisk.Value("Alerts raised"));
        Assert.Equal([1L, 0L, 0L, 1L, 24m, 24m], eventsByRisk.Row("kinds", AlertKinds.PlatformOutage)[1..]);
        Assert.Equal((long)fromData[1].Value("Four-eyes approved")! + 1, permissions.Value("Four-eyes approved"));
        Assert.Equal((long)fromData[1].Value("Four-eyes waiting")! - 1, permissions.Value("Four-eyes waiting"));
        Assert.Equal((long)fromData[5].Value("Four-eyes approved")! + 1, permissionsByAdmin2.Value("Four-eyes approved"));
        Assert.Equal(fromData[1].Value("Abnormal sign-ins"), permissions.Value("Abnormal sign-ins"));

        // The next build makes day D fresh again, with the same answers.
        Assert.True(await RefreshAsync() > 0);
        Assert.True((await DayAsync(ReportKind.Events, day))!.Fresh);
        Assert.True((await DayAsync(ReportKind.Permissions, day))!.Fresh);
        foreach (var (expected, actual) in late.Zip(await ReportsAsync())) Same(expected, actual);
    }
}
