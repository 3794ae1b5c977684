using BackOffice.Core.Reports;
using BackOffice.Core.Staff.Profile;
using static BackOffice.Tests.Reports.ReportBook;

namespace BackOffice.Tests.Reports;

[Trait("Category", "Database")]
public sealed class ReportFilterTests(SharedApp app) : IClassFixture<SharedApp>
{
    private static IEnumerable<KeyValuePair<string, string?>> QueryOf(string query) =>
        query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
            .Select(p => new KeyValuePair<string, string?>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1])));

    [Fact]
    public void A_filter_survives_the_address_bar_and_a_mistyped_one_says_what_is_wrong()
    {
        var filter = new ReportFilter(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 26), "Pro", "AE", "Gulf & Levant", "finance2");
        var query = filter.ToQueryString();
        Assert.Equal("from=2026-11-01&to=2026-11-26&type=Pro&country=AE&group=Gulf%20%26%20Levant&staff=finance2", query);
        var (back, errors) = ReportFilter.Parse(QueryOf(query));
        Assert.Empty(errors);
        Assert.Equal(filter, back);
        Assert.Equal("", new ReportFilter().ToQueryString());

        var (_, bad) = ReportFilter.Parse(QueryOf("from=26/11/2026&region=EU"));
        Assert.Equal(["'region' is not a report filter (use from, to, type, country, group, staff).", "'26/11/2026' is not a date: write from as yyyy-mm-dd."],
            bad);
    }

    [Fact]
    public async Task Bad_ranges_and_unknown_values_are_refused_with_a_sentence_and_nothing_runs()
    {
        var backwards = Must.Fail(await app.QueryAs("manager", new Core.Reports.Accounts.AccountReport(
            new ReportFilter(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 1)))), "validation");
        Assert.Contains("The end date (2026-11-01) is before the start date (2026-11-20).", backwards.Message);

        var tooLong = Must.Fail(await app.QueryAs("manager", new Core.Reports.Payments.PaymentReport(
            new ReportFilter(new DateOnly(2024, 1, 1), new DateOnly(2026, 11, 26)))), ReportScopes.RangeTooLong);
        Assert.Equal("The range covers 1,061 days; a report on screen covers at most 366. Use the background export for a longer range.", tooLong.Message);
        // The same range is accepted by the background export.
        Must.Succeed(await app.QueryAs("manager", new Core.Reports.Payments.PaymentReport(new ReportFilter(new DateOnly(2024, 1, 1), new DateOnly(2026, 11, 26)), ReportUse.Background)));

        var unknown = Must.Fail(await app.QueryAs("manager", new Core.Reports.Accounts.AccountReport(
            new ReportFilter(AccountType: "Gold", Country: "XX", RegionGroup: "Atlantis", Staff: "nobody"))), "validation");
        Assert.Equal(["There is no account type 'Gold'."], unknown.Fields![ReportFilter.TypeKey]);
        Assert.Equal(["'XX' is not a country code we know (two letters, e.g. GB)."], unknown.Fields[ReportFilter.CountryKey]);
        Assert.Equal(["There is no region group 'Atlantis'."], unknown.Fields[ReportFilter.GroupKey]);
        Assert.Equal(["There is no staff member 'nobody'."], unknown.Fields[ReportFilter.StaffKey]);

        var notAboutClients = Must.Fail(await app.QueryAs("manager", new Core.Reports.Access.PermissionReport(new ReportFilter(Country: "GB"))), "validation");
        Assert.Contains("The permission report is not about clients: it cannot be filtered by country.", notAboutClients.Message);
    }

    [Fact]
    public async Task A_report_needs_its_family_permission()
    {
        await Assert.ThrowsAsync<Core.Common.AccessDeniedException>(() => app.QueryAs("finance", new Core.Reports.Accounts.AccountReport(new ReportFilter())));
        await Assert.ThrowsAsync<Core.Common.AccessDeniedException>(() => app.QueryAs("support", new Core.Reports.Payments.PaymentReport(new ReportFilter())));
        Must.Succeed(await app.QueryAs("finance", new Core.Reports.Payments.PaymentReport(new ReportFilter())));
        Must.Succeed(await app.QueryAs("compliance", new Core.Reports.Compliance.ComplianceReport(new ReportFilter())));
        Must.Succeed(await app.QueryAs("admin", new Core.Reports.Access.PermissionReport(new ReportFilter())));
    }

    [Fact]
    public async Task Days_are_the_operators_days_an_event_at_23_30_utc_belongs_to_the_next_day_in_utc_plus_2()
    {
        Must.Succeed(await app.SendAs("compliance2", new SetPreferences("Africa/Johannesburg", false)));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.Zero)); // the app's clock starts at 09:00 that day
        await RegisterAsync(app, "FI");
        var nextDay = await RunAsync(app, ReportKind.Accounts, new ReportFilter(new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 27), Country: "FI"), "compliance2");
        Assert.Equal(1L, nextDay.Value("New registrations"));
        Assert.Equal(1L, nextDay.Cell("daily", new DateOnly(2026, 11, 27), "Registrations"));
        Assert.Contains(new KeyValuePair<string, string>("Time zone", "Africa/Johannesburg"), nextDay.Filters);
        var sameDay = await RunAsync(app, ReportKind.Accounts, new ReportFilter(new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26), Country: "FI"), "compliance2");
        Assert.Equal(0L, sameDay.Value("New registrations"));
        // In UTC the same registration is on the 26th.
        var utc = await RunAsync(app, ReportKind.Accounts, new ReportFilter(new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26), Country: "FI"), "compliance");
        Assert.Equal(1L, utc.Value("New registrations"));
    }
}
