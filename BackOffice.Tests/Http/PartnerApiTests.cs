using System.Net;
using System.Text.Json;
using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Partners;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Core.Platform;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Partners;

namespace BackOffice.Tests.Http;

[Trait("Category", "Database")]
public sealed class PartnerApiTests(SharedApp app) : IClassFixture<SharedApp>
{
    private async Task<HttpClient> ClientWithKeyAsync(string scope)
    {
        var issued = await app.SendAs("admin", new IssueApiKey("Partner portal", [scope]));
        Must.Succeed(issued);
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", issued.Value!.Key);
        return http;
    }

    [Fact]
    public async Task The_partner_portal_reads_a_partners_statement_and_its_clients_with_masked_e_mails_and_nothing_without_the_partner_scope()
    {
        var t0 = app.Clock.GetUtcNow().UtcDateTime;
        var plan = await CommissionBook.PlanAsync(app, CommissionBook.PerLot(t0, "launch", (1, 5m)));
        var code = CommissionBook.Code("PORTAL");
        var partner = await CommissionBook.PartnerAsync(app, code, null, plan.Code);
        var (client, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("ib", new AttributeClient(client, code)));
        app.Clock.Advance(TimeSpan.FromDays(2));
        await CommissionBook.RecordAsync(app, account, (t0.AddHours(1), DealAction.Buy, DealEntry.In, 4m), (t0.AddHours(2), DealAction.Sell, DealEntry.Out, 4m));
        var run = await CommissionBook.RunAsync(app, t0, t0.AddDays(1));
        var asked = await app.SendAs("ib", new ApproveCommissionRun(run.Id, "checked"));
        Must.Succeed(await app.SendAs("manager", new ApprovePendingOperation(asked.PendingOperationId!.Value, "ok")));

        using var portal = await ClientWithKeyAsync(ApiScopes.Partner);
        var query = $"from={t0:yyyy-MM-ddTHH:mm:ssZ}&to={t0.AddDays(3):yyyy-MM-ddTHH:mm:ssZ}";
        var statement = JsonDocument.Parse(await (await portal.GetAsync($"/api/v1/partners/{partner}/commissions?{query}")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2000, statement.GetProperty("closing").GetProperty("minor").GetInt64());
        Assert.Equal("Commission run " + run.Id, statement.GetProperty("movements")[0].GetProperty("description").GetString());

        var clients = JsonDocument.Parse(await (await portal.GetAsync($"/api/v1/partners/{partner}/clients")).Content.ReadAsStringAsync()).RootElement;
        var email = (await ClientBook.ClientAsync(app, client)).Email;
        var listed = Assert.Single(clients.EnumerateArray());
        Assert.Equal(email[0] + "•••" + email[email.IndexOf('@')..], listed.GetProperty("email").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync("/api/v1/partners/999999/clients")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await portal.GetAsync($"/api/v1/partners/{partner}/commissions?from={t0.AddDays(1):O}&to={t0:O}")).StatusCode);
        using var crm = await ClientWithKeyAsync(ApiScopes.Crm);
        Assert.Equal(HttpStatusCode.Forbidden, (await crm.GetAsync($"/api/v1/partners/{partner}/clients")).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/partners/{partner}/commissions")).StatusCode);
    }
}
