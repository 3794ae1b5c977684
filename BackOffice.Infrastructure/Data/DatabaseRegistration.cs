using BackOffice.Core.Common.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Infrastructure.Data;

public static class DatabaseRegistration
{
    /// <summary>Registers the provider's context and maps <see cref="BackOfficeDb"/> to it.</summary>
    public static IServiceCollection AddBackOfficeDatabase(this IServiceCollection services, DatabaseOptions options, string baseDirectory)
    {
        if (options.IsPostgres)
        {
            services.AddDbContextPool<PostgresBackOfficeDb>(o => o.UseNpgsql(options.ConnectionString).ConfigureWarnings(Quiet));
            services.AddScoped<BackOfficeDb>(sp => sp.GetRequiredService<PostgresBackOfficeDb>());
        }
        else
        {
            var connectionString = SqliteConnectionString(options.ConnectionString, baseDirectory);
            services.AddDbContextPool<SqliteBackOfficeDb>(o => o.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()).ConfigureWarnings(Quiet));
            services.AddSingleton(_ => new SqliteKeptConnections(connectionString));
            services.AddScoped<BackOfficeDb>(sp => sp.GetRequiredService<SqliteKeptConnections>().Attach(sp.GetRequiredService<SqliteBackOfficeDb>()));
        }
        return services;
    }

    /// <summary>A relative data file is placed next to the operator's appsettings.json, and its folder created.</summary>
    public static string SqliteConnectionString(string connectionString, string baseDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.GetFullPath(Path.Combine(baseDirectory, builder.DataSource));
        if (Path.GetDirectoryName(builder.DataSource) is { Length: > 0 } dir)
            Directory.CreateDirectory(dir);
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>Creates or upgrades the schema; SQLite switches to the write-ahead log once, for good.</summary>
    public static async Task MigrateAsync(BackOfficeDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (!db.IsPostgres)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
    }

    // A capped count (Take(10,001) then Count) needs no order: the warning EF logs for it would only be noise in the operator's log.
    private static void Quiet(Microsoft.EntityFrameworkCore.Diagnostics.WarningsConfigurationBuilder w) =>
        w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning);
}
