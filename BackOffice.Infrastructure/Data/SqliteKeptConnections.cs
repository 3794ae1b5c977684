using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// SQLite: each pooled context keeps one open connection for as long as it lives, instead of taking a connection from
/// SQLite's pool and handing it back around every command. The statements every command runs (the audit and outbox
/// inserts, the chain's tip, the subscribers) then stay prepared from one command to the next. An idle open connection
/// holds no lock and no snapshot: SQLite reads and writes only inside a statement or a transaction. EF Core never closes
/// a connection it did not open, and a pooled context keeps a connection it does not own when it goes back to the pool.
/// A context that is dropped takes its connection with it: SQLite's pool reclaims a connection whose owner was collected.
/// </summary>
public sealed class SqliteKeptConnections(string connectionString) : IDisposable
{
    private readonly ConditionalWeakTable<SqliteBackOfficeDb, SqliteConnection> _kept = new();

    public SqliteBackOfficeDb Attach(SqliteBackOfficeDb db)
    {
        if (!_kept.TryGetValue(db, out var kept))
        {
            if (db.Database.GetDbConnection().State != ConnectionState.Closed)
                return db; // already in use by EF on a connection of its own: leave it be
            kept = new KeptConnection(connectionString);
            if (!ProviderFunctions(db, kept))
                return db; // without EF Core's own functions its queries would fail: leave the context to EF
            kept.Open();
            SqlitePragmas.Apply(kept);
            _kept.Add(db, kept);
            db.Database.SetDbConnection(kept, contextOwnsConnection: false);
        }
        else if (!ReferenceEquals(db.Database.GetDbConnection(), kept) && db.Database.GetDbConnection().State == ConnectionState.Closed)
        {
            db.Database.SetDbConnection(kept, contextOwnsConnection: false);
        }
        return db;
    }

    /// <summary>
    /// EF Core's SQLite provider adds its functions (decimal arithmetic and aggregates, regexp…) to each connection it
    /// creates; a connection made here gets the same ones from the same code.
    /// </summary>
    private static bool ProviderFunctions(SqliteBackOfficeDb db, SqliteConnection connection)
    {
        var provider = db.GetService<IRelationalConnection>();
        var initialize = provider.GetType().GetMethod("InitializeDbConnection", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(DbConnection)]);
        if (initialize is null) return false;
        initialize.Invoke(provider, [connection]);
        return true;
    }

    /// <summary>A kept connection: the commands EF Core makes on it keep their statements prepared (<see cref="SqliteStatementCache"/>).</summary>
    private sealed class KeptConnection(string connectionString) : SqliteConnection(connectionString)
    {
        protected override DbCommand CreateDbCommand() => SqliteStatementCache.CommandFor(this);
    }

    public void Dispose()
    {
        foreach (var (_, connection) in _kept)
            connection.Dispose();
        _kept.Clear();
    }
}
