using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// Every SQLite connection waits up to 10 s for a writer instead of failing with "database is locked", enforces
/// foreign keys and syncs at the write-ahead log's normal level. The connections reports read on (a private cache, see
/// <c>SqliteBackOfficeDb.ReportReadsConnectionString</c>) also read the file through a memory map of up to 2 GB. The settings belong to the native connection, which
/// the pool keeps open between uses, so they are sent once per native connection rather than on every open.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    private const string ReportReads = " PRAGMA mmap_size = 2147418112;";

    private static readonly ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (Seen(connection)) return;
        Apply(connection);
    }

    /// <summary>Sends the settings on an open connection EF Core did not open, unless its native connection has them already.</summary>
    public static void ApplyOnce(DbConnection connection)
    {
        if (!Seen(connection)) Apply(connection);
    }

    /// <summary>Sends the settings on an open connection (one EF Core did not open, for example).</summary>
    public static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = For(connection);
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Seen(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = For(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private static string For(DbConnection connection) =>
        connection is SqliteConnection sqlite && new SqliteConnectionStringBuilder(sqlite.ConnectionString).Cache == SqliteCacheMode.Private ? Pragmas + ReportReads : Pragmas;

    // A native handle configured before still carries the settings; it is remembered only once they were applied.
    private static bool Seen(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
            Configured.AddOrUpdate(handle, handle);
    }

    /// <summary>SQLite's default: a commit that leaves the log at this many pages or more copies it into the database.</summary>
    private const int AutoCheckpointPages = 1000;

    private static readonly ConditionalWeakTable<object, object> Paused = new();

    /// <summary>
    /// The open connection's next commits leave copying the log into the database to another connection (see
    /// <see cref="Checkpoint"/>), until <see cref="ResumeCheckpoints"/> (the command pipeline calls it when the command's
    /// transaction is over).
    /// </summary>
    public static void PauseCheckpoints(SqliteConnection connection)
    {
        if (connection.Handle is not { } handle) return;
        raw.sqlite3_wal_autocheckpoint(handle, 0);
        Paused.AddOrUpdate(handle, handle);
    }

    /// <summary>Copies what the log holds into the database as far as readers allow, without waiting for anyone.</summary>
    public static void Checkpoint(SqliteConnection connection) =>
        raw.sqlite3_wal_checkpoint_v2(connection.Handle, null, raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);

    /// <summary>Ends <see cref="PauseCheckpoints"/> on the connection, if it was paused.</summary>
    public static void ResumeCheckpoints(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && Paused.TryGetValue(handle, out _))
        {
            raw.sqlite3_wal_autocheckpoint(handle, AutoCheckpointPages);
            Paused.Remove(handle);
        }
    }
}
