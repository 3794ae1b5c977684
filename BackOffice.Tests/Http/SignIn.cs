using System.Net;
using System.Text.RegularExpressions;

namespace BackOffice.Tests.Http;

/// <summary>Signs in through the real form: fetches the antiforgery token, posts the form, follows the two-factor step.</summary>
public static partial class SignIn
{
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static async Task<string> TokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return TokenPattern().Match(html).Groups[1].Value;
    }

    public static async Task<HttpResponseMessage> PasswordAsync(HttpClient client, string user, string password, string? token = null)
    {
        token ??= await TokenAsync(client, "/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = user, ["Password"] = password, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<HttpResponseMessage> CodeAsync(HttpClient client, string code)
    {
        var token = await TokenAsync(client, "/account/login-2fa");
        return await client.PostAsync("/account/login-2fa", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = code, ["ReturnUrl"] = "/", ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>A full sign-in (with the authenticator code when the role requires it); returns the client, now carrying the cookie.</summary>
    public static async Task<HttpResponseMessage> AsAsync(HttpClient client, TestApp app, string user)
    {
        var response = await PasswordAsync(client, user, Infrastructure.Data.Seeder.DemoPassword);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().StartsWith("/account/login-2fa", StringComparison.Ordinal))
            response = await CodeAsync(client, await app.AuthenticatorCodeAsync(user));
        return response;
    }
}
