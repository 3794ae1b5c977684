using BackOffice.Core.Common;
using BackOffice.Core.Staff;
using BackOffice.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace BackOffice.Bench;

/// <summary>
/// The real application, composed exactly as Program.cs composes it (AddBackOffice,
/// UseBackOffice, InitialiseAsync), on a throw-away SQLite file under /tmp, on a kept one, or on a
/// PostgreSQL database.
/// Demo mode seeds the staff but no demo book; the platform simulator keeps its state in memory and the
/// background platform sync is off.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    private readonly bool _started;

    private BenchApp(WebApplication app, string directory, string databaseFile, bool started)
    {
        App = app;
        Directory = directory;
        DatabaseFile = databaseFile;
        _started = started;
    }

    public WebApplication App { get; }
    public string Directory { get; }

    /// <summary>In <see cref="Directory"/> (deleted with it), unless a kept file was given; unused on PostgreSQL.</summary>
    public string DatabaseFile { get; }
    public IServiceScopeFactory Scopes => App.Services.GetRequiredService<IServiceScopeFactory>();

    /// <summary>Builds and initialises the app; <paramref name="listen"/> also starts Kestrel (and the hosted services) on a random loopback port.</summary>
    /// <param name="keptDatabase">A database file that outlives the run (it is migrated, never deleted); null for a throw-away one.</param>
    /// <param name="postgres">A PostgreSQL connection string (database included) to run on instead of SQLite: created and migrated, never dropped here.</param>
    /// <param name="settings">Settings added over the bench's own (an operator's appsettings entry the scenario needs, such as a webhook secret).</param>
    public static async Task<BenchApp> CreateAsync(string name, bool listen, string? keptDatabase = null, string? postgres = null,
        IReadOnlyDictionary<string, string?>? settings = null, bool databaseOutsideContentRoot = false)
    {
        var directory = Path.Combine(Path.GetTempPath(), "backoffice-bench", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        System.IO.Directory.CreateDirectory(directory);
        var databaseFile = keptDatabase is null ? Path.Combine(directory, "backoffice.db") : Path.GetFullPath(keptDatabase);

        // The content root is the temp folder: the operator's appsettings.json is never read. The host watches its
        // content root (recursively) for settings changes, so with the database in it every write wakes the watcher's
        // thread; a write-heavy benchmark puts the content root in a folder of its own instead.
        var contentRoot = databaseOutsideContentRoot ? Path.Combine(directory, "content-root") : directory;
        System.IO.Directory.CreateDirectory(contentRoot);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = postgres is null ? "Sqlite" : "Postgres",
            ["Database:ConnectionString"] = postgres ?? $"Data Source={databaseFile}",
            ["Demo:Enabled"] = "true",
            ["Demo:Clients"] = "0",
            ["Platform:SimulatorStateFile"] = "",
            ["Platform:BackgroundSync"] = "false",
            ["Redis:ConnectionString"] = "",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        // Warnings only: the logging behaviour still runs (scope, timing, level check), but no line is written per command.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.StaticFiles", LogLevel.Error); // the temp content root has no wwwroot
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error); // throw-away keys, unencrypted on purpose
        if (listen)
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddBackOffice(builder.Configuration, directory);

        var app = builder.Build();
        app.UseBackOffice();
        await app.InitialiseAsync(printLogins: false);
        if (listen)
            await app.StartAsync();
        return new BenchApp(app, directory, databaseFile, listen);
    }

    public string Address =>
        App.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();

    /// <summary>A demo staff member, to act as (SendAsAsync with an explicit actor: no sign-in needed).</summary>
    public async Task<StaffMember> StaffAsync(string userName)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffMember>>();
        return await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"Demo staff member {userName} was not seeded.");
    }

    /// <summary>A fresh actor per command, as a request would have (its own correlation id).</summary>
    public static Actor As(StaffMember member) => new(member.Id, member.DisplayName, "127.0.0.1", "BackOffice.Bench", Actor.NewCorrelationId());

    public async ValueTask DisposeAsync()
    {
        if (_started)
            await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
