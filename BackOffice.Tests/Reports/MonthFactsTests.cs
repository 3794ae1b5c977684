using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Facts;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackOffice.Tests.Reports.ReportBook;

namespace BackOffice.Tests.Reports;

/// <summary>
/// The partner and payment families keep whole months beside their days: a Polish client of MON trades on 3 and 20 December 2026
/// ($7 a lot) and has a wire credited each of those days, and the reports read December and a day either side. On an app of its
/// own: its clock goes into January.
/// </summary>
[Trait("Category", "Database")]
public sealed class MonthFactsTests(SharedApp app) : IClassFixture<SharedApp>
{
    private static readonly DateOnly December = new(2026, 12, 1);

    [Fact]
    public async Task A_whole_month_is_added_up_from_its_own_facts_and_a_late_change_in_it_reads_from_the_data_until_it_is_built_again()
    {
        var start = new DateTime(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc);
        app.Clock.SetUtcNow(start);
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(start, "months", (1, 7m)));
        var (code, otherCode) = (CommissionBook.Code("MON"), CommissionBook.Code("MOO"));
        await CommissionBook.PartnerAsync(app, code, null, plan.Code);
        await CommissionBook.PartnerAsync(app, otherCode, null, plan.Code);
        var trader = await PartnerReportTests.TraderAsync(app, "PL", "Standard", null);
        Must.Succeed(await app.SendAs("ib", new Core.Partners.AttributeClient(trader.Client, code)));
        app.Clock.SetUtcNow(start.AddHours(6));
        await CommissionBook.RecordAsync(app, trader.Account, (start.AddHours(1), DealAction.Buy, DealEntry.In, 1m), (start.AddHours(2), DealAction.Sell, DealEntry.Out, 1m));
        var first = await CommissionBook.RunAsync(app, start.Date, start.AddHours(6));
        var holder = (await ClientBook.ClientAsync(app, trader.Client)).DisplayName;
        async Task WireAsync(decimal amount, string statement)
        {
            var wire = await app.SendAs("finance", new StartDeposit(trader.Account.Id, "wire", amount, "USD"));
            Must.Succeed(wire);
            Must.Succeed(await app.SendAs("finance2", new ConfirmWireDeposit(wire.Value!.DepositId, amount, "USD", holder, statement)));
        }
        await WireAsync(500m, "STMT-PL-1");
        var later = start.AddDays(17);
        app.Clock.SetUtcNow(later.AddHours(6));
        await CommissionBook.RecordAsync(app, trader.Account, (later.AddHours(1), DealAction.Buy, DealEntry.In, 2m), (later.AddHours(2), DealAction.Sell, DealEntry.Out, 2m));
        await CommissionBook.RunAsync(app, later.Date, later.AddHours(6));
        await WireAsync(300m, "STMT-PL-2");
        var waiting = await app.SendAs("finance", new StartDeposit(trader.Account.Id, "wire", 200m, "USD")); // arrives in January
        Must.Succeed(waiting);
        app.Clock.SetUtcNow(new DateTime(2027, 1, 2, 9, 0, 0, DateTimeKind.Utc)); // December has ended: its days and the month can be built

        var range = new ReportFilter(December.AddDays(-1), December.AddMonths(1));
        ReportFilter[] filters = [range, range with { Country = "PL" }, range with { AccountType = "Standard", Country = "PL" }];
        async Task<Report[]> ReportsAsync()
        {
            var reports = new List<Report>();
            foreach (var f in filters)
            {
                reports.Add(await RunAsync(app, ReportKind.Partners, f));
                reports.Add(await RunAsync(app, ReportKind.Payments, f));
            }
            return [.. reports];
        }
        // From the data (nothing built), then from the facts: the same.
        async Task<Report[]> BothWaysAsync()
        {
            var fromData = await ReportsAsync();
            await RefreshAsync();
            Assert.True(await MonthFreshAsync(ReportKind.Partners));
            Assert.True(await MonthFreshAsync(ReportKind.Payments));
            var fromFacts = await ReportsAsync();
            foreach (var (data, facts) in fromData.Zip(fromFacts)) Same(data, facts);
            return fromFacts;
        }

