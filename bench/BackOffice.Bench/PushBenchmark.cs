using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using BackOffice.Core.Reports.Floor;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Roles;
using BackOffice.Infrastructure.Data;
using BackOffice.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// Benchmark 2: how long after a commit a live counter reaches the screens. The real app runs on
/// Kestrel in this process; N SignalR clients, signed in as the demo Compliance officer (who sees
/// operations.pending), listen on /hubs/operations. The administrator requests a four-eyes role
/// change (stored as a pending operation: the counter goes up by one); each client's receipt of
/// the new value is timed from the moment the command returned, i.e. after its commit.
/// Benchmark 10 (<c>floor</c>) is the same with N live floors: clients signed in as the demo Manager
/// ask the hub for the floor (WatchFloor), and each commit is timed until every floor pushed after it
/// shows the new number of four-eyes operations waiting.
/// </summary>
public static partial class PushBenchmark
{
    private const string Counter = SpineCounters.PendingOperations;

    /// <summary>What a screen is: who is signed in, what it asks the hub for once connected, and how it reads the waiting count from a push.</summary>
    private sealed record Screen(string Name, string User, Func<HubConnection, Task> Open, Action<HubConnection, Action<int>> OnValue);

    private static readonly Screen CounterScreen = new("counter", "compliance", _ => Task.CompletedTask,
        (connection, onValue) => connection.On<string, int>("counter", (name, value) =>
        {
            if (name == Counter) onValue(value);
        }));

    private static readonly Screen FloorScreen = new("live floor", "manager", connection => connection.InvokeAsync<FloorSnapshot>("WatchFloor"),
        (connection, onValue) => connection.On<FloorSnapshot>("floor", floor => onValue(floor.Queue(Counter)!.Count)));

    public static Task<int> RunAsync(string[] args) => RunAsync(args, CounterScreen, 100);

    public static Task<int> RunFloorAsync(string[] args) => RunAsync(args, FloorScreen, 200);

    private static async Task<int> RunAsync(string[] args, Screen screen, int defaultClients)
    {
        var clients = Option(args, "--clients", defaultClients);
        var commits = Option(args, "--commits", 50);
        var warmup = Option(args, "--warmup", 5);
        var gap = TimeSpan.FromMilliseconds(Option(args, "--gap-ms", 300));
        // Default: each commit waits until every client has the previous value, then `gap` more,
        // so no push is held back by the pusher's coalescing (one round per 250 ms at most).
        // --steady: one commit every `gap`, whatever the clients have received (shows the coalescing).
        var steady = args.Contains("--steady");
        var demoClients = Option(args, "--demo-clients", 0);
        Console.WriteLine($"push benchmark ({screen.Name}): {clients} SignalR clients as {screen.User}, {commits} commits (+{warmup} warm-up), " +
            (steady ? $"one commit every {gap.TotalMilliseconds} ms" : $"≥ {gap.TotalMilliseconds} ms between a round's last receipt and the next commit") +
            $"; {Environment.ProcessorCount} cores");

        // --demo-clients N: the demo book (clients, deposits, withdrawals, KYC cases, partners) under the floor's queries.
        await using var app = await BenchApp.CreateAsync("push", listen: true,
            settings: demoClients > 0 ? new Dictionary<string, string?> { ["Demo:Clients"] = demoClients.ToString() } : null);
        var address = app.Address;
        Console.WriteLine($"app listening at {address}");

        var cookies = await SignInAsync(address, screen.User, Seeder.DemoPassword);
        var admin = await app.StaffAsync("admin");
        var (roleId, roleName) = await SupportRoleAsync(app);
        var baseline = await CurrentValueAsync(app);

        // One slot per commit: the k-th commit makes the counter baseline + k. A client has the
        // k-th commit once it receives any value ≥ baseline + k (coalesced rounds skip values).
        var total = warmup + commits;
        var receipts = new long[total + 1][];
        var received = new int[total + 1];
        var complete = new TaskCompletionSource[total + 1];
        for (var k = 1; k <= total; k++)
        {
            receipts[k] = new long[clients];
            complete[k] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        var unexpected = 0;

        var connections = new List<HubConnection>();
        var opening = Stopwatch.StartNew();
        for (var batch = 0; batch < clients; batch += 10)
        {
            var started = new List<Task>();
            for (var c = batch; c < Math.Min(clients, batch + 10); c++)
            {
                var client = c;
                var connection = new HubConnectionBuilder()
                    .WithUrl(address + OperationsHub.Path, o => o.Cookies = cookies)
                    .Build();
                screen.OnValue(connection, value =>
                {
                    var now = Stopwatch.GetTimestamp();
                    var upTo = value - baseline;
                    if (upTo < 1 || upTo > total)
                    {
                        Interlocked.Increment(ref unexpected);
                        return;
                    }
                    // A connection's handlers run one at a time; values only grow during the run.
                    for (var k = upTo; k >= 1 && Interlocked.CompareExchange(ref receipts[k][client], now, 0) == 0; k--)
                        if (Interlocked.Increment(ref received[k]) == clients)
                            complete[k].TrySetResult();
                });
                connections.Add(connection);
                started.Add(connection.StartAsync());
            }
            await Task.WhenAll(started);
            await Task.WhenAll(connections.Skip(batch).Select(screen.Open));
        }
        Console.WriteLine($"{clients} connections open in {opening.ElapsedMilliseconds} ms");

        var committedAt = new long[total + 1];
        var nextCommit = Stopwatch.GetTimestamp();
        for (var k = 1; k <= total; k++)
        {
            if (steady)
            {
                nextCommit += (long)(gap.TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextCommit);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait);
            }
            else
            {
                await Task.Delay(gap);
            }
            var result = await app.Scopes.SendAsAsync(
                new ChangeRolePermissions(roleId, roleName, [OperationsPermissions.ViewAlerts], [],
                    $"Benchmark commit {k}: measuring the live counter push"),
                BenchApp.As(admin));
            committedAt[k] = Stopwatch.GetTimestamp();
            if (!result.IsPendingApproval)
                throw new InvalidOperationException($"Expected a pending four-eyes operation, got {result}.");
            if (!steady || k == total)
                await WaitForAsync(k, k <= warmup ? 30 : 10);
        }

        async Task WaitForAsync(int k, int seconds)
        {
            var waited = await Task.WhenAny(complete[k].Task, Task.Delay(TimeSpan.FromSeconds(seconds)));
            if (waited != complete[k].Task)
                Console.WriteLine($"commit {k}: only {Volatile.Read(ref received[k])} of {clients} clients received value {baseline + k} in time");
        }

        var samples = new List<double>();
        var slowest = new List<double>();
        var missing = 0;
        var early = 0;
        for (var k = warmup + 1; k <= total; k++)
        {
            var perCommit = new List<double>();
            for (var c = 0; c < clients; c++)
            {
                var at = Volatile.Read(ref receipts[k][c]);
                if (at == 0)
                {
                    missing++;
                    continue;
                }
                if (at < committedAt[k]) early++; // pushed before SendAsAsync had even returned: counted as 0 ms
                var ms = Math.Max(0, Stopwatch.GetElapsedTime(committedAt[k], at).TotalMilliseconds);
                samples.Add(ms);
                perCommit.Add(ms);
            }
            if (perCommit.Count > 0)
                slowest.Add(perCommit.Max());
        }

        foreach (var connection in connections)
            await connection.DisposeAsync();

        Console.WriteLine();
        Console.WriteLine($"commit → client receipt, {samples.Count} samples ({commits} commits × {clients} clients; missing {missing}, before return {early}, unexpected values {unexpected}):");
        Console.WriteLine($"  p50 {F(Percentile(samples, 50), "0.0")} ms, p95 {F(Percentile(samples, 95), "0.0")} ms, p99 {F(Percentile(samples, 99), "0.0")} ms, max {F(samples.DefaultIfEmpty(double.NaN).Max(), "0.0")} ms");
        Console.WriteLine($"commit → last of the {clients} clients, per commit ({slowest.Count} commits):");
        Console.WriteLine($"  p50 {F(Percentile(slowest, 50), "0.0")} ms, p95 {F(Percentile(slowest, 95), "0.0")} ms, max {F(slowest.DefaultIfEmpty(double.NaN).Max(), "0.0")} ms");
        var p95 = Percentile(samples, 95);
        Console.WriteLine($"target p95 < 300 ms: {(missing == 0 && p95 < 300 ? "met" : "NOT met")}");
        if (screen == FloorScreen)
            await FloorComputeAsync(app, screen.User);
        return 0;
    }

