using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Tests.Kyc.Monitoring.MonitoringBook;

namespace BackOffice.Tests.Kyc.Risk;

/// <summary>The country risk list as data: each test owns the countries it changes and puts them back, since the database is shared.</summary>
[Trait("Category", "Database")]
public sealed class CountryRiskListTests(SharedApp app) : IClassFixture<SharedApp>
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private Task<KycCase> CaseAsync(long id) => app.Db(db => db.KycCases.AsNoTracking().SingleAsync(k => k.ClientId == id));

    private Task<RiskRecord> LastRecordAsync(long id) =>
        app.Db(db => db.RiskRecords.AsNoTracking().Where(r => r.ClientId == id).OrderByDescending(r => r.Id).FirstAsync());

    private Task<CountryRiskEntry?> EntryAsync(string code) => app.Db(db => db.CountryRisks.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code));

    private async Task<long> ApprovedResidentOfAsync(string country)
    {
        var id = await ClientBook.RegisterAsync(app, ClientBook.Person(country: country));
        Must.Succeed(await app.SendAs("compliance", new RecordClientDeclaration(id, SourceOfFunds.Salary, 20_000, "Engineer", OccupationCategory.Employed, false)));
        Must.Succeed(await app.SendAs("compliance", new SubmitClientForReview(id, "Application complete")));
        await KycBook.AcceptAllRequiredAsync(app, id);
        Must.Succeed(await app.SendAs("compliance", new ApproveClient(id, "Documents verified")));
        return id;
    }

    private async Task SetAsync(string code, CountryRisk risk, string reason = "Put back after the test") =>
        Must.Succeed(await app.SendAs("admin", new SetCountryRisk(code, risk, reason)));

    [Fact]
    public async Task The_list_is_seeded_from_the_fatf_lists()
    {
        var rows = await app.Db(db => db.CountryRisks.AsNoTracking().ToListAsync());
        Assert.Equal(CountryRiskList.Fatf.Countries.OrderBy(c => c.Code).Select(c => (c.Code, c.Name, c.Risk)),
            rows.OrderBy(r => r.Code).Select(r => (r.Code, r.Name, r.Risk)));
        Assert.Equal(CountryRiskList.Fatf.Source, (await app.Db(db => db.CountryRiskEditions.SingleAsync())).Source);
    }

    [Fact]
    public async Task Raising_a_country_to_high_risk_scores_its_residents_high_with_the_reason_opens_due_diligence_and_restricts_them()
    {
        var id = await ApprovedResidentOfAsync("PH");
        Assert.Equal(RiskLevel.Low, (await CaseAsync(id)).RiskLevel);
        try
        {
            var result = await app.SendAs("admin", new SetCountryRisk("ph", CountryRisk.HighRisk, "FATF call for action, February 2026 plenary"));
            Must.Succeed(result);
            Assert.Equal(new CountryRiskChange(CountryRisk.Standard, CountryRisk.HighRisk, 1), result.Value);
            Assert.Equal("Philippines", (await EntryAsync("PH"))!.Name);

            var kycCase = await CaseAsync(id);
            Assert.Equal(RiskLevel.High, kycCase.RiskLevel);
            var record = await LastRecordAsync(id);
            Assert.Equal("country risk list: PH Philippines from standard to high risk (call for action): FATF call for action, February 2026 plenary",
                record.Trigger);
            Assert.Contains("PH Philippines is a high-risk jurisdiction subject to an FATF call for action", record.Factors);

            var edd = await app.Db(db => db.EddCases.AsNoTracking().SingleAsync(e => e.ClientId == id));
            Assert.Contains("High risk", edd.Reasons);
            var client = await ClientBook.ClientAsync(app, id);
            Assert.Equal(ClientStatus.Restricted, client.Status);
            Assert.Equal(RestrictionCategory.EnhancedDueDiligence, client.RestrictionCategory);

            var audit = await app.Db(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "CountryRisk" && a.EntityId == "PH")
                .OrderByDescending(a => a.Sequence).FirstAsync());
            Assert.Equal("FATF call for action, February 2026 plenary", audit.Reason);
            Assert.Contains("\"Code\":\"PH\"", audit.After);
            Assert.Contains($"\"Risk\":{(int)CountryRisk.HighRisk}", audit.After);
        }
        finally
        {
            await SetAsync("PH", CountryRisk.Standard, "Taken off after the March 2026 plenary");
        }

        Assert.Null(await EntryAsync("PH"));
        Assert.Equal(RiskLevel.Low, (await CaseAsync(id)).ScoredLevel);
        Assert.StartsWith("country risk list: PH Philippines from high risk (call for action) to standard", (await LastRecordAsync(id)).Trigger);
    }

    [Fact]
    public async Task Setting_the_level_a_country_already_has_changes_nothing()
    {
        var result = await app.SendAs("admin", new SetCountryRisk("KE", CountryRisk.IncreasedMonitoring, "Still grey-listed"));
        Must.Succeed(result);
        Assert.Equal(new CountryRiskChange(CountryRisk.IncreasedMonitoring, CountryRisk.IncreasedMonitoring, 0), result.Value);
    }

    [Fact]
    public async Task An_unknown_country_a_missing_reason_or_a_missing_permission_is_refused_and_nothing_changes()
    {
        var unknown = Must.Fail(await app.SendAs("admin", new SetCountryRisk("XX", CountryRisk.HighRisk, "New call for action")), "validation");
        Assert.Contains("'XX' is not a country code we know", unknown.Message);
        var blank = Must.Fail(await app.SendAs("admin", new SetCountryRisk("NG", CountryRisk.HighRisk, " ")), "validation");
        Assert.Contains("Say why the country's risk changes.", blank.Fields!["Reason"]);
        Must.Fail(await app.SendAs("support", new SetCountryRisk("NG", CountryRisk.HighRisk, "New call for action")), "forbidden");
        Must.Fail(await app.SendAs("admin", new SetCountryRiskEdition(" ", "New plenary")), "validation");
        Must.Fail(await app.SendAs("support", new SetCountryRiskEdition("FATF, June 2026", "New plenary")), "forbidden");

        Assert.Null(await EntryAsync("NG"));
        Assert.Equal(CountryRiskList.Fatf.Source, (await app.Db(db => db.CountryRiskEditions.SingleAsync())).Source);
    }

    [Fact]
    public async Task The_edition_is_quoted_in_the_explanations_written_after_it_changes()
    {
        Must.Succeed(await app.SendAs("admin", new SetCountryRiskEdition("FATF public statements of 13 February 2026", "February plenary published")));
        try
        {
            var id = await ClientBook.RegisterAsync(app, ClientBook.Person(country: "KE"));
            Assert.Contains("KE Kenya is under FATF increased monitoring (FATF public statements of 13 February 2026)", (await LastRecordAsync(id)).Factors);
            var audit = await app.Db(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(CountryRiskEdition))
                .OrderByDescending(a => a.Sequence).FirstAsync());
            Assert.Equal("February plenary published", audit.Reason);
        }
        finally
        {
            Must.Succeed(await app.SendAs("admin", new SetCountryRiskEdition(CountryRiskList.Fatf.Source, "Put back after the test")));
        }
    }

    [Fact]
    public async Task Monitoring_flags_logins_from_the_countries_the_edited_list_calls_high_risk()
    {
        try
        {
            await SetAsync("TH", CountryRisk.HighRisk, "Internal decision after a typology report");
            await SetAsync("KP", CountryRisk.IncreasedMonitoring, "Test: only to see the rule follow the list");

            var fromThailand = await ClientBook.RegisterAsync(app);
            await RecordAsync(app, Login(fromThailand, Now, "TH"));
            var alert = Assert.Single(await AlertsAsync(app, fromThailand));
            Assert.Equal(HighRiskCountryAccess.RuleCode, alert.RuleCode);
            Assert.Contains("Login from TH Thailand, a high-risk jurisdiction", alert.Sentence);

            var fromNorthKorea = await ClientBook.RegisterAsync(app);
            await RecordAsync(app, Login(fromNorthKorea, Now, "KP"));
            Assert.Empty(await AlertsAsync(app, fromNorthKorea));
        }
        finally
        {
            await SetAsync("TH", CountryRisk.Standard);
            await SetAsync("KP", CountryRisk.HighRisk);
        }
    }
}
