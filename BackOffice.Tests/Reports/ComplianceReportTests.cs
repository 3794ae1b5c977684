using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Edd;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Reports;
using BackOffice.Core.Reports.Compliance;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Kyc;
using BackOffice.Tests.Kyc.Monitoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static BackOffice.Tests.Reports.ReportBook;

namespace BackOffice.Tests.Reports;

[Trait("Category", "Database")]
public sealed class ComplianceReportTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Task<EddCase> EddAsync(long clientId) => app.Db(db => db.EddCases.AsNoTracking().SingleAsync(e => e.ClientId == clientId));

    /// <summary>Every item of the client's due diligence ticked by one officer, then signed off by another.</summary>
    private async Task SignOffEddAsync(long clientId)
    {
        foreach (var item in Enum.GetValues<EddItem>())
        {
            var open = await EddAsync(clientId);
            Must.Succeed(await app.SendAs("compliance", new UpdateEddItem(open.Id, item, true, "Evidence on file", open.Version)));
        }
        var edd = await EddAsync(clientId);
        Must.Succeed(await app.SendAs("compliance2", new SignOffEdd(edd.Id, "Source of wealth evidenced", edd.Version)));
    }

    private async Task<long> PepAsync(string country)
    {
        var id = await RegisterAsync(app, country);
        Must.Succeed(await app.SendAs("compliance", new RecordClientDeclaration(id, SourceOfFunds.Salary, 20_000, "Minister", OccupationCategory.Employed, true)));
        return id;
    }

    [Fact]
    public async Task Alerts_are_counted_on_the_operators_days_across_a_daylight_saving_switch_and_in_a_half_hour_zone()
    {
        // Athens is UTC+2, and UTC+3 from 01:00 UTC on 28 March 2027; Kolkata is UTC+5:30. Each alert is a login from a sanctioned country.
        Must.Succeed(await app.SendAs("compliance2", new Core.Staff.Profile.SetPreferences("Europe/Athens", false)));
        Must.Succeed(await app.SendAs("manager", new Core.Staff.Profile.SetPreferences("Asia/Kolkata", false)));
        try
        {
            DateTime[] times =
            [
                new(2027, 3, 27, 18, 15, 0), // Athens 20:15 on the 27th, Kolkata 23:45 on the 27th
                new(2027, 3, 27, 18, 45, 0), // Athens 20:45 on the 27th, Kolkata 00:15 on the 28th: the same UTC hour
                new(2027, 3, 27, 21, 30, 0), // Athens 23:30 on the 27th, Kolkata 03:00 on the 28th
                new(2027, 3, 27, 22, 30, 0), // Athens 00:30 on the 28th, Kolkata 04:00 on the 28th
                new(2027, 3, 28, 21, 30, 0), // Athens 00:30 on the 29th (summer time), Kolkata 03:00 on the 29th
            ];
            foreach (var at in times)
            {
                app.Clock.SetUtcNow(new DateTimeOffset(at, TimeSpan.Zero));
                await MonitoringBook.RecordAsync(app, MonitoringBook.Login(await RegisterAsync(app, "GR"), at, "KP"));
            }
            app.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 30, 9, 0, 0, TimeSpan.Zero));
            var (first, last) = (new DateOnly(2027, 3, 27), new DateOnly(2027, 3, 29));
            DateOnly[] days = [first, first.AddDays(1), last];
            async Task<long[]> DaysAsync(string user)
            {
                var report = await RunAsync(app, ReportKind.Compliance, new ReportFilter(first, last, Country: "GR"), user);
                Assert.Equal(5L, report.Value("AML alerts"));
                Assert.Equal(5L, report.Table("aml").Rows.Sum(r => (long)r[1]!));
                return [.. days.Select(d => (long)report.Cell("daily", d, "AML alerts")!)];
            }
            Assert.Equal(new[] { 3L, 1L, 1L }, await DaysAsync("compliance2"));
            Assert.Equal(new[] { 1L, 3L, 1L }, await DaysAsync("manager"));
            Assert.Equal(new[] { 4L, 1L, 0L }, await DaysAsync("compliance"));
        }
        finally
        {
            Must.Succeed(await app.SendAs("manager", new Core.Staff.Profile.SetPreferences("UTC", false)));
        }
    }

    [Fact]
    public async Task Expiry_ratio_high_risk_due_diligence_screening_hits_and_aml_alerts_are_worked_out()
    {
        var today = Today(app);
        // Ireland: two PEPs (high risk, due diligence opened); one signs off a day later. One client's passport expires in 20 days.
        var open = await PepAsync("IE");
        var signed = await PepAsync("IE");
        var expiring = await RegisterAsync(app, "IE");
        var identityType = (await app.Db(db => db.DocumentRequirements.Where(r => r.Kind == ClientKind.Individual && r.RequiredForApproval)
            .Select(r => r.DocumentType).ToListAsync())).First(t => DocumentType.Find(t)!.Purpose == DocumentPurpose.Identity);
        var passport = await KycBook.UploadAsync(app, expiring, identityType);
        await KycBook.AcceptAsync(app, passport, KycBook.DataFor(identityType, app.Clock.GetUtcNow().UtcDateTime) with { ExpiresOn = today.AddDays(20) });
        var valid = await KycBook.UploadAsync(app, signed, identityType);
        await KycBook.AcceptAsync(app, valid); // expires in eight years
        await MonitoringBook.RecordAsync(app, MonitoringBook.Login(open, app.Clock.GetUtcNow().UtcDateTime, "KP"));

        app.Clock.Advance(TimeSpan.FromDays(1));
        await SignOffEddAsync(signed);

        var report = await RunAsync(app, ReportKind.Compliance, new ReportFilter(today, today.AddDays(1), Country: "IE"));
        Assert.Equal(0m, report.Value("Document expiry ratio"));
        Assert.Equal(1L, report.Value("Documents expiring within 60 days"));
        Assert.Equal(2L, report.Value("High-risk clients"));
        Assert.Equal(2L, report.Value("Became high risk"));
        Assert.Equal((1L, 0L, 1L), (report.Value("EDD open"), report.Value("EDD overdue"), report.Value("EDD signed off")));
        Assert.Equal(1m, report.Cell("edd", (await ClientBook.ClientAsync(app, signed)).Number, "Days to sign off"));
        Assert.Equal(1L, report.Value("AML alerts"));
        var aml = Assert.Single(report.Table("aml").Rows);
        Assert.Equal([1L, 1L, 0L, 0L, 0L], aml[1..]);
        Assert.Equal([today, 0L, 1L, 2L], report.Row("daily", today));

        // A month on: the passport has expired (1 of 2) and the open due diligence is overdue.
        app.Clock.Advance(TimeSpan.FromDays(30));
        var later = await RunAsync(app, ReportKind.Compliance, new ReportFilter(today, Today(app), Country: "IE"));
        Assert.Equal(0.5m, later.Value("Document expiry ratio"));
        Assert.Equal([1L, 0.5m], later.Row("documents", "Expired")[1..]);
        Assert.Equal((1L, 1L), (later.Value("EDD open"), later.Value("EDD overdue")));

        // Czechia: a client named like a listed party; compliance dismisses one of the hits.
        var listed = await app.SendAs("support", new RegisterClient(ClientBook.Person(country: "CZ") with
            { FirstName = "Ivan", LastName = "Petrov", DateOfBirth = new DateOnly(1971, 3, 14) }));
        Must.Succeed(listed);
        var hits = await app.Db(db => db.ScreeningHits.AsNoTracking().Where(h => h.ClientId == listed.Value!.Id).ToListAsync());
        Assert.True(hits.Count >= 2);
        Must.Succeed(await app.SendAs("compliance", new DismissScreeningHit(hits[0].Id, "Different person: other middle name")));
        var screening = await RunAsync(app, ReportKind.Compliance, new ReportFilter(Today(app), Today(app), Country: "CZ"));
        Assert.Equal((long)hits.Count, screening.Value("Screening hits"));
        Assert.Equal((long)(hits.Count - 1), screening.Row("screening", "Open")[3]);
        Assert.Equal(1L, screening.Row("screening", "False positive")[3]);
    }

    [Fact]
    public async Task Kept_expiry_counts_equal_the_documents_for_every_filter_after_late_changes()
    {
        var today = Today(app);
        var support = (await app.ActorAsync("support")).StaffId!;
        var identityType = (await app.Db(db => db.DocumentRequirements.Where(r => r.Kind == ClientKind.Individual && r.RequiredForApproval)
            .Select(r => r.DocumentType).ToListAsync())).First(t => DocumentType.Find(t)!.Purpose == DocumentPurpose.Identity);
        var standard = await app.Db(db => db.AccountTypes.Where(t => t.Name == "Standard").Select(t => t.Id).FirstAsync());
        // Denmark: a managed client whose passport expires in 20 days, and an unmanaged one with a passport valid for years.
        var soon = await RegisterAsync(app, "DK", support);
        var later = await RegisterAsync(app, "DK");
        var passport = await KycBook.UploadAsync(app, soon, identityType);
        await KycBook.AcceptAsync(app, passport, KycBook.DataFor(identityType, app.Clock.GetUtcNow().UtcDateTime) with { ExpiresOn = today.AddDays(20) });
        await KycBook.AcceptAsync(app, await KycBook.UploadAsync(app, later, identityType));
        var first = await SameAsDocumentsAsync();
        Assert.Equal((2L, 0L, 1L), first[0]); // LU, no other filter

        // Late: the second client gets a standard account and the manager, the first loses its manager, and a month passes.
        await ApproveAsync(app, later);
        Must.Succeed(await app.SendAs("support", new Core.Accounts.TradingAccounts.OpenTradingAccount(later, standard, "USD")));
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([later], support)));
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([soon], null)));
        app.Clock.Advance(TimeSpan.FromDays(30));
        var moved = await SameAsDocumentsAsync();
        Assert.Equal(1L, moved[0].Expired);
        Assert.True(moved[3].All > 0, "the managed standard client's documents count under both filters");

        // What the commands kept is what counting every document from scratch gives.
        var kept = await CountsAsync();
        await app.Db(async db => { await DocumentExpiryCounts.RebuildAsync(db, default); return 0; });
        Assert.Equal(kept, await CountsAsync());

        async Task<List<(long All, long Expired, long Expiring)>> SameAsDocumentsAsync()
        {
            var now = Today(app);
            var seen = new List<(long, long, long)>();
            foreach (var (staff, managerId, type, typeId) in new (string? Staff, string? ManagerId, string? Type, int? TypeId)[]
                     { (null, null, null, null), ("support", support, null, null), (null, null, "Standard", standard), ("support", support, "Standard", standard) })
            {
                var direct = await app.Db(async db =>
                {
                    var days = await (from d in db.KycDocuments
                                      join c in db.Clients on d.ClientId equals c.Id
                                      where d.Status == DocumentStatus.Accepted && d.ExpiresOn != null && c.Country == "DK"
                                            && (managerId == null || c.ManagerId == managerId)
                                            && (typeId == null || db.TradingAccounts.Any(a => a.ClientId == c.Id && a.AccountTypeId == typeId && !a.IsDemo))
                                      select d.ExpiresOn!.Value).ToListAsync();
                    return ((long)days.Count, (long)days.Count(e => e < now), (long)days.Count(e => e >= now && e < now.AddDays(60)));
                });
                var report = await RunAsync(app, ReportKind.Compliance, new ReportFilter(now, now, Country: "DK", Staff: staff, AccountType: type));
                var shown = ((long)report.Row("documents", "Valid beyond 60 days")[1]! + (long)report.Row("documents", "Expiring within 60 days")[1]!
                    + (long)report.Row("documents", "Expired")[1]!, (long)report.Row("documents", "Expired")[1]!, (long)report.Value("Documents expiring within 60 days")!);
                Assert.Equal(direct, shown);
                seen.Add(direct);
            }
            return seen;
        }

        async Task<List<string>> CountsAsync() => [.. (await app.Db(db => db.DocumentExpiryCounts.AsNoTracking().ToListAsync()))
            .Select(x => $"{x.Country}|{x.ManagerId}|{x.AccountTypeId}|{x.ExpiresOn:yyyy-MM-dd}|{x.Documents}").Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Kept_compliance_rows_equal_the_data_for_every_filter_after_late_changes()
    {
        var from = Today(app);
        var support = (await app.ActorAsync("support")).StaffId!;
        var standard = await app.Db(db => db.AccountTypes.Where(t => t.Name == "Standard").Select(t => t.Id).FirstAsync());
        // Portugal: two PEPs (high risk, due diligence opened), one of them with an AML alert; a plain managed client.
        var first = await PepAsync("PT");
        var second = await PepAsync("PT");
        var plain = await RegisterAsync(app, "PT", support);
        await MonitoringBook.RecordAsync(app, MonitoringBook.Login(first, app.Clock.GetUtcNow().UtcDateTime, "KP"));
        var listed = await app.SendAs("support", new RegisterClient(ClientBook.Person(country: "PT") with
            { FirstName = "Ivan", LastName = "Petrov", DateOfBirth = new DateOnly(1971, 3, 14) }));
        Must.Succeed(listed);
        await SameAsDataAsync();

        // Late and out of order: a day on, the first PEP gets the manager, the plain client loses it and opens a standard
        // account, the second PEP's due diligence is signed off, an alert and a hit are decided, and the second PEP is set
        // back to low risk (four eyes); then 40 days pass, so the open due diligence is overdue.
        app.Clock.Advance(TimeSpan.FromDays(1));
        await ApproveAsync(app, plain);
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([first], support)));
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([plain], null)));
        Must.Succeed(await app.SendAs("support", new Core.Accounts.TradingAccounts.OpenTradingAccount(plain, standard, "USD")));
        await SignOffEddAsync(second);
        var alert = (await MonitoringBook.AlertsAsync(app, first)).First();
        Must.Succeed(await app.SendAs("compliance", new CloseAmlAlertAsFalsePositive(alert.Id, "VPN exit node; client confirmed by phone")));
        var hit = await app.Db(db => db.ScreeningHits.AsNoTracking().Where(h => h.ClientId == listed.Value!.Id).FirstOrDefaultAsync());
        if (hit is not null) Must.Succeed(await app.SendAs("compliance", new DismissScreeningHit(hit.Id, "Different person: other middle name")));
        var lower = await app.SendAs("compliance", new OverrideRiskLevel(second, RiskLevel.Low, "Source of wealth evidenced"));
        Must.Succeed(await app.SendAs("compliance2", new ApprovePendingOperation(lower.PendingOperationId!.Value, "agreed")));
        app.Clock.Advance(TimeSpan.FromDays(40));
        await SameAsDataAsync();

        // What the commands kept is what filing every row from scratch gives.
        var kept = await RowsAsync();
        await app.Db(async db => { await ComplianceEntries.RebuildAsync(db, default); return 0; });
        Assert.Equal(kept, await RowsAsync());

        async Task SameAsDataAsync()
        {
            var to = Today(app);
            var (fromUtc, toUtc) = (from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
            var dueBefore = app.Clock.GetUtcNow().UtcDateTime.AddDays(-app.Services.GetRequiredService<IOptions<ReportsOptions>>().Value.EddDueDays);
            foreach (var (staff, managerId, type, typeId) in new (string? Staff, string? ManagerId, string? Type, int? TypeId)[]
                     { (null, null, null, null), ("support", support, null, null), (null, null, "Standard", standard), ("support", support, "Standard", standard) })
            {
                var direct = await app.Db(async db =>
                {
                    var clients = db.Clients.Where(c => c.Country == "PT" && (managerId == null || c.ManagerId == managerId)
                        && (typeId == null || db.TradingAccounts.Any(a => a.ClientId == c.Id && a.AccountTypeId == typeId && !a.IsDemo))).Select(c => c.Id);
                    var eddCases = await db.EddCases.Where(e => clients.Contains(e.ClientId)).ToListAsync();
                    return new object?[]
                    {
                        (long)await db.KycCases.CountAsync(k => k.RiskLevel == RiskLevel.High && clients.Contains(k.ClientId)),
                        (long)await db.RiskRecords.Where(r => r.Level == RiskLevel.High && r.At >= fromUtc && r.At < toUtc && clients.Contains(r.ClientId))
                            .Select(r => r.ClientId).Distinct().CountAsync(),
                        (long)eddCases.Count(e => e.Status == EddStatus.Open),
                        (long)eddCases.Count(e => e.Status == EddStatus.Open && e.OpenedAt < dueBefore),
                        (long)eddCases.Count(e => e.SignedOffAt >= fromUtc && e.SignedOffAt < toUtc),
                        (long)await db.ScreeningHits.CountAsync(h => h.RaisedAt >= fromUtc && h.RaisedAt < toUtc && clients.Contains(h.ClientId)),
                        (long)await db.AmlAlerts.CountAsync(a => a.RaisedAt >= fromUtc && a.RaisedAt < toUtc && clients.Contains(a.ClientId)),
                        (long)await db.AmlAlerts.CountAsync(a => a.RaisedAt >= fromUtc && a.RaisedAt < toUtc && a.Status == AmlAlertStatus.ClosedFalsePositive
                            && clients.Contains(a.ClientId)),
                        (long)await db.ScreeningHits.CountAsync(h => h.RaisedAt >= fromUtc && h.RaisedAt < toUtc && h.Status == ScreeningHitStatus.FalsePositive
                            && clients.Contains(h.ClientId)),
                        (long)eddCases.Count(e => e.Status == EddStatus.Open || (e.OpenedAt >= fromUtc && e.OpenedAt < toUtc) || (e.SignedOffAt >= fromUtc && e.SignedOffAt < toUtc)),
                    };
                });
                var report = await RunAsync(app, ReportKind.Compliance, new ReportFilter(from, to, Country: "PT", Staff: staff, AccountType: type));
                var shown = new object?[]
                {
                    report.Value("High-risk clients"), report.Value("Became high risk"), report.Value("EDD open"), report.Value("EDD overdue"),
                    report.Value("EDD signed off"), report.Value("Screening hits"), report.Value("AML alerts"),
                    report.Table("aml").Rows.Sum(r => (long)r[report.Table("aml").Column("False positive")]!),
                    report.Row("screening", "False positive")[3], (long)report.Table("edd").Rows.Count,
                };
                Assert.Equal(direct, shown);
                Assert.Equal((long)direct[0]!, report.Table("high-risk").Rows.Count);
            }
        }

        async Task<List<string>> RowsAsync() => [.. (await app.Db(db => db.ComplianceEntries.AsNoTracking().ToListAsync()))
            .Select(x => $"{x.Kind}|{x.Country}|{x.ManagerId}|{x.AccountTypeId}|{x.ClientId}|{x.Key}|{x.At:O}|{x.Until:O}|{x.Code}|{x.Outcome}").Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Hits_alerts_and_due_diligence_read_the_same_from_the_daily_facts_and_late_changes_show_at_once()
    {
        var (support, compliance) = ((await app.ActorAsync("support")).StaffId!, (await app.ActorAsync("compliance")).StaffId!);
        var day = Today(app);
        // Austria, day D: a PEP managed by support (due diligence opened, an alert for a login from a sanctioned country), and a
        // client named like a listed party (screening hits).
        var pep = await PepAsync("AT");
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([pep], support)));
        await MonitoringBook.RecordAsync(app, MonitoringBook.Login(pep, app.Clock.GetUtcNow().UtcDateTime, "KP"));
        var listed = await app.SendAs("support", new RegisterClient(ClientBook.Person(country: "AT") with
            { FirstName = "Ivan", LastName = "Petrov", DateOfBirth = new DateOnly(1971, 3, 14) }));
        Must.Succeed(listed);
        var hits = await app.Db(db => db.ScreeningHits.AsNoTracking().Where(h => h.ClientId == listed.Value!.Id).ToListAsync());
        Assert.NotEmpty(hits);
        ReportFilter[] filters = [new(day, day, Country: "AT"), new(day, day, Country: "AT", Staff: "support"), new(day, day)];
        var fromData = new List<Report>();
        foreach (var filter in filters) fromData.Add(await RunAsync(app, ReportKind.Compliance, filter));
        Assert.Equal([day, (long)hits.Count, 1L, 2L], fromData[0].Row("daily", day)); // the named client's hits open due diligence too
        Assert.Equal([day, 0L, 1L, 1L], fromData[1].Row("daily", day));

        // Two days later day D has ended: it is built, and every filter reads the same from its facts.
        app.Clock.Advance(TimeSpan.FromDays(2));
        await RefreshAsync();
        Assert.True(await FreshAsync(day));
        for (var i = 0; i < filters.Length; i++) Same(fromData[i], await RunAsync(app, ReportKind.Compliance, filters[i]));

        // Late: a hit of day D dismissed today. The day is stale at once and the report shows where the hit stands now.
        Must.Succeed(await app.SendAs("compliance", new DismissScreeningHit(hits[0].Id, "Different person: other middle name")));
        Assert.False(await FreshAsync(day));
        var dismissed = await RunAsync(app, ReportKind.Compliance, filters[0]);
        Assert.Equal(1L, dismissed.Row("screening", "False positive")[3]);
        await RefreshAsync();
        Assert.True(await FreshAsync(day));
        Same(dismissed, await RunAsync(app, ReportKind.Compliance, filters[0]));

        // The PEP given to another manager takes day D's alert and due diligence along.
        Must.Succeed(await app.SendAs("support", new Core.Accounts.Crm.AssignAccountManager([pep], compliance)));
        Assert.False(await FreshAsync(day));
        Assert.Equal([day, 0L, 0L, 0L], (await RunAsync(app, ReportKind.Compliance, filters[1])).Row("daily", day));
        Assert.Equal([day, 0L, 1L, 1L], (await RunAsync(app, ReportKind.Compliance, new ReportFilter(day, day, Country: "AT", Staff: "compliance"))).Row("daily", day));
        await RefreshAsync();
        Assert.Equal([day, 0L, 0L, 0L], (await RunAsync(app, ReportKind.Compliance, filters[1])).Row("daily", day));
    }

    private async Task RefreshAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Core.Reports.Facts.ReportFactsBuilder>().RefreshAsync(10_000, CancellationToken.None);
    }

    private Task<bool> FreshAsync(DateOnly day) => app.Db(db => db.ReportFactDays.AsNoTracking()
        .AnyAsync(d => d.Family == ReportKind.Compliance && d.Zone == "UTC" && d.Day == day && d.Version == d.BuiltVersion));
}
