using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Regions;
using BackOffice.Tests.Reports;

namespace BackOffice.Tests.Demo;

/// <summary>A first start's demo gives every report real figures to show.</summary>
[Trait("Category", "Database")]
public sealed class DemoReportsTests(DemoBookApp app) : IClassFixture<DemoBookApp>
{
    [Fact]
    public async Task Every_report_family_has_figures_on_the_demo_book()
    {
        Assert.Equal(["DACH", "GCC", "Latin America desk", "Nordics"], (await app.QueryAs("manager", new RegionGroupList())).Select(g => g.Name));
        var year = new ReportFilter(ReportBook.Today(app).AddDays(-365), ReportBook.Today(app));

        var accounts = await ReportBook.RunAsync(app, ReportKind.Accounts, year);
        Assert.True((long)accounts.Value("New registrations")! > 0);
        Assert.True((long)accounts.Value("Approvals")! > 0);
        Assert.True((decimal)accounts.Value("Average time to approve")! > 0);
        var payments = await ReportBook.RunAsync(app, ReportKind.Payments, year);
        Assert.True((long)payments.Value("Deposits started")! > 0);
        Assert.NotEmpty(payments.Table("channels").Rows);
        var compliance = await ReportBook.RunAsync(app, ReportKind.Compliance, year);
        Assert.True((long)compliance.Value("High-risk clients")! > 0);

        // The demo's morning of staff activity, through the real commands.
        var permissions = await ReportBook.RunAsync(app, ReportKind.Permissions, year);
        Assert.Equal((1L, 1L, 1L), (permissions.Value("Four-eyes approved"), permissions.Value("Four-eyes rejected"), permissions.Value("Role changes")));
        Assert.Equal(6L, permissions.Value("Abnormal sign-ins")); // five failures and a new address
        Assert.True((long)permissions.Value("Administrator operations")! >= 8);
        var events = await ReportBook.RunAsync(app, ReportKind.Events, year);
        Assert.True((long)events.Value("Alerts raised")! >= 2);
        Assert.NotNull(events.Value("Average time to acknowledge"));
        Assert.NotNull(events.Value("Average time to resolve"));
    }
}
