using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Core.Reports;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Partners;
using BackOffice.Core.Reports.Facts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackOffice.Tests.Reports.ReportBook;

namespace BackOffice.Tests.Reports;

/// <summary>
/// A two-level network on a day of its own (5 December): TOP with SUB under it; a British client of SUB on a Standard
/// account managed by support, a German client of TOP on an ECN account. Level 1 earns $7 a lot, level 2 $1.50.
/// </summary>
[Trait("Category", "Database")]
public sealed class PartnerReportTests(SharedApp app) : IClassFixture<SharedApp>
{
    private static readonly DateOnly Day = new(2026, 12, 5);

    [Fact]
    public async Task Attribution_commission_by_partner_level_and_day_hierarchy_and_disputes_under_each_filter()
    {
        var start = new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);
        app.Clock.SetUtcNow(start);
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(start, "launch", (1, 7m), (2, 1.5m)));
        var topCode = CommissionBook.Code("TOP");
        var subCode = CommissionBook.Code("SUB");
        var top = await CommissionBook.PartnerAsync(app, topCode, null, plan.Code);
        var sub = await CommissionBook.PartnerAsync(app, subCode, topCode, plan.Code);
        var support = await app.ActorAsync("support");
        var british = await TraderAsync(app, "GB", "Standard", support.StaffId);
        var german = await TraderAsync(app, "DE", "ECN", null);
        Must.Succeed(await app.SendAs("ib", new Core.Partners.AttributeClient(british.Client, subCode)));
        Must.Succeed(await app.SendAs("ib", new Core.Partners.AttributeClient(german.Client, topCode)));

        app.Clock.SetUtcNow(start.AddHours(12)); // 20:00: the run covers the day up to now
        await CommissionBook.RecordAsync(app, british.Account, (start.AddMinutes(10), DealAction.Buy, DealEntry.In, 2m), (start.AddMinutes(40), DealAction.Sell, DealEntry.Out, 2m));
        await CommissionBook.RecordAsync(app, german.Account, (start.AddHours(2), DealAction.Sell, DealEntry.In, 1m), (start.AddHours(3), DealAction.Buy, DealEntry.Out, 1m));
        var run = await CommissionBook.RunAsync(app, start.Date, start.AddHours(12));
        Assert.Equal(3, run.LineCount);
        var asked = await app.SendAs("ib", new ApproveCommissionRun(run.Id, "reviewed"));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(asked.PendingOperationId!.Value, "checked")));
        var subLine = Assert.Single(await CommissionBook.LinesAsync(app, run.Id), l => l.PartnerId == sub).Id;
        Must.Succeed(await app.SendAs("ib", new OpenCommissionDispute(sub, start.Date, start.Date.AddDays(1), [subLine], "Lots were 2.5, not 2", "platform statement")));

        // No filter: everything of the day.
        var all = await RunAsync(app, ReportKind.Partners, new ReportFilter(Day, Day));
        Assert.Equal(2L, all.Value("Clients attributed"));
        Assert.Equal(24.00m, all.Value("Commission (USD)")); // 14.00 + 3.00 + 7.00
        Assert.Equal(24.00m, all.Value("Posted (USD)"));
        Assert.Equal(2L, all.Value("Partners earning"));
        Assert.Equal((1L, 1L), ((long)all.Value("Disputes opened")!, (long)all.Value("Disputes still open")!));
        Assert.Equal([1L, 2L, 2L, 3m, 21.00m], all.Row("levels", 1L)); // level 1: SUB 14 + TOP 7, on 2 + 1 lots
        Assert.Equal([2L, 1L, 1L, 2m, 3.00m], all.Row("levels", 2L));
        var topRow = all.Row("partners", topCode).ToList();
        topRow.RemoveAt(1); // its name
        Assert.Equal([topCode, "Active", null, 1L, 1L, 1L, 1L, 1L, 1m, 7.00m, 3.00m, 10.00m], topRow);
        Assert.Equal((topCode, 2L, 14.00m, 14.00m), ((string?)all.Cell("partners", subCode, "Parent"), (long)all.Cell("partners", subCode, "Depth")!,
            (decimal)all.Cell("partners", subCode, "Level 1")!, (decimal)all.Cell("partners", subCode, "Total")!));
        Assert.Equal([Day, 2L, 24.00m], all.Row("daily", Day));
        var dispute = Assert.Single(all.Table("disputes").Rows);
        Assert.Equal((subCode, 1L, "Open"), (dispute[1], dispute[5], dispute[7]));
        Assert.Equal(2, all.Table("attributions").Rows.Count);

        // In a zone half an hour off UTC the days are made from each attribution's and line's own time (13:30–16:30 in Kolkata): the same day, the same totals.
        Must.Succeed(await app.SendAs("manager", new Core.Staff.Profile.SetPreferences("Asia/Kolkata", false)));
        try
        {
            var kolkata = await RunAsync(app, ReportKind.Partners, new ReportFilter(Day, Day));
            Assert.Equal([Day, 2L, 24.00m], kolkata.Row("daily", Day));
            Assert.Equal((2L, 24.00m), ((long)kolkata.Value("Clients attributed")!, (decimal)kolkata.Value("Commission (USD)")!));
        }
        finally
        {
            Must.Succeed(await app.SendAs("manager", new Core.Staff.Profile.SetPreferences("UTC", false)));
        }

        // Each client filter alone selects the clients, and with them the partners and commission that are theirs.
        var germany = await RunAsync(app, ReportKind.Partners, new ReportFilter(Day, Day, Country: "DE"));
        Assert.Equal((1L, 7.00m, 0L), ((long)germany.Value("Clients attributed")!, (decimal)germany.Value("Commission (USD)")!, (long)germany.Value("Disputes opened")!));
        Assert.Equal([topCode], germany.Table("partners").Rows.Select(r => r[0]));
        var ecn = await RunAsync(app, ReportKind.Partners, new ReportFilter(Day, Day, AccountType: "ECN"));
        Assert.Equal(7.00m, ecn.Value("Commission (USD)"));
        var managed = await RunAsync(app, ReportKind.Partners, new ReportFilter(Day, Day, Staff: "support"));
        Assert.Equal((17.00m, 1L), ((decimal)managed.Value("Commission (USD)")!, (long)managed.Value("Disputes opened")!));
        Assert.Equal([subCode, topCode], managed.Table("partners").Rows.Select(r => (string)r[0]!).Order(StringComparer.Ordinal));
        Assert.Equal(3.00m, managed.Cell("partners", topCode, "Override levels"));

        // All together: the British client is not in Germany.
        var none = await RunAsync(app, ReportKind.Partners, new ReportFilter(Day, Day, AccountType: "Standard", Country: "DE", Staff: "support"));
        Assert.Equal((0L, 0m), ((long)none.Value("Clients attributed")!, (decimal)none.Value("Commission (USD)")!));
        Assert.Empty(none.Table("partners").Rows);

        // Another day holds none of it; who may read it is data.
        var before = await RunAsync(app, ReportKind.Partners, new ReportFilter(Day.AddDays(-1), Day.AddDays(-1)));
        Assert.Equal(0m, before.Value("Commission (USD)"));
        Assert.True((await app.QueryAs("ib", new Core.Reports.Partners.PartnerReport(new ReportFilter(Day, Day)))).Succeeded);
        await Assert.ThrowsAsync<Core.Common.AccessDeniedException>(() => app.QueryAs("support", new Core.Reports.Partners.PartnerReport(new ReportFilter(Day, Day))));
    }

    /// <summary>
    /// The attributions a client filter lists come from the filter's kept rows, in time order: a Norwegian client of compliance's on
    /// Standard, a Norwegian one of nobody's on ECN, a Swedish one of compliance's on Standard, attributed a minute apart (the next
    /// morning by the app's clock, which only moves ahead: never the other test's day).
    /// </summary>
    [Fact]
    public async Task Filtered_attribution_lists_come_from_kept_rows_that_follow_the_client_and_equal_a_rebuild()
    {
        var start = app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(1).AddHours(9);
        var day = DateOnly.FromDateTime(start);
        app.Clock.SetUtcNow(start);
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(start, "lists", (1, 5m)));
        var (oneCode, twoCode) = (CommissionBook.Code("LST"), CommissionBook.Code("LSU"));
        await CommissionBook.PartnerAsync(app, oneCode, null, plan.Code);
        await CommissionBook.PartnerAsync(app, twoCode, null, plan.Code);
        var compliance = (await app.ActorAsync("compliance")).StaffId!; // the other test filters by support
        var oslo = await TraderAsync(app, "NO", "Standard", compliance);
        var bergen = await TraderAsync(app, "NO", "ECN", null);
        var malmo = await TraderAsync(app, "SE", "Standard", compliance);
        foreach (var (client, code) in new[] { (oslo.Client, oneCode), (bergen.Client, twoCode), (malmo.Client, oneCode) })
        {
            Must.Succeed(await app.SendAs("ib", new Core.Partners.AttributeClient(client, code)));
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
        var numbers = await app.Db(db => db.Clients.Where(c => c.Id == oslo.Client || c.Id == bergen.Client || c.Id == malmo.Client).ToDictionaryAsync(c => c.Id, c => c.Number));
        async Task<long[]> ListedAsync(ReportFilter filter) =>
            [.. (await RunAsync(app, ReportKind.Partners, filter with { From = day, To = day })).Table("attributions").Rows.Select(r => (long)r[1]!)];
        long[] Numbers(params long[] clients) => [.. clients.Select(c => numbers[c])];

        Assert.Equal(Numbers(oslo.Client, bergen.Client), await ListedAsync(new ReportFilter(Country: "NO")));
        Assert.Equal(Numbers(oslo.Client, malmo.Client), await ListedAsync(new ReportFilter(Staff: "compliance")));
        Assert.Equal(Numbers(bergen.Client), await ListedAsync(new ReportFilter(AccountType: "ECN")));
        Assert.Equal(Numbers(oslo.Client), await ListedAsync(new ReportFilter(AccountType: "Standard", Country: "NO", Staff: "compliance")));
        Assert.Equal(Numbers(oslo.Client, bergen.Client, malmo.Client), await ListedAsync(new ReportFilter()));

        // The Bergen client opens a Standard account too: now in that type's list. The Oslo client goes to another manager.
        var standard = await app.Db(db => db.AccountTypes.Where(t => t.Name == "Standard").Select(t => t.Id).FirstAsync());
        Must.Succeed(await app.SendAs("support", new OpenTradingAccount(bergen.Client, standard, "USD")));
        Assert.Equal(Numbers(oslo.Client, bergen.Client, malmo.Client), await ListedAsync(new ReportFilter(AccountType: "Standard")));
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([oslo.Client], (await app.ActorAsync("finance")).StaffId!)));
        Assert.Equal(Numbers(malmo.Client), await ListedAsync(new ReportFilter(Staff: "compliance")));
        Assert.Equal(Numbers(oslo.Client), await ListedAsync(new ReportFilter(Staff: "finance", Country: "NO")));

        // What the commands kept is what filing from scratch gives.
        static IQueryable<ListEntry> All(Core.Common.Data.BackOfficeDb db) =>
            db.ListEntries.AsNoTracking().OrderBy(e => e.Kind).ThenBy(e => e.RowId).ThenBy(e => e.Country).ThenBy(e => e.ManagerId).ThenBy(e => e.AccountTypeId);
        var kept = await app.Db(db => All(db).Select(e => new { e.Kind, e.RowId, e.Country, e.ManagerId, e.AccountTypeId, e.ClientId, e.At }).ToListAsync());
        await app.Db(async db => { await ListEntries.RebuildAsync(db, default); return 0; });
        var filed = await app.Db(db => All(db).Select(e => new { e.Kind, e.RowId, e.Country, e.ManagerId, e.AccountTypeId, e.ClientId, e.At }).ToListAsync());
        Assert.Equal(filed, kept);
        Assert.Equal(3 + 4 * 2, kept.Count(e => e.Kind == ListEntryKind.Attribution && e.ClientId == bergen.Client)); // two types
    }

    internal static async Task<(long Client, TradingAccount Account)> TraderAsync(TestApp app, string country, string accountType, string? managerId)
    {
        var id = await ReportBook.RegisterAsync(app, country, managerId);
        await ApproveAsync(app, id);
        var typeId = await app.Db(db => db.AccountTypes.Where(t => t.Name == accountType).Select(t => t.Id).FirstAsync());
        var opened = await app.SendAs("support", new OpenTradingAccount(id, typeId, "USD"));
        Must.Succeed(opened);
        await ClientBook.SyncAsync(app);
        return (id, await ClientBook.AccountAsync(app, opened.Value));
    }
}
