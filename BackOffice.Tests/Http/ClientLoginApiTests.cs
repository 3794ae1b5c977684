using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Http;

/// <summary>The portal reports logins; monitoring judges them like any other event.</summary>
[Trait("Category", "Database")]
public sealed class ClientLoginApiTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task A_login_from_a_high_risk_country_raises_an_aml_alert_and_bad_reports_change_nothing()
    {
        var issued = await app.SendAs("admin", new IssueApiKey("Client portal", [ApiScopes.Portal]));
        Must.Succeed(issued);
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", issued.Value!.Key);
        var id = await ClientBook.RegisterAsync(app);

        var home = await http.PostAsJsonAsync($"/api/v1/clients/{id}/logins", new { country = "GB" });
        Assert.Equal(HttpStatusCode.Accepted, home.StatusCode);
        Assert.Equal(0, (await home.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alerts").GetInt32());

        var away = await http.PostAsJsonAsync($"/api/v1/clients/{id}/logins", new { country = "kp" });
        Assert.Equal(HttpStatusCode.Accepted, away.StatusCode);
        Assert.Equal(1, (await away.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alerts").GetInt32());
        var alert = await app.Db(db => db.AmlAlerts.SingleAsync(a => a.ClientId == id));
        Assert.Equal(HighRiskCountryAccess.RuleCode, alert.RuleCode);

        var events = await app.Db(db => db.ActivityEvents.CountAsync(e => e.ClientId == id));
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsJsonAsync($"/api/v1/clients/{id}/logins", new { country = "KPX" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsJsonAsync("/api/v1/clients/999999/logins", new { country = "GB" })).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/clients/{id}/logins", new { country = "KP" })).StatusCode);
        Assert.Equal(events, await app.Db(db => db.ActivityEvents.CountAsync(e => e.ClientId == id)));
    }
}
