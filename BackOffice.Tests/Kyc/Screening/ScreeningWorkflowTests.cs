using System.Text;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Kyc;
using BackOffice.Core.Kyc.Corporate;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Kyc.Screening.Matching;
using BackOffice.Infrastructure.Sanctions;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Kyc.Screening;

/// <summary>
/// Screening through the product: the demo lists are imported at start (as an operator would), clients are screened
/// when they register or change their name, and an import re-screens the book against its new and changed entries.
/// Each test uses its own listed parties, so the tests can share one app.
/// </summary>
[Trait("Category", "Database")]
public sealed class ScreeningWorkflowTests(SharedApp app) : IClassFixture<SharedApp>
{
    private static ClientProfile Named(string first, string last, DateOnly born, string country)
    {
        return ClientBook.Person(country: country) with { FirstName = first, LastName = last, DateOfBirth = born };
    }

    private Task<List<ScreeningHitRecord>> HitsAsync(long clientId) =>
        app.Db(db => db.ScreeningHits.AsNoTracking().Where(h => h.ClientId == clientId).OrderBy(h => h.Id).ToListAsync());

    private Task<ScreeningListEntry> EntryAsync(string source, string id) =>
        app.Db(db => db.ScreeningEntries.AsNoTracking().SingleAsync(e => e.Source == source && e.ExternalId == id));

    private IReadOnlyList<ListFile> SampleFiles(string source) =>
        ListFolder.Read(SampleLists.Folder, app.Services.GetRequiredService<IScreeningListReader>()).Single(s => s.Source == source).Files;

    private static ListFile Edited(IReadOnlyList<ListFile> files, string name, Func<string, string> edit)
    {
        var file = files.Single(f => f.Name == name);
        var text = Encoding.UTF8.GetString(file.Content);
        var changed = edit(text);
        Assert.NotEqual(text, changed);
        return file with { Content = Encoding.UTF8.GetBytes(changed) };
    }

    private async Task<(int Entries, int Imports)> CountsAsync() =>
        (await app.Db(db => db.ScreeningEntries.CountAsync(e => e.RemovedAt == null)), await app.Db(db => db.ScreeningImports.CountAsync()));

