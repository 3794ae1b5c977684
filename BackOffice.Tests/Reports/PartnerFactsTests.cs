using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Facts;
using BackOffice.Core.Reports.Regions;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Partners;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BackOffice.Tests.Reports.ReportBook;

namespace BackOffice.Tests.Reports;

/// <summary>The partner report's daily facts and its kept counts of each partner's clients, on an app of their own (its clock moves ahead).</summary>
[Trait("Category", "Database")]
public sealed class PartnerFactsTests(SharedApp app) : IClassFixture<SharedApp>
{
    /// <summary>
    /// Days built into facts read as the data does under every filter, and a late change (a run approved, a client reassigned into
    /// a built day, a client given to another manager, a reassignment dated later than now) reads right at once and after the
    /// next build.
    /// </summary>
    [Fact]
    public async Task Daily_facts_and_kept_client_counts_answer_as_the_data_after_late_changes()
    {
        var start = new DateTime(2026, 12, 12, 8, 0, 0, DateTimeKind.Utc);
        var day = DateOnly.FromDateTime(start);
        app.Clock.SetUtcNow(start);
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(start, "facts", (1, 7m), (2, 1.5m)));
        var (oneCode, twoCode, subCode) = (CommissionBook.Code("ONE"), CommissionBook.Code("TWO"), CommissionBook.Code("UND"));
        await CommissionBook.PartnerAsync(app, oneCode, null, plan.Code);
        await CommissionBook.PartnerAsync(app, twoCode, null, plan.Code);
        await CommissionBook.PartnerAsync(app, subCode, oneCode, plan.Code);
        var support = await app.ActorAsync("support");
        var british = await PartnerReportTests.TraderAsync(app, "GB", "Standard", support.StaffId);
        var french = await PartnerReportTests.TraderAsync(app, "FR", "ECN", null);
        Must.Succeed(await app.SendAs("ib", new Core.Partners.AttributeClient(british.Client, subCode)));
        Must.Succeed(await app.SendAs("ib", new Core.Partners.AttributeClient(french.Client, oneCode)));
        app.Clock.SetUtcNow(start.AddHours(12));
        await CommissionBook.RecordAsync(app, british.Account, (start.AddMinutes(10), DealAction.Buy, DealEntry.In, 2m), (start.AddMinutes(40), DealAction.Sell, DealEntry.Out, 2m));
        await CommissionBook.RecordAsync(app, french.Account, (start.AddHours(2), DealAction.Sell, DealEntry.In, 1m), (start.AddHours(3), DealAction.Buy, DealEntry.Out, 1m));
        var run = await CommissionBook.RunAsync(app, start.Date, start.AddHours(12));
        app.Clock.SetUtcNow(start.AddDays(2)); // both days of the range have ended: they can be built

