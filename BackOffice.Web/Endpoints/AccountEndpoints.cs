using BackOffice.Core.Common;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Access;
using BackOffice.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BackOffice.Web.Endpoints;

/// <summary>
/// Sign-in posts to real endpoints (a cookie can only be set on an HTTP response); every
/// outcome is stored as a login event, which may raise a security alert.
/// </summary>
public static class AccountEndpoints
{
    public sealed class LoginForm
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public sealed class CodeForm
    {
        public string? Code { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", async ([FromForm] LoginForm form, HttpContext http, SignInManager<StaffMember> signIn,
            UserManager<StaffMember> users, IServiceScopeFactory scopes) =>
        {
            var userName = (form.UserName ?? "").Trim();
            var returnUrl = LocalOrHome(form.ReturnUrl);
            var user = userName.Length == 0 ? null : await users.FindByNameAsync(userName);
            if (user is null || user.Disabled || string.IsNullOrEmpty(form.Password))
            {
                await Record(scopes, http, user?.Id, userName, LoginEventKind.Failure);
                return Results.Redirect(LoginPage("invalid", returnUrl));
            }
            var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                await Record(scopes, http, user.Id, userName, LoginEventKind.Success);
                return Results.Redirect(returnUrl);
            }
            if (result.RequiresTwoFactor)
                return Results.Redirect($"/account/login-2fa?returnUrl={Uri.EscapeDataString(returnUrl)}");
            await Record(scopes, http, user.Id, userName, result.IsLockedOut ? LoginEventKind.LockedOut : LoginEventKind.Failure);
            return Results.Redirect(LoginPage(result.IsLockedOut ? "locked" : "invalid", returnUrl));
        });

        app.MapPost("/account/login-2fa", async ([FromForm] CodeForm form, HttpContext http, SignInManager<StaffMember> signIn, IServiceScopeFactory scopes) =>
        {
            var returnUrl = LocalOrHome(form.ReturnUrl);
            var user = await signIn.GetTwoFactorAuthenticationUserAsync();
            if (user is null)
                return Results.Redirect(LoginPage("expired", returnUrl));
            var code = (form.Code ?? "").Replace(" ", "", StringComparison.Ordinal);
            var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
            if (result.Succeeded)
            {
                await Record(scopes, http, user.Id, user.UserName!, LoginEventKind.Success);
                return Results.Redirect(returnUrl);
            }
            await Record(scopes, http, user.Id, user.UserName!, result.IsLockedOut ? LoginEventKind.LockedOut : LoginEventKind.TwoFactorFailure);
            return result.IsLockedOut
                ? Results.Redirect(LoginPage("locked", returnUrl))
                : Results.Redirect($"/account/login-2fa?error=code&returnUrl={Uri.EscapeDataString(returnUrl)}");
        });

        app.MapPost("/account/logout", async (HttpContext http, SignInManager<StaffMember> signIn, UserManager<StaffMember> users, IServiceScopeFactory scopes) =>
        {
            if (users.GetUserId(http.User) is { } id)
                await Record(scopes, http, id, http.User.Identity?.Name ?? id, LoginEventKind.Logout);
            await signIn.SignOutAsync();
            return Results.Redirect("/account/login");
        }).RequireAuthorization();
    }

    private static Task Record(IServiceScopeFactory scopes, HttpContext http, string? staffId, string userName, LoginEventKind kind) =>
        scopes.SendAsAsync(
            new RecordLoginEvent(staffId, userName, kind, http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString()),
            new Actor(null, "system:sign-in", http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(), CorrelationIdMiddleware.For(http)));

    private static string LoginPage(string error, string returnUrl) =>
        $"/account/login?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>Only our own pages: an open redirect after sign-in is a phishing tool.</summary>
    /// <remarks>Browsers drop tabs and line breaks from URLs, so "/\t/evil.example" would become "//evil.example": no control characters.</remarks>
    public static string LocalOrHome(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
        && !url.Any(char.IsControl) && !url.Contains('\\')
            ? url
            : "/";
}