    private async Task<ApprovalCheck> ScreeningCheckAsync(long clientId)
    {
        var client = await ClientBook.ClientAsync(app, clientId);
        var checks = await app.Db(db => KycApproval.ChecksAsync(db, client, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime), CancellationToken.None));
        return checks.Single(c => c.Name == "Sanctions and PEP screening");
    }

    [Fact]
    public async Task The_demo_lists_are_in_force_and_a_client_named_like_a_listed_party_is_a_hit_when_registering()
    {
        var overview = await app.QueryAs("compliance", new ScreeningListsOverview());
        Assert.All(overview.Sources, s => Assert.True(s.Entries > 20, $"{s.Name} has {s.Entries} entries"));

        var id = await ClientBook.RegisterAsync(app, Named("Ivan", "Petrov", new DateOnly(1971, 3, 14), "GB"));

        var hits = await HitsAsync(id);
        var ofac = await EntryAsync(ListEntry.Ofac, "90101");
        var os = await EntryAsync(ListEntry.OpenSanctions, "NK-demo0001");
        Assert.Contains(hits, h => h.EntryId == ofac.Id && h.Status == ScreeningHitStatus.Open && h.Matched.HasFlag(MatchedFields.BirthDate)
                                   && h.Trigger == "registration" && h.Score >= NameMatcher.DefaultThreshold);
        Assert.Contains(hits, h => h.EntryId == os.Id);

        // The hit holds approval, counts in the risk score and shows on the queue.
        var check = await ScreeningCheckAsync(id);
        Assert.False(check.Passed);
        Assert.Contains("possible matches to decide", check.Detail);
        var history = await app.Db(db => db.RiskRecords.AsNoTracking().Where(r => r.ClientId == id).OrderByDescending(r => r.Id).FirstAsync());
        Assert.Contains("\"screening_hit\"", history.Factors);
        var queue = await app.QueryAs("compliance", new ScreeningHitsQueue(ClientId: id));
        Assert.Equal(hits.Count, queue.Total);
        Assert.Contains(queue.Items, r => r.ExternalId == "90101" && r.ListName == "OFAC SDN" && r.EntryBirthDates.Contains("1971-03-14"));

        // A client with an unrelated name is clear.
        var clear = await ClientBook.RegisterAsync(app);
        Assert.Empty(await HitsAsync(clear));
        var clearCheck = await ScreeningCheckAsync(clear);
        Assert.True(clearCheck.Passed, clearCheck.Detail);
    }

    [Fact]
    public async Task A_false_positive_stays_quiet_until_its_entry_changes_and_an_import_rescreens_only_against_changed_entries()
    {
        var id = await ClientBook.RegisterAsync(app, Named("Omar", "Haddad", new DateOnly(1966, 2, 2), "GB"));
        var entry = await EntryAsync(ListEntry.Ofac, "90104");
        var hit = Assert.Single(await HitsAsync(id), h => h.EntryId == entry.Id);
        Assert.True(hit.Matched.HasFlag(MatchedFields.BirthDate));

        Must.Fail(await app.SendAs("compliance", new DismissScreeningHit(hit.Id, "")), "validation");
        foreach (var open in (await HitsAsync(id)).Where(h => h.IsOpen))
            Must.Succeed(await app.SendAs("compliance", new DismissScreeningHit(open.Id, "Born in Leeds, British passport since birth; the listed party was born in Homs")));
        // A second officer deciding the same hit is told it is decided; nothing changes.
        var again = Must.Fail(await app.SendAs("compliance2", new ConfirmScreeningMatch(hit.Id, "same person")), "screening.decided");
        Assert.Contains("already a false positive", again.Message);
        var cleared = await ScreeningCheckAsync(id);
        Assert.True(cleared.Passed, cleared.Detail + ": " + string.Join("; ", (await HitsAsync(id)).Select(h => $"{h.EntryId} {h.MatchedName} {h.Status}")));

        // Re-screening the client (a changed name) keeps the decision while the entry is unchanged.
        var client = await ClientBook.ClientAsync(app, id);
        var profile = Named("Omar Youssef", "Haddad", new DateOnly(1966, 2, 2), "GB") with { Email = client.Email, Phone = client.Phone };
        Must.Succeed(await app.SendAs("support", new UpdateClientProfile(id, profile, "Middle name added")));
        Assert.DoesNotContain(await HitsAsync(id), h => h.Status == ScreeningHitStatus.Open);

        // The list changes that entry (a new programme) and one other thing nobody matches: the import re-screens the
        // book against those two entries only, and the false positive is raised again because its entry changed.
        var files = SampleFiles(ListEntry.Ofac).ToList();
        var sdn = Edited(files, "SDN.CSV", t => t.Replace("90104,\"HADDAD, Omar Youssef\",\"individual\",\"SYRIA\"",
            "90104,\"HADDAD, Omar Youssef\",\"individual\",\"SYRIA] [SDGT\""));
        files[files.FindIndex(f => f.Name == "SDN.CSV")] = sdn;
        var import = await app.SendAs("compliance", new ImportScreeningList(ListEntry.Ofac, files));
        Must.Succeed(import);
        Assert.Equal((0, 1, 0), (import.Value!.Added, import.Value.Changed, import.Value.Removed));
        Assert.True(import.Value.ScreeningStarted);
        Assert.False((await ScreeningCheckAsync(id)).Passed); // the re-screen has not reached the client yet

        await ScreeningRescreen.RunAsync(app.Scopes, CancellationToken.None);

        var row = await app.Db(db => db.ScreeningImports.AsNoTracking().SingleAsync(i => i.Id == import.Value.ImportId));
        Assert.Equal(ScreeningImportStatus.Completed, row.Status);
        Assert.Equal(row.ClientsToScreen, row.ClientsScreened);
        var trigger = $"list import {row.Id} (ofac)";
        var raised = await app.Db(db => db.ScreeningHits.AsNoTracking().Where(h => h.Trigger == trigger).ToListAsync());
        Assert.All(raised, h => Assert.Equal(entry.Id, h.EntryId));
        var reopened = Assert.Single(await HitsAsync(id), h => h.Status == ScreeningHitStatus.Open);
        Assert.Equal(entry.Id, reopened.EntryId);
        Assert.Equal(trigger, reopened.Trigger);
        Assert.NotEqual(hit.EntryHash, reopened.EntryHash);

        // The same files again change nothing and screen nobody.
        var same = await app.SendAs("compliance", new ImportScreeningList(ListEntry.Ofac, files));
        Must.Succeed(same);
        Assert.False(same.Value!.ScreeningStarted);
    }

    [Fact]
    public async Task A_confirmed_sanctions_match_restricts_an_approved_client_alerts_and_opens_an_aml_case()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var client = await ClientBook.ClientAsync(app, id);
        var profile = Named("Yekaterina", "Sokolova", new DateOnly(1980, 7, 7), "GB") with { Email = client.Email, Phone = client.Phone };
        Must.Succeed(await app.SendAs("support", new UpdateClientProfile(id, profile, "Name changed after marriage")));
        var ofac = await EntryAsync(ListEntry.Ofac, "90108");
        var hit = Assert.Single(await HitsAsync(id), h => h.Status == ScreeningHitStatus.Open && h.EntryId == ofac.Id);
        Assert.Equal("profile change", hit.Trigger);

        Must.Fail(await app.SendAs("support", new ConfirmScreeningMatch(hit.Id, "Passport matches")), "forbidden");
        Must.Succeed(await app.SendAs("compliance", new ConfirmScreeningMatch(hit.Id, "Passport number matches the listing")));

        var after = await ClientBook.ClientAsync(app, id);
        Assert.Equal(ClientStatus.Restricted, after.Status);
        Assert.Equal(RestrictionCategory.SanctionsMatch, after.RestrictionCategory);
        var decided = await app.Db(db => db.ScreeningHits.AsNoTracking().SingleAsync(h => h.Id == hit.Id));
        Assert.Equal(ScreeningHitStatus.TrueMatch, decided.Status);
        var aml = await app.Db(db => db.AmlAlerts.AsNoTracking().SingleAsync(a => a.Id == decided.AmlAlertId));
        Assert.Equal(ScreeningHitHandlers.SanctionsRule, aml.RuleCode);
        Assert.True(aml.IsOpen);
        Assert.True(await app.Db(db => db.Alerts.AnyAsync(a => a.Kind == "kyc.sanctions_match" && a.EntityId == id.ToString())));
        var kycCase = await app.Db(db => db.KycCases.AsNoTracking().SingleAsync(k => k.ClientId == id));
        Assert.Equal(RiskLevel.High, kycCase.RiskLevel);
        var check = await ScreeningCheckAsync(id);
        Assert.Equal((false, "confirmed sanctions match"), (check.Passed, check.Detail));
    }

    [Fact]
    public async Task A_confirmed_pep_opens_enhanced_due_diligence_without_a_restriction()
    {
        var id = await ClientBook.RegisterAsync(app, Named("Elena", "Ivanova", new DateOnly(1974, 6, 2), "GB"));
        var hit = Assert.Single(await HitsAsync(id), h => h.Status == ScreeningHitStatus.Open && h.EntryIsPep);
        Must.Succeed(await app.SendAs("compliance", new ConfirmScreeningMatch(hit.Id, "Member of parliament, confirmed by the client")));

        Assert.True(await app.Db(db => db.EddCases.AnyAsync(e => e.ClientId == id && e.Status == Core.Kyc.Edd.EddStatus.Open)));
        Assert.Null(await app.Db(db => db.AmlAlerts.Where(a => a.ClientId == id).Select(a => (long?)a.Id).FirstOrDefaultAsync()));
        Assert.Equal(ClientStatus.Registered, (await ClientBook.ClientAsync(app, id)).Status);
        Assert.True((await ScreeningCheckAsync(id)).Passed);
    }

    [Fact]
    public async Task A_malformed_or_mislabelled_list_is_refused_with_its_line_and_the_list_in_force_stays()
    {
        var before = await CountsAsync();
        var files = SampleFiles(ListEntry.Ofac).ToList();
        var broken = Edited(files, "SDN.CSV", t => t.Replace("90106,\"KARIMZADEH, Reza\"", "90106,\"KARIMZADEH, Reza"));
        files[files.FindIndex(f => f.Name == "SDN.CSV")] = broken;

        var error = Must.Fail(await app.SendAs("compliance", new ImportScreeningList(ListEntry.Ofac, files)), "screening.list_malformed");
        Assert.Matches(@"SDN\.CSV, line \d+", error.Message);
        Assert.Contains("list in force is unchanged", error.Message);

        var wrongName = Must.Fail(await app.SendAs("compliance", new ImportScreeningList(ListEntry.Ofac, [new ListFile("sdn.xlsx", [1, 2, 3])])), "validation");
        Assert.Contains("not a file of the OFAC SDN list", wrongName.Message + string.Join(" ", wrongName.Fields?.Values.SelectMany(v => v) ?? []));
        Must.Fail(await app.SendAs("compliance", new ImportScreeningList("worldcheck", SampleFiles(ListEntry.Ofac))), "validation");
        Must.Fail(await app.SendAs("compliance", new ImportScreeningList(ListEntry.OpenSanctions,
            [new ListFile("targets.simple.csv", Encoding.UTF8.GetBytes("id,schema,name\n"))])), "screening.list_empty");
        Must.Fail(await app.SendAs("support", new ImportScreeningList(ListEntry.Ofac, SampleFiles(ListEntry.Ofac))), "forbidden");

        var after = await CountsAsync();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_entry_leaving_the_list_withdraws_its_open_hits()
    {
        var id = await ClientBook.RegisterAsync(app, Named("Karim", "Haddad", new DateOnly(1962, 11, 20), "LB"));
        var entry = await EntryAsync(ListEntry.OpenSanctions, "NK-demo0005");
        Assert.Contains(await HitsAsync(id), h => h.EntryId == entry.Id && h.IsOpen);

        var files = SampleFiles(ListEntry.OpenSanctions);
        var without = Edited(files, "targets.simple.csv", t => string.Join('\n', t.Split('\n').Where(l => !l.StartsWith("NK-demo0005,", StringComparison.Ordinal))));
        var import = await app.SendAs("compliance", new ImportScreeningList(ListEntry.OpenSanctions, [without]));
        Must.Succeed(import);
        Assert.Equal(1, import.Value!.Removed);
        Assert.True(import.Value.HitsWithdrawn >= 1);

        var withdrawn = Assert.Single(await HitsAsync(id), h => h.EntryId == entry.Id);
        Assert.Equal(ScreeningHitStatus.Withdrawn, withdrawn.Status);
        Assert.Equal("the entry left the list", withdrawn.DecisionNote);
        Assert.NotNull((await EntryAsync(ListEntry.OpenSanctions, "NK-demo0005")).RemovedAt);
    }

    [Fact]
    public async Task A_corporate_clients_related_persons_are_screened_and_a_removed_persons_hits_are_withdrawn()
    {
        var n = Guid.NewGuid().ToString("N")[..6];
        var id = await ClientBook.RegisterAsync(app, new ClientProfile
        {
            Kind = ClientKind.Corporate, CompanyName = $"Meridian Freight {n} Ltd", RegistrationNumber = $"MF{n}", Country = "GB",
            Email = $"ops-{n}@meridian.example", Phone = "+44 20 7000 1234",
        });
        var added = await app.SendAs("compliance", new AddCorporateParty(id, PartyKind.Person, "Aleksandr Volkovsky", PartyRoles.Director,
            DateOfBirth: new DateOnly(1959, 9, 30), Country: "GB"));
        Must.Succeed(added);

        var hits = await HitsAsync(id);
        var volkovsky = await EntryAsync(ListEntry.Ofac, "90105");
        Assert.Contains(hits, h => h.EntryId == volkovsky.Id);
        Assert.All(hits, h => Assert.Equal((added.Value, "related persons changed", true), (h.PartyId!.Value, h.Trigger, h.IsOpen)));

        Must.Succeed(await app.SendAs("compliance", new RemoveCorporateParty(added.Value, "Entered on the wrong company")));
        Assert.All(await HitsAsync(id), h => Assert.Equal(ScreeningHitStatus.Withdrawn, h.Status));
    }
}
