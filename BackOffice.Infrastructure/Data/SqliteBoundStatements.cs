using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// One-row statements every command runs (its new and changed rows, its audit entry and outbox rows) kept prepared on
/// their connection and bound by position with SQLite's own API. Through the ADO.NET provider each value is bound by
/// looking its parameter up by name and each run makes a reader; here a run is bind, step and reset. The values are
/// stored in the same types and text forms as the provider stores them (<see cref="SqliteAppend"/>). A connection's
/// statements are finalised and prepared again when its handle changes (it was closed and opened again).
/// </summary>
internal static class SqliteBoundStatements
{
    private sealed class Kept
    {
        public sqlite3? Handle;
        public readonly Dictionary<object, sqlite3_stmt> Statements = new(ReferenceEqualityComparer.Instance);

        public void Clear()
        {
            foreach (var statement in Statements.Values) statement.Dispose();
            Statements.Clear();
        }
    }

    private static readonly ConditionalWeakTable<SqliteConnection, Kept> ByConnection = new();

    /// <summary>
    /// Runs the statement kept under <paramref name="key"/> with <paramref name="values"/> as its parameters, in order. Returns
    /// the rows changed, or with <paramref name="returnsKey"/> the one value its row returned; null when a value is of a
    /// type not bound here (nothing was run: the caller runs the ADO.NET command).
    /// </summary>
    public static long? Run(SqliteConnection connection, object key, string sql, object?[] values, bool returnsKey)
    {
        foreach (var value in values)
            if (!SqliteAppend.Binds(value)) return null;
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var kept = ByConnection.GetValue(connection, _ => new Kept());
        if (!ReferenceEquals(kept.Handle, db))
        {
            kept.Clear();
            kept.Handle = db;
        }
        if (!kept.Statements.TryGetValue(key, out var statement))
        {
            SqliteAppend.Check(db, raw.sqlite3_prepare_v2(db, sql, out statement));
            if (raw.sqlite3_bind_parameter_count(statement) != values.Length)
            {
                var count = raw.sqlite3_bind_parameter_count(statement);
                statement.Dispose();
                throw new InvalidOperationException($"The statement has {count} parameters, not {values.Length}.");
            }
            kept.Statements[key] = statement;
        }
        try
        {
            for (var i = 0; i < values.Length; i++)
                SqliteAppend.Check(db, SqliteAppend.Bind(statement, i + 1, values[i]));
            // The connection's busy timeout makes SQLite itself wait for another writer's lock.
            var rc = raw.sqlite3_step(statement);
            if (!returnsKey)
            {
                SqliteAppend.Check(db, rc);
                return raw.sqlite3_changes(db);
            }
            if (rc != raw.SQLITE_ROW)
            {
                SqliteAppend.Check(db, rc);
                throw new InvalidOperationException("The statement returned no row.");
            }
            var returned = raw.sqlite3_column_int64(statement, 0);
            SqliteAppend.Check(db, raw.sqlite3_step(statement));
            return returned;
        }
        finally
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
        }
    }
}
