using System.Net;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace BackOffice.Tests;

/// <summary>
/// The real application (real pipeline, real database) for one test class. SQLite by default;
/// PostgreSQL when BACKOFFICE_TEST_POSTGRES holds a server connection string (a fresh database
/// is created per instance). With <c>kestrel: true</c> it listens on 127.0.0.1 for browsers and hub clients.
/// </summary>
public class TestApp : WebApplicationFactory<Program>
{
    private readonly bool _kestrel;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "backoffice-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _settings = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    // Each app would otherwise watch its settings files: with dozens of apps alive in one run the machine's inotify instances run out.
    static TestApp() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");

    public static string? PostgresServer => Environment.GetEnvironmentVariable("BACKOFFICE_TEST_POSTGRES") is { Length: > 0 } s ? s : null;
    public bool IsPostgres => PostgresServer is not null;

    private readonly bool _ownsDatabase;

    /// <param name="ownsDatabase">False for a second web node on another node's database: it must not drop it.</param>
    public TestApp(bool kestrel = false, bool fakeClock = true, Dictionary<string, string>? settings = null, bool ownsDatabase = true)
    {
        _kestrel = kestrel;
        _ownsDatabase = ownsDatabase;
        UseFakeClock = fakeClock;
        Directory.CreateDirectory(_directory);
        if (PostgresServer is { } server)
        {
            var database = "bo_test_" + Guid.NewGuid().ToString("N")[..12];
            _settings["Database:Provider"] = "Postgres";
            _settings["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
        }
        else
        {
            _settings["Database:Provider"] = "Sqlite";
            _settings["Database:ConnectionString"] = $"Data Source={Path.Combine(_directory, "test.db")}";
        }
        _settings["Demo:Enabled"] = "true";
        _settings["Outbox:FirstRetrySeconds"] = "10";
        _settings["Demo:Clients"] = "0";
        _settings["Platform:SimulatorStateFile"] = "";
        _settings["Platform:BackgroundSync"] = "false";
        _settings["Funds:BackgroundDispatch"] = "false";
        _settings["Identity:Fake:StateFile"] = "";
        _settings["Documents:Folder"] = DocumentsFolder;
        _settings["Kyc:BackgroundJobs"] = "false";
        _settings["Reports:BackgroundFacts"] = "false";
        _settings["Partners:BackgroundRuns"] = fakeClock ? "false" : "true";
        foreach (var (k, v) in settings ?? []) _settings[k] = v;
        if (kestrel) UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    public bool UseFakeClock { get; }

    /// <summary>Where this app keeps its encrypted document files.</summary>
    public string DocumentsFolder => Path.Combine(_directory, "documents");

    public TestLogSink LogSink { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (k, v) in _settings) builder.UseSetting(k, v);
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.AddProvider(LogSink));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(LogSink);
            // The sandbox processor posts its callbacks over HTTP to the console; in-memory servers take them through their handler.
            if (!_kestrel)
                services.AddHttpClient(BackOffice.Infrastructure.Payments.SandboxPsp.HttpClientName)
                    .ConfigurePrimaryHttpMessageHandler(sp => ((Microsoft.AspNetCore.TestHost.TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
            if (UseFakeClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }
        });
    }

    /// <summary>The address of the real server (kestrel mode).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal) + "/");
        }
    }

    public IServiceScopeFactory Scopes => Services.GetRequiredService<IServiceScopeFactory>();

    public async Task<Actor> ActorAsync(string userName)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>().FindByNameAsync(userName)
            ?? throw new InvalidOperationException("No staff member " + userName);
        return new Actor(user.Id, user.UserName!, "127.0.0.1", "tests", Actor.NewCorrelationId());
    }

    public async Task<TResult> SendAs<TResult>(string userName, IBackOfficeCommand<TResult> command) where TResult : Result =>
        await Scopes.SendAsAsync(command, await ActorAsync(userName));

    public async Task<TResult> QueryAs<TResult>(string userName, IBackOfficeQuery<TResult> query) =>
        await Scopes.QueryAsAsync(query, await ActorAsync(userName));

    /// <summary>Reads the database directly, as an assertion would.</summary>
    public async Task<T> Db<T>(Func<BackOfficeDb, Task<T>> read)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<BackOfficeDb>());
    }

    public async Task<string> AuthenticatorCodeAsync(string userName, int stepOffset = 0)
    {
        await using var scope = Scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
        var key = await users.GetAuthenticatorKeyAsync((await users.FindByNameAsync(userName))!);
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow();
        return Totp.Code(Totp.DecodeBase32(key!), Totp.StepAt(now) + stepOffset);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        try
        {
            if (PostgresServer is not null && _ownsDatabase)
            {
                NpgsqlConnection.ClearAllPools();
                var db = new NpgsqlConnectionStringBuilder(_settings["Database:ConnectionString"]).Database;
                using var connection = new NpgsqlConnection(PostgresServer);
                connection.Open();
                using var drop = connection.CreateCommand();
                drop.CommandText = $"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)";
                drop.ExecuteNonQuery();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception)
        {
            // A temp folder or test database left behind is harmless.
        }
    }
}

/// <summary>One app per test class (xunit class fixtures need a single parameterless constructor).</summary>
public sealed class SharedApp() : TestApp(kestrel: false);

public static class Must
{
    public static void Succeed(Result result) => Assert.True(result.Succeeded, result.ToString());

    public static Error Fail(Result result, string? code = null)
    {
        Assert.False(result.Succeeded, "Expected a refusal but the command succeeded.");
        if (code is not null) Assert.Equal(code, result.Error!.Code);
        return result.Error!;
    }
}
