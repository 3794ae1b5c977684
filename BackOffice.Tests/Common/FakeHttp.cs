using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BackOffice.Tests.Common;

/// <summary>What the fake servers of the outside world (MT5, Sumsub …) have in common.</summary>
public static class FakeHttp
{
    /// <summary>
    /// Serves <paramref name="handle"/> on 127.0.0.1 at a free port and returns the app and its base URL
    /// (ending in "/"). <paramref name="connections"/>, when given, sees every TCP connection first.
    /// </summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(RequestDelegate handle,
        Func<ConnectionDelegate, ConnectionDelegate>? connections = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (connections is not null) listen.Use(connections);
        }));
        var app = builder.Build();
        app.Run(handle);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    /// <summary>No answer until the client gives up (or the server stops); then the connection is closed.</summary>
    public static async Task HangAsync(HttpContext http)
    {
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try { await Task.Delay(Timeout.InfiniteTimeSpan, either.Token); }
        catch (OperationCanceledException) { http.Abort(); }
    }

    public static async Task WriteJsonAsync(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>Waits (up to 5 s) for something another thread does, such as a request reaching the server.</summary>
    public static async Task Eventually(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition() && deadline.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(10);
        Assert.True(condition());
    }
}
