using BackOffice.Core.Common;
using BackOffice.Web.Auth;
using BackOffice.Web.Shared;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace BackOffice.Tests.Pages;

/// <summary>The signed-in staff member of a rendered page (the one thing a bUnit render lacks).</summary>
public sealed class FixedActor(Actor actor) : ICurrentActorSource
{
    public ValueTask<Actor> GetActorAsync() => ValueTask.FromResult(actor with { CorrelationId = Actor.NewCorrelationId() });
}

/// <summary>bUnit with MudBlazor, wired to the real application's pipeline and database as the given staff member.</summary>
public sealed class PageTestContext : IAsyncDisposable
{
    public BunitContext Context { get; } = new();

    // A page's first render waits for its queries against a real database: on two busy cores that can take longer than
    // bUnit's one-second default, which made waits fail only when the machine was loaded.
    static PageTestContext() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    public StaffSession Session { get; private set; } = default!;

    /// <param name="services">Adds what one page needs beyond the usual (before the container is built).</param>
    public static async Task<PageTestContext> AsAsync(TestApp app, string userName, Action<IServiceCollection>? services = null)
    {
        var actor = await app.ActorAsync(userName);
        var page = new PageTestContext();
        var ctx = page.Context;
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        // The bUnit container answers IServiceScopeFactory itself, so the sender is handed the application's explicitly.
        var appScopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var actorSource = new FixedActor(actor);
        ctx.Services.AddSingleton<ICurrentActorSource>(actorSource);
        ctx.Services.AddSingleton(app.Services.GetRequiredService<IConfiguration>());
        ctx.Services.AddSingleton(app.Services.GetRequiredService<TimeProvider>());
        ctx.Services.AddSingleton(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<BackOffice.Core.Kyc.KycOptions>>());
        ctx.Services.AddScoped(_ => new CommandSender(appScopes, actorSource));
        ctx.Services.AddScoped<StaffSession>();
        ctx.Services.AddScoped<CircuitClient>();
        ctx.Services.AddScoped<LiveConnection>();
        ctx.Services.AddSingleton<IAuthorizationService>(app.Services.GetRequiredService<IAuthorizationService>());
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, actor.StaffId!));
        services?.Invoke(ctx.Services);
        page.Session = ctx.Services.GetRequiredService<StaffSession>();
        await page.Session.LoadAsync();
        ctx.Render<MudPopoverProvider>();
        return page;
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
