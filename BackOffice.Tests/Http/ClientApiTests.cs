using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Webhooks;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Http;

[Trait("Category", "Database")]
public sealed class ClientApiTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Guid _lastKey;

    private async Task<HttpClient> ClientWithKeyAsync(params string[] scopes)
    {
        var issued = await app.SendAs("admin", new IssueApiKey("Client portal", scopes));
        Must.Succeed(issued);
        _lastKey = issued.Value!.Id;
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", issued.Value!.Key);
        return http;
    }

    private static object Profile(string email) => new
    {
        kind = "Individual", firstName = "Nadia", lastName = "Portal", dateOfBirth = "1990-04-02", nationality = "FR", country = "FR",
        email, phone = "+33 1 23 45 67 89", addressLine = "1 rue de Rivoli", city = "Paris", postalCode = "75001",
    };

    [Fact]
    public async Task A_client_registering_through_a_referral_link_is_attributed_to_that_partner_and_a_bad_code_registers_nobody()
    {
        var partnerClient = await ClientBook.RegisterAsync(app);
        Must.Succeed(await app.SendAs("ib", new Core.Partners.CreatePartner(partnerClient, "REF-LINK", null)));
        using var http = await ClientWithKeyAsync(ApiScopes.Portal);

        var refused = await http.PostAsJsonAsync("/api/v1/clients?referralCode=NO-SUCH", Profile("ref.nobody@example.com"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("NO-SUCH is not the code of an active partner", await refused.Content.ReadAsStringAsync());
        Assert.False(await app.Db(db => db.Clients.AnyAsync(c => c.Email == "ref.nobody@example.com")));

        var created = await http.PostAsJsonAsync("/api/v1/clients?referralCode=ref-link", Profile("ref.client@example.com"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var history = await app.QueryAs("ib", new Core.Partners.ClientAttributionHistory(id));
        Assert.Equal(("REF-LINK", Core.Partners.AttributionSource.Registration), (history.Single().PartnerCode, history.Single().Source));
    }

    [Fact]
    public async Task The_portal_registers_a_client_and_reads_status_capabilities_and_accounts()
    {
        Must.Succeed(await app.SendAs("admin", new AddWebhookSubscription("CRM", "http://127.0.0.1:9/crm", "client.registered")));
        using var http = await ClientWithKeyAsync(ApiScopes.Portal);

        var created = await http.PostAsJsonAsync("/api/v1/clients", Profile("nadia.portal@example.com"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Registered", body.GetProperty("status").GetString());
        Assert.Equal("Portal Nadia", body.GetProperty("name").GetString());
        var withdraw = body.GetProperty("capabilities").EnumerateArray().Single(c => c.GetProperty("capability").GetString() == "Withdraw");
        Assert.False(withdraw.GetProperty("allowed").GetBoolean());
        Assert.StartsWith("No: the account is registered", withdraw.GetProperty("why").GetString(), StringComparison.Ordinal);

        var id = body.GetProperty("id").GetInt64();
        Assert.Equal($"/api/v1/clients/{id}", created.Headers.Location!.ToString());
        var read = await http.GetFromJsonAsync<JsonElement>($"/api/v1/clients/{id}");
        Assert.Equal(id, read.GetProperty("id").GetInt64());
        Assert.Equal(0, read.GetProperty("accounts").GetArrayLength());

        var entry = await app.Db(db => db.AuditEntries.SingleAsync(a => a.Action == "RegisterClientFromApi" && a.EntityId == id.ToString()));
        Assert.StartsWith("system:api:Client portal", entry.ActorName, StringComparison.Ordinal);
        Assert.True(await app.Db(db => db.Outbox.AnyAsync(m => m.EventType == "client.registered" && m.Payload.Contains("nadia.portal@example.com"))));
    }

    [Fact]
    public async Task An_approved_client_asks_for_an_account_in_the_portal_and_a_pending_one_is_told_why_not()
    {
        using var http = await ClientWithKeyAsync(ApiScopes.Portal);
        var approved = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var opened = await http.PostAsJsonAsync($"/api/v1/clients/{approved}/accounts", new { accountType = "ECN", currency = "EUR" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var account = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accounts")[0];
        Assert.Equal("ECN", account.GetProperty("accountType").GetString());
        Assert.Equal("pending", account.GetProperty("platformSync").GetString());

        var pending = await ClientBook.InStatusAsync(app, ClientStatus.PendingReview);
        var refused = await http.PostAsJsonAsync($"/api/v1/clients/{pending}/accounts", new { accountType = "ECN", currency = "EUR" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("approved clients only", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var unknown = await http.PostAsJsonAsync($"/api/v1/clients/{approved}/accounts", new { accountType = "Platinum", currency = "USD" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task A_restricted_client_is_told_what_they_can_do_but_never_the_compliance_reason()
    {
        using var http = await ClientWithKeyAsync(ApiScopes.Crm);
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Restricted);
        var body = await http.GetStringAsync($"/api/v1/clients/{id}");
        Assert.Contains("No: the account is restricted. While it is, the client can use the client area, close positions.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Third-party deposits", body, StringComparison.Ordinal);
        Assert.DoesNotContain("abnormal", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_crm_updates_a_profile_and_a_duplicate_email_is_refused_on_its_field()
    {
        var taken = await ClientBook.RegisterAsync(app);
        var takenEmail = (await ClientBook.ClientAsync(app, taken)).Email;
        var id = await ClientBook.RegisterAsync(app);
        using var http = await ClientWithKeyAsync(ApiScopes.Crm);

        var updated = await http.PutAsJsonAsync($"/api/v1/clients/{id}/profile", Profile($"moved-{id}@example.com"));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("FR", (await ClientBook.ClientAsync(app, id)).Country);

        var duplicate = await http.PutAsJsonAsync($"/api/v1/clients/{id}/profile", Profile(takenEmail));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var problem = await duplicate.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Another client is already registered with this e-mail address.", problem.GetProperty("errors").GetProperty("Email")[0].GetString());
        Assert.Equal($"moved-{id}@example.com", (await ClientBook.ClientAsync(app, id)).Email);
    }

    [Fact]
    public async Task Missing_invalid_revoked_and_wrongly_scoped_keys_are_refused()
    {
        using var anonymous = app.CreateClient();
        var missing = await anonymous.GetAsync("/api/v1/clients/1");
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("X-Api-Key", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "bo_00000000_forged");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/clients/1")).StatusCode);

        using var crm = await ClientWithKeyAsync(ApiScopes.Crm);
        var count = await app.Db(db => db.Clients.CountAsync());
        var wrongScope = await crm.PostAsJsonAsync("/api/v1/clients", Profile("scope@example.com"));
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.Equal(count, await app.Db(db => db.Clients.CountAsync()));

        Must.Succeed(await app.SendAs("admin", new RevokeApiKey(_lastKey, "CRM replaced")));
        var revoked = await crm.GetAsync("/api/v1/clients/1");
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Contains("revoked", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_oversize_and_mislabelled_bodies_are_refused_and_change_nothing()
    {
        using var http = await ClientWithKeyAsync(ApiScopes.Portal);
        var count = await app.Db(db => db.Clients.CountAsync());

        var malformed = await http.PostAsync("/api/v1/clients", new StringContent("{\"kind\": \"Individual\", \"email\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("not valid JSON", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var oversize = await http.PostAsync("/api/v1/clients", new StringContent("{\"x\":\"" + new string('a', 70_000) + "\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);

        var text = await http.PostAsync("/api/v1/clients", new StringContent("email=a@b.c", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);

        var invalid = await http.PostAsJsonAsync("/api/v1/clients", new { kind = "Individual", firstName = "X", country = "ZZ", email = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("Profile.Country", out _));

        Assert.Equal(count, await app.Db(db => db.Clients.CountAsync()));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_client_api_only()
    {
        using var http = app.CreateClient();
        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/clients", paths);
        Assert.Contains("/api/v1/clients/{id}", paths);
        Assert.Contains("/api/v1/clients/{id}/profile", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/export", StringComparison.Ordinal));
        var page = await http.GetAsync("/docs/api/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