        var built = await BothWaysAsync();
        Assert.All(built.Where((_, i) => i % 2 == 0),
            r => Assert.Equal((21.00m, 0m, 1L), ((decimal)r.Value("Commission (USD)")!, (decimal)r.Value("Posted (USD)")!, (long)r.Value("Clients attributed")!)));
        Assert.All(built.Where((_, i) => i % 2 == 1), r => Assert.Equal(3L, r.Value("Deposits started")));
        var wireName = await app.Db(db => db.PaymentChannels.Where(c => c.Code == "wire").Select(c => c.Name).FirstAsync());
        Assert.Equal([3L, 2L, 0L, 0L, 1L], built[1].Row("channels", wireName)[1..6]);

        // The third wire arrives on 2 January: the deposit started on 20 December is credited, a change to that day (nineteen
        // days into the month), so the payment month goes stale with it; the money itself moved in January.
        Must.Succeed(await app.SendAs("finance2", new ConfirmWireDeposit(waiting.Value!.DepositId, 200m, "USD", holder, "STMT-PL-3")));
        Assert.False(await MonthFreshAsync(ReportKind.Payments));
        Assert.Equal([3L, 3L, 0L, 0L, 0L], (await BothWaysAsync())[1].Row("channels", wireName)[1..6]);

        // The first run approved: its lines, in a built month, now count as posted.
        var asked = await app.SendAs("ib", new ApproveCommissionRun(first.Id, "reviewed"));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(asked.PendingOperationId!.Value, "checked")));
        Assert.False(await MonthFreshAsync(ReportKind.Partners));
        Assert.Equal(7.00m, (await BothWaysAsync())[0].Value("Posted (USD)"));

        // Reassigned to MOO from 25 December, a day three weeks and more after the month starts: the month goes stale with the day.
        var moved = await app.SendAs("ib", new Core.Partners.ReassignClient(trader.Client, otherCode, new DateTime(2026, 12, 25, 10, 0, 0, DateTimeKind.Utc), "Moved desk"));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(moved.PendingOperationId!.Value, "checked")));
        Assert.False(await MonthFreshAsync(ReportKind.Partners));
        var reassigned = await BothWaysAsync();
        Assert.Equal((2L, 1L), ((long)reassigned[0].Value("Clients attributed")!, (long)reassigned[0].Value("Reassignments")!));

        // With their days' facts emptied (still counted fresh), the totals still come from the months, and only the charts from the days.
        await app.Db(db => db.ReportFacts.Where(f => db.ReportFactDays.Any(d => d.Id == f.DayId && !d.IsMonth
                                                                              && d.Day >= December && d.Day < December.AddMonths(1))).ExecuteDeleteAsync());
        var fromMonth = await RunAsync(app, ReportKind.Partners, range);
        Assert.Equal((21.00m, 2L), ((decimal)fromMonth.Value("Commission (USD)")!, (long)fromMonth.Value("Clients attributed")!));
        Assert.Equal([DateOnly.FromDateTime(start), 0L, 0m], fromMonth.Row("daily", DateOnly.FromDateTime(start)));
        var payments = await RunAsync(app, ReportKind.Payments, range);
        Assert.Equal(3L, payments.Value("Deposits started"));
        Assert.Equal([DateOnly.FromDateTime(start), 0m, 0m, 0m], payments.Row("daily", DateOnly.FromDateTime(start)));
        // A range that ends inside the month does not use it: its days are added (here, emptied).
        Assert.Equal(0m, (await RunAsync(app, ReportKind.Partners, range with { To = December.AddDays(29) })).Value("Commission (USD)"));
        Assert.Equal(0L, (await RunAsync(app, ReportKind.Payments, range with { To = December.AddDays(29) })).Value("Deposits started"));
    }

    private async Task RefreshAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReportFactsBuilder>().RefreshAsync(10_000, CancellationToken.None);
    }

    private Task<bool> MonthFreshAsync(ReportKind family) => app.Db(db => db.ReportFactDays.AnyAsync(d => d.Family == family && d.Zone == "UTC" && d.IsMonth
                                                                                                      && d.Day == December && d.Version == d.BuiltVersion));
}