    /// <summary>Where a floor push's time goes: the floor computed alone (the pusher's reads), and its size on the wire.</summary>
    private static async Task FloorComputeAsync(BenchApp app, string user)
    {
        var staffId = (await app.StaffAsync(user)).Id;
        var times = new List<double>();
        FloorSnapshot? floor = null;
        for (var i = 0; i < 60; i++)
        {
            await using var scope = app.Scopes.CreateAsyncScope();
            var board = scope.ServiceProvider.GetRequiredService<FloorBoard>();
            var started = Stopwatch.GetTimestamp();
            floor = (await board.ForStaffAsync([staffId], CancellationToken.None)).Single().Snapshot;
            if (i >= 10) times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(floor, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)).Length;
        Console.WriteLine($"the floor computed alone, {times.Count} times: p50 {F(Percentile(times, 50), "0.0")} ms, p95 {F(Percentile(times, 95), "0.0")} ms; " +
            $"{bytes:N0} bytes as JSON ({floor!.Queues.Count} queues, {floor.Alerts.Count} alerts)");
    }

    /// <summary>Signs in as a browser does: the form's antiforgery token and cookie, then the POST that sets the auth cookie.</summary>
    private static async Task<CookieContainer> SignInAsync(string address, string userName, string password)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(address) };
        var page = await http.GetStringAsync("/account/login");
        var input = AntiforgeryInput().Match(page);
        if (!input.Success)
            throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        var token = WebUtility.HtmlDecode(ValueAttribute().Match(input.Value).Groups[1].Value);
        using var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["ReturnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
        var location = response.Headers.Location?.ToString();
        if (response.StatusCode != HttpStatusCode.Redirect || location != "/")
            throw new InvalidOperationException($"Sign-in as {userName} failed: {(int)response.StatusCode} → {location}");
        if (cookies.GetCookies(new Uri(address)).All(c => c.Name != "backoffice.auth"))
            throw new InvalidOperationException("Sign-in set no auth cookie.");
        return cookies;
    }

    private static async Task<(string Id, string Name)> SupportRoleAsync(BenchApp app)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        var role = await db.Roles.SingleAsync(r => r.Name == DefaultRoles.Support);
        return (role.Id, role.Name!);
    }

    private static async Task<int> CurrentValueAsync(BenchApp app)
    {
        await using var scope = app.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        var live = app.App.Services.GetRequiredService<LiveOperations>();
        return await live.Find(Counter)!.Compute(db, DateTime.UtcNow, CancellationToken.None);
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
