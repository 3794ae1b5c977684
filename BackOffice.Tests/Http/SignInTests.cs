using System.Net;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff;
using BackOffice.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Http;

[Trait("Category", "Database")]
public sealed class SignInTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public SignInTests(SharedApp app) => _app = app;

    private HttpClient Client() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task The_login_page_is_served_to_anonymous_visitors_and_other_pages_send_them_there()
    {
        var client = Client();
        var login = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Sign in", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var home = await client.GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("http://localhost/account/login", home.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_recorded()
    {
        var client = Client();
        var response = await SignIn.PasswordAsync(client, "support", "not-the-password");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=invalid", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var page = await client.GetStringAsync(response.Headers.Location);
        Assert.Contains("The user name or password is wrong.", page, StringComparison.Ordinal);
        Assert.True(await _app.Db(db => db.LoginEvents.AnyAsync(e => e.UserName == "support" && e.Kind == LoginEventKind.Failure)));
    }

    [Fact]
    public async Task Repeated_failures_lock_the_account_and_raise_a_security_alert()
    {
        var client = Client();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
            last = await SignIn.PasswordAsync(client, "risk", "wrong-" + i);
        Assert.Contains("error=locked", last.Headers.Location!.ToString(), StringComparison.Ordinal);
        // Even the right password is refused while locked.
        var right = await SignIn.PasswordAsync(client, "risk", Seeder.DemoPassword);
        Assert.Contains("error=locked", right.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.True(await _app.Db(db => db.LoginEvents.AnyAsync(e => e.UserName == "risk" && e.Kind == LoginEventKind.LockedOut)));
        var alert = await _app.Db(db => db.Alerts.SingleAsync(a => a.Kind == AlertKinds.LoginBurst && a.EntityId == "risk"));
        Assert.Contains("failed sign-ins for 'risk'", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_requiring_two_factor_needs_a_fresh_authenticator_code()
    {
        var client = Client();
        var password = await SignIn.PasswordAsync(client, "finance", Seeder.DemoPassword);
        Assert.StartsWith("/account/login-2fa", password.Headers.Location!.ToString(), StringComparison.Ordinal);

        var wrong = await SignIn.CodeAsync(client, "000000");
        Assert.Contains("error=code", wrong.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.True(await _app.Db(db => db.LoginEvents.AnyAsync(e => e.UserName == "finance" && e.Kind == LoginEventKind.TwoFactorFailure)));

        var code = await _app.AuthenticatorCodeAsync("finance");
        var ok = await SignIn.CodeAsync(client, code);
        Assert.Equal("/", ok.Headers.Location!.ToString());

        // The same code, replayed in another browser, is refused.
        var other = Client();
        await SignIn.PasswordAsync(other, "finance", Seeder.DemoPassword);
        var replay = await SignIn.CodeAsync(other, code);
        Assert.Contains("error=code", replay.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_antiforgery_token_is_rejected_and_signs_nobody_in()
    {
        var client = Client();
        var before = await _app.Db(db => db.LoginEvents.CountAsync());
        var response = await SignIn.PasswordAsync(client, "support", Seeder.DemoPassword, token: "CfDJ8forged-token");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await _app.Db(db => db.LoginEvents.CountAsync()));
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("backoffice.auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_signed_in_staff_member_reaches_pages_their_permissions_allow()
    {
        var client = Client();
        var response = await SignIn.AsAsync(client, _app, "manager");
        Assert.Equal("/", response.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.True(await _app.Db(db => db.LoginEvents.AnyAsync(e => e.UserName == "manager" && e.Kind == LoginEventKind.Success)));
    }

    [Fact]
    public async Task Health_reports_the_database_and_outbox_lag()
    {
        var body = await Client().GetStringAsync("/health");
        Assert.Contains("\"status\":\"Healthy\"", body, StringComparison.Ordinal);
        Assert.Contains("outboxLagSeconds", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_response_carries_a_correlation_id()
    {
        var response = await Client().GetAsync("/health");
        Assert.True(response.Headers.TryGetValues("X-Correlation-Id", out var values));
        Assert.Matches("^[0-9a-f]{16}$", values.Single());
    }
}
