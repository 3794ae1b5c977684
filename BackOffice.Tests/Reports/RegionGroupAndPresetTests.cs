using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Presets;
using BackOffice.Core.Reports.Regions;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Tests.Reports.ReportBook;

namespace BackOffice.Tests.Reports;

[Trait("Category", "Database")]
public sealed class RegionGroupAndPresetTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task An_administrator_defines_a_region_group_every_change_is_audited_and_reports_filter_by_it()
    {
        Must.Fail(await app.SendAs("manager", new CreateRegionGroup("Nordics", ["SE", "NO"])), "forbidden");
        var bad = Must.Fail(await app.SendAs("admin", new CreateRegionGroup("Nordics", ["SE", "XX"])), "validation");
        Assert.Contains("Not a country code we know: XX.", bad.Message);
        var created = await app.SendAs("admin", new CreateRegionGroup("Nordics", ["se", "NO"]));
        Must.Succeed(created);
        Must.Fail(await app.SendAs("admin", new CreateRegionGroup("nordics", ["DK"])), "conflict");
        Must.Succeed(await app.SendAs("admin", new ChangeRegionGroupCountries(created.Value, ["SE", "NO", "DK"])));
        var group = Assert.Single(await app.QueryAs("manager", new RegionGroupList()), g => g.Name == "Nordics");
        Assert.Equal(["DK", "NO", "SE"], group.Countries);
        var audit = await app.Db(db => db.AuditEntries.Where(a => a.EntityType == nameof(RegionGroup) && a.EntityId == created.Value.ToString())
            .OrderBy(a => a.Sequence).Select(a => new { a.Action, a.ActorName, a.After }).ToListAsync());
        Assert.Equal([nameof(CreateRegionGroup), nameof(ChangeRegionGroupCountries)], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("admin", a.ActorName));
        Assert.Contains("DK,NO,SE", audit[1].After);

        // Two clients in the group, one outside it: the group counts two, the group with one of its countries one.
        await RegisterAsync(app, "SE");
        await RegisterAsync(app, "DK");
        await RegisterAsync(app, "PT");
        var today = Today(app);
        Assert.Equal(2L, (await RunAsync(app, ReportKind.Accounts, new ReportFilter(today, today, RegionGroup: "nordics"))).Value("New registrations"));
        Assert.Equal(1L, (await RunAsync(app, ReportKind.Accounts, new ReportFilter(today, today, Country: "DK", RegionGroup: "Nordics"))).Value("New registrations"));
        Assert.Equal(0L, (await RunAsync(app, ReportKind.Accounts, new ReportFilter(today, today, Country: "PT", RegionGroup: "Nordics"))).Value("New registrations"));

        Must.Succeed(await app.SendAs("admin", new RemoveRegionGroup(created.Value)));
        Assert.DoesNotContain(await app.QueryAs("manager", new RegionGroupList()), g => g.Name == "Nordics");
        Assert.Equal(nameof(RemoveRegionGroup), await app.Db(db => db.AuditEntries.OrderByDescending(a => a.Sequence).Select(a => a.Action).FirstAsync()));
    }

    [Fact]
    public async Task A_preset_keeps_a_filter_under_a_name_for_its_owner_only()
    {
        var filter = new ReportFilter(new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 31), Country: "AE");
        var saved = await app.SendAs("finance", new SaveReportPreset(ReportKind.Payments, "UAE October", filter));
        Must.Succeed(saved);
        Must.Fail(await app.SendAs("finance", new SaveReportPreset(ReportKind.Payments, "UAE October", filter)), "conflict");
        Must.Fail(await app.SendAs("finance", new SaveReportPreset(ReportKind.Accounts, "Mine", filter)), "forbidden");
        var invalid = Must.Fail(await app.SendAs("finance", new SaveReportPreset(ReportKind.Payments, "Broken", filter with { Country = "ZZ" })), "validation");
        Assert.Contains("'ZZ' is not a country code we know", invalid.Message);

        var mine = Assert.Single(await app.QueryAs("finance", new MyReportPresets(ReportKind.Payments)));
        Assert.Equal(("UAE October", "from=2026-10-01&to=2026-10-31&country=AE"), (mine.Name, mine.Query));
        Assert.Empty(await app.QueryAs("finance2", new MyReportPresets(ReportKind.Payments)));
        Must.Fail(await app.SendAs("finance2", new DeleteReportPreset(mine.Id)), "not_found");
        Assert.Equal(nameof(SaveReportPreset), await app.Db(db => db.AuditEntries.Where(a => a.EntityType == nameof(ReportPreset) && a.EntityId == mine.Id.ToString())
            .Select(a => a.Action).SingleAsync()));

        Must.Succeed(await app.SendAs("finance", new DeleteReportPreset(mine.Id)));
        Assert.Empty(await app.QueryAs("finance", new MyReportPresets(ReportKind.Payments)));
    }
}
