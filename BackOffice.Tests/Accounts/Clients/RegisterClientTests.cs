using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Crm;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Accounts.Clients;

[Trait("Category", "Database")]
public sealed class RegisterClientTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task A_registered_client_gets_a_number_a_region_and_is_announced_to_subscribers()
    {
        Must.Succeed(await app.SendAs("admin", new AddWebhookSubscription("CRM", "http://127.0.0.1:9/crm", "client.registered")));
        var result = await app.SendAs("support", new RegisterClient(ClientBook.Person(email: "Ana.Lopez@Example.com", country: "es")));
        Must.Succeed(result);

        var client = await ClientBook.ClientAsync(app, result.Value!.Id);
        Assert.Equal(ClientStatus.Registered, client.Status);
        Assert.True(client.Number >= 100_001);
        Assert.Equal("ES", client.Country);
        Assert.Equal("Europe", client.Region);
        Assert.Equal("ana.lopez@example.com", client.Email);
        var message = await app.Db(db => db.Outbox.Where(m => m.EventType == "client.registered").OrderBy(m => m.CreatedAt).LastAsync());
        Assert.Contains($"\"clientNumber\":{client.Number}", message.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_are_unique_and_increasing()
    {
        var a = await app.SendAs("support", new RegisterClient(ClientBook.Person()));
        var b = await app.SendAs("support", new RegisterClient(ClientBook.Person()));
        Assert.Equal(a.Value!.Number + 1, b.Value!.Number);
    }

    [Fact]
    public async Task A_duplicate_email_is_refused_on_the_email_field()
    {
        var profile = ClientBook.Person(email: "twice@example.com");
        await ClientBook.RegisterAsync(app, profile);
        var count = await app.Db(db => db.Clients.CountAsync());
        var error = Must.Fail(await app.SendAs("support", new RegisterClient(profile with { Email = "TWICE@example.com" })), "validation");
        Assert.Equal(["Another client is already registered with this e-mail address."], error.Fields!["Email"]);
        Assert.Equal(count, await app.Db(db => db.Clients.CountAsync()));
    }

    [Theory]
    [InlineData("XX", "Profile.Country")]
    [InlineData("", "Profile.Country")]
    public async Task An_unknown_country_code_is_refused(string country, string field)
    {
        var error = Must.Fail(await app.SendAs("support", new RegisterClient(ClientBook.Person() with { Country = country })), "validation");
        Assert.Contains(field, error.Fields!.Keys);
    }

    [Fact]
    public async Task A_profile_edit_made_from_an_outdated_page_is_refused_and_the_newer_edit_kept()
    {
        var profile = ClientBook.Person();
        var id = await ClientBook.RegisterAsync(app, profile);
        var loaded = (await ClientBook.ClientAsync(app, id)).Version;
        Must.Succeed(await app.SendAs("support", new UpdateClientProfile(id, profile with { Phone = "+44 20 7000 1111" }, "New number", loaded)));
        var stale = Must.Fail(await app.SendAs("support", new UpdateClientProfile(id, profile with { City = "Leeds" }, "Moved", loaded)), "conflict");
        Assert.Contains("changed this client since you opened it", stale.Message, StringComparison.Ordinal);
        var client = await ClientBook.ClientAsync(app, id);
        Assert.Equal("+44 20 7000 1111", client.Phone);
        Assert.Null(client.City);
    }

    [Fact]
    public async Task A_minor_and_a_company_without_registration_number_are_refused()
    {
        var minor = Must.Fail(await app.SendAs("support", new RegisterClient(ClientBook.Person() with { DateOfBirth = new DateOnly(2015, 1, 1) })));
        Assert.Contains("at least 18", minor.Message, StringComparison.Ordinal);
        var company = Must.Fail(await app.SendAs("support", new RegisterClient(new ClientProfile
        {
            Kind = ClientKind.Corporate, CompanyName = "Acme Ltd", Country = "CY", Email = "ops@acme.example", Phone = "+357 22 000000",
        })));
        Assert.Contains("Profile.RegistrationNumber", company.Fields!.Keys);
    }

    [Fact]
    public async Task The_search_box_finds_a_client_by_number_login_email_phone_and_name_prefix()
    {
        var profile = ClientBook.Person(email: "searchable.person@example.com", lastName: "Zebedee") with { Phone = "+44 7700 900123" };
        var id = await ClientBook.RegisterAsync(app, profile);
        var client = await ClientBook.ClientAsync(app, id);

        async Task<bool> Finds(string text) => (await app.QueryAs("support", new ClientSearch(text))).Any(r => r.Id == id);
        Assert.True(await Finds(client.Number.ToString()));
        Assert.True(await Finds("searchable.per"));
        Assert.True(await Finds("+44 7700 900"));
        Assert.True(await Finds("zebedee"));
        Assert.True(await Finds("Zebed"));
        Assert.False(await Finds("ebedee"));

        Must.Succeed(await app.SendAs("compliance", new SubmitClientForReview(id, "complete")));
        await Kyc.KycBook.AcceptAllRequiredAsync(app, id);
        Must.Succeed(await app.SendAs("compliance", new ApproveClient(id, "verified")));
        var demoType = await app.Db(db => db.AccountTypes.Where(t => t.IsDemo).Select(t => t.Id).FirstAsync());
        var opened = await app.SendAs("support", new BackOffice.Core.Accounts.TradingAccounts.OpenTradingAccount(id, demoType, "USD"));
        var login = (await ClientBook.AccountAsync(app, opened.Value)).Login;
        Assert.True(await Finds(login.ToString()));
    }

    [Fact]
    public async Task The_grid_filters_by_status_tag_country_and_stage_and_counts_what_it_filters()
    {
        var spain = await ClientBook.RegisterAsync(app, ClientBook.Person(country: "PT"));
        var other = await ClientBook.RegisterAsync(app, ClientBook.Person(country: "PT"));
        Must.Succeed(await app.SendAs("support", new TagClients([spain], ["grid-vip"], [])));
        Must.Succeed(await app.SendAs("support", new SetSalesStage([other], "Contacted")));

        var tagged = await app.QueryAs("support", new ClientGrid(new ClientFilter { Tag = "grid-vip" }, 0, 25));
        Assert.Equal([spain], tagged.Items.Select(r => r.Id));
        Assert.Equal(1, tagged.Total);
        Assert.Equal("grid-vip", tagged.Items[0].Tags);

        var portugal = await app.QueryAs("support", new ClientGrid(new ClientFilter { Country = "PT", Sort = ClientSort.Number, Descending = false }, 0, 25));
        Assert.Equal([spain, other], portugal.Items.Select(r => r.Id));
        var contacted = await app.QueryAs("support", new ClientGrid(new ClientFilter { Country = "PT", SalesStage = "Contacted" }, 0, 25));
        Assert.Equal([other], contacted.Items.Select(r => r.Id));
        var none = await app.QueryAs("support", new ClientGrid(new ClientFilter { Country = "PT", Status = ClientStatus.Approved }, 0, 25));
        Assert.Empty(none.Items);
    }

    [Fact]
    public async Task Tagging_many_clients_adds_each_tag_once_and_announces_each_client()
    {
        var ids = new[] { await ClientBook.RegisterAsync(app), await ClientBook.RegisterAsync(app) };
        Must.Succeed(await app.SendAs("support", new TagClients([ids[0]], ["bulk-x"], [])));
        var tagged = await app.SendAs("support", new TagClients(ids, ["bulk-x", "bulk-y"], []));
        Assert.Equal(2, tagged.Value);
        Assert.Equal(4, await app.Db(db => db.ClientTags.CountAsync(t => ids.Contains(t.ClientId))));
        var removed = await app.SendAs("support", new TagClients(ids, [], ["bulk-x"]));
        Assert.Equal(2, removed.Value);
        Assert.Equal(2, await app.Db(db => db.ClientTags.CountAsync(t => ids.Contains(t.ClientId) && t.Tag == "bulk-y")));
    }

    [Fact]
    public async Task A_new_sales_stage_can_be_used_until_it_is_retired()
    {
        var id = await ClientBook.RegisterAsync(app);
        Must.Succeed(await app.SendAs("admin", new DefineSalesStage("Webinar attendee", 8)));
        Must.Succeed(await app.SendAs("support", new SetSalesStage([id], "Webinar attendee")));
        Must.Succeed(await app.SendAs("admin", new RetireSalesStage("Webinar attendee")));
        Must.Fail(await app.SendAs("support", new SetSalesStage([id], "Webinar attendee")), "validation");
        Assert.Equal("Webinar attendee", (await ClientBook.ClientAsync(app, id)).SalesStage);
    }

    [Fact]
    public async Task An_unknown_sales_stage_is_refused()
    {
        var id = await ClientBook.RegisterAsync(app);
        var error = Must.Fail(await app.SendAs("support", new SetSalesStage([id], "Prospecting")), "validation");
        Assert.Contains("Stage", error.Fields!.Keys);
    }
}
