using System.Data;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
            kept = new SqliteConnection(connectionString);
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

    public void Dispose()
    {
        foreach (var (_, connection) in _kept)
            connection.Dispose();
        _kept.Clear();
    }
}
