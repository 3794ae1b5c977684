using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Roles;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Http;

/// <summary>A private redis-server on a free loopback port (Debian's redis-server; ./test.sh installs it).</summary>
public sealed class RedisServer : IDisposable
{
    private readonly Process _process;

    public RedisServer()
    {
        if (!File.Exists("/usr/bin/redis-server"))
            throw new InvalidOperationException("redis-server is not installed: run ./test.sh, or apt-get install -y redis-server.");
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _process = Process.Start(new ProcessStartInfo("/usr/bin/redis-server", $"--bind 127.0.0.1 --port {Port} --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException("redis-server did not start.");
    }

    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    public void Dispose()
    {
        _process.Kill();
        _process.Dispose();
    }
}

[Trait("Category", "Database")]
public sealed class RedisBackplaneTests : IClassFixture<RedisServer>
{
    private readonly RedisServer _redis;

    public RedisBackplaneTests(RedisServer redis) => _redis = redis;

    [Fact]
    public async Task A_commit_on_one_web_node_reaches_a_screen_connected_to_another()
    {
        await using var nodeA = new TestApp(kestrel: true, settings: new() { ["Redis:ConnectionString"] = _redis.ConnectionString });
        _ = nodeA.BaseAddress;
        var shared = new Dictionary<string, string>
        {
            ["Redis:ConnectionString"] = _redis.ConnectionString,
            ["Database:Provider"] = nodeA.Services.GetRequiredService<Infrastructure.Data.DatabaseOptions>().Provider,
            ["Database:ConnectionString"] = nodeA.Services.GetRequiredService<Infrastructure.Data.DatabaseOptions>().ConnectionString,
        };
        await using var nodeB = new TestApp(kestrel: true, settings: shared, ownsDatabase: false);

        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = nodeB.BaseAddress };
        Assert.Equal("/", (await SignIn.AsAsync(client, nodeB, "compliance")).Headers.Location!.ToString());
        var received = new ConcurrentQueue<(string Name, int Value)>();
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(nodeB.BaseAddress, "hubs/operations"), o => o.Cookies = cookies).Build();
        hub.On<string, int>("counter", (name, value) => received.Enqueue((name, value)));
        await hub.StartAsync();

        var role = await nodeA.Db(db => db.Roles.FirstAsync(r => r.Name == DefaultRoles.Support));
        Must.Succeed(await nodeA.SendAs("admin", new ChangeRolePermissions(role.Id, role.Name!, [StaffPermissions.ViewAudit], [], "node test")));

        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 5;
        while (!received.Any(c => c.Name == SpineCounters.PendingOperations && c.Value == 1) && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(20);
        Assert.Contains(received, c => c.Name == SpineCounters.PendingOperations && c.Value == 1);
    }
}