        Must.Succeed(await app.SendAs("admin", new CreateRegionGroup("Channel", ["GB", "FR"])));
        var range = new ReportFilter(day, day.AddDays(1));
        // The region group reads two facts a day (one per country) and adds them up.
        ReportFilter[] filters = [range, range with { Country = "GB" }, range with { Staff = "support" }, range with { AccountType = "ECN" },
            range with { AccountType = "Standard", Country = "GB", Staff = "support" }, range with { RegionGroup = "Channel" }];
        // Each filter from the data (days not built, or made stale by the change), then from the facts built again: the same.
        async Task<Report[]> BothWaysAsync()
        {
            var fromData = new List<Report>();
            foreach (var f in filters) fromData.Add(await RunAsync(app, ReportKind.Partners, f));
            await using (var scope = app.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<ReportFactsBuilder>().RefreshAsync(10_000, CancellationToken.None);
            Assert.Equal(2, await app.Db(db => db.ReportFactDays.CountAsync(d => d.Family == ReportKind.Partners && d.Zone == "UTC" && d.Day >= day && d.Day <= day.AddDays(1)
                                                                          && d.Version == d.BuiltVersion)));
            var fromFacts = new List<Report>();
            foreach (var f in filters) fromFacts.Add(await RunAsync(app, ReportKind.Partners, f));
            foreach (var (data, facts) in fromData.Zip(fromFacts)) Same(data, facts);
            return [.. fromFacts];
        }
        long ClientsNow(Report r, string code) => (long)r.Cell("partners", code, "Clients now")!;

        var first = await BothWaysAsync();
        Assert.Equal((24.00m, 0m), ((decimal)first[0].Value("Commission (USD)")!, (decimal)first[0].Value("Posted (USD)")!));
        Assert.Equal((17.00m, 17.00m, 7.00m), ((decimal)first[1].Value("Commission (USD)")!, (decimal)first[2].Value("Commission (USD)")!, (decimal)first[3].Value("Commission (USD)")!));
        Assert.Equal((1L, 1L), (ClientsNow(first[0], oneCode), ClientsNow(first[0], subCode)));
        Assert.Equal((24.00m, 2L), ((decimal)first[5].Value("Commission (USD)")!, (long)first[5].Value("Clients attributed")!));
        // All filters: the British client alone, listed (found from support's clients in Great Britain, fewer than the period's attributions).
        Assert.Equal(("GB", subCode), ((string?)first[4].Table("attributions").Rows.Single()[3], (string?)first[4].Table("attributions").Rows.Single()[4]));

        // The run approved: its lines, on built days, now count as posted.
        var asked = await app.SendAs("ib", new ApproveCommissionRun(run.Id, "reviewed"));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(asked.PendingOperationId!.Value, "checked")));
        Assert.Equal(24.00m, (await BothWaysAsync())[0].Value("Posted (USD)"));

        // The French client reassigned from ONE to TWO from the second day, which is built.
        var moved = await app.SendAs("ib", new Core.Partners.ReassignClient(french.Client, twoCode, start.AddDays(1).AddHours(2), "Signed with the other desk"));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(moved.PendingOperationId!.Value, "checked")));
        var reassigned = await BothWaysAsync();
        Assert.Equal((3L, 1L), ((long)reassigned[0].Value("Clients attributed")!, (long)reassigned[0].Value("Reassignments")!));
        Assert.Equal((0L, 1L), (ClientsNow(reassigned[0], oneCode), ClientsNow(reassigned[0], twoCode)));
        Assert.Equal(1L, ClientsNow(reassigned[3], twoCode)); // the ECN filter

        // The British client given to another manager takes its days along: support's filter no longer sees them.
        var compliance = (await app.ActorAsync("compliance")).StaffId!;
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([british.Client], compliance)));
        var given = await BothWaysAsync();
        Assert.Equal((0m, 0L), ((decimal)given[2].Value("Commission (USD)")!, (long)given[2].Value("Clients attributed")!));
        Assert.Empty(given[4].Table("partners").Rows);
        Assert.Equal(17.00m, given[1].Value("Commission (USD)"));

        // A reassignment dated a week ahead changes nobody's clients now until then.
        var ahead = await app.SendAs("ib", new Core.Partners.ReassignClient(british.Client, twoCode, start.AddDays(9), "From next week"));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(ahead.PendingOperationId!.Value, "checked")));
        var waiting = await BothWaysAsync();
        Assert.Equal((1L, 1L), (ClientsNow(waiting[0], subCode), ClientsNow(waiting[0], twoCode)));
        Assert.Equal(1L, ClientsNow(waiting[1], subCode)); // Great Britain
        app.Clock.SetUtcNow(start.AddDays(10));
        var after = await RunAsync(app, ReportKind.Partners, range);
        Assert.Equal((0L, 2L), (ClientsNow(after, subCode), ClientsNow(after, twoCode)));
    }

    /// <summary>On SQLite a report reads on connections of its own, through a memory map of the file: the context goes back to its own connections, which have none.</summary>
    [Fact]
    public async Task A_report_maps_the_file_for_itself_alone()
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Core.Common.CommandContext>().Set(await app.ActorAsync("manager"));
        var db = scope.ServiceProvider.GetRequiredService<Core.Common.Data.BackOfficeDb>();
        var day = Today(app);
        var report = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new Core.Reports.Partners.PartnerReport(new ReportFilter(day, day)));
        Assert.True(report.Succeeded);
        if (db.IsPostgres) return;
        Assert.DoesNotContain("Cache=Private", db.Database.GetConnectionString());
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA mmap_size";
        Assert.Equal(0L, Convert.ToInt64(await command.ExecuteScalarAsync()));
    }
}
