using System.Security.Claims;
using BackOffice.Core.Common;
using Microsoft.AspNetCore.Components.Authorization;

namespace BackOffice.Web.Auth;

/// <summary>What the browser told us when the page was first requested; the interactive circuit has no HttpContext of its own.</summary>
public sealed class CircuitClient
{
    public bool IsSet { get; private set; }
    public string? Ip { get; private set; }
    public string? UserAgent { get; private set; }
    public string? Cookie { get; private set; }

    public void Set(string? ip, string? userAgent, string? cookie)
    {
        IsSet = true;
        Ip = ip;
        UserAgent = userAgent;
        Cookie = cookie;
    }
}

/// <summary>The actor of a command: the signed-in staff member of this circuit or request.</summary>
public sealed class WebActorSource(IHttpContextAccessor http, CircuitClient circuit, IServiceProvider services) : ICurrentActorSource
{
    public async ValueTask<Actor> GetActorAsync()
    {
        ClaimsPrincipal user;
        string? ip, userAgent;
        string correlation;
        if (circuit.IsSet)
        {
            user = (await services.GetRequiredService<AuthenticationStateProvider>().GetAuthenticationStateAsync()).User;
            ip = circuit.Ip;
            userAgent = circuit.UserAgent;
            correlation = Actor.NewCorrelationId();
        }
        else if (http.HttpContext is { } context)
        {
            user = context.User;
            ip = context.Connection.RemoteIpAddress?.ToString();
            userAgent = context.Request.Headers.UserAgent.ToString();
            correlation = CorrelationIdMiddleware.For(context);
        }
        else
        {
            throw new InvalidOperationException("No signed-in staff member in this context.");
        }
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new AccessDeniedException("signed-in");
        return new Actor(id, user.Identity?.Name ?? id, ip, userAgent, correlation);
    }
}
