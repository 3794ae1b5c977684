using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// SQLite: keeps the statements EF Core runs prepared on their connection, as a prepared command keeps them, instead of
/// compiling the SQL again for every query and save. Microsoft.Data.Sqlite prepares a statement per command object and
/// EF Core makes a new command each time, so without this every read of a command pays SQLite's parser and planner again
/// (about a sixth of a card deposit's callback). The connections a pooled context keeps open for its life
/// (<see cref="SqliteKeptConnections"/>) make their commands here, so the prepared statements are reused from one command
/// to the next.
/// <para>
/// A command made here is a thin one that takes, once it knows its SQL, the connection's kept command for that SQL; when
/// EF Core disposes it, the kept command goes back with its statements prepared and its parameters cleared. A kept command
/// still in use (a reader open on the same SQL) is never shared: a plain command is used instead. Each connection keeps at
/// most <see cref="Capacity"/> statements, the least recently used going first; closing a connection finalises its
/// statements, which are prepared again on next use.
/// </para>
/// </summary>
public static class SqliteStatementCache
{
    /// <summary>Statements kept per connection: every command's hot statements, with room for the reports' larger ones.</summary>
    public const int Capacity = 256;

    private static readonly ConditionalWeakTable<SqliteConnection, Kept> ByConnection = new();

    /// <summary>A command on <paramref name="connection"/> that runs on the connection's kept statement for its SQL.</summary>
    internal static DbCommand CommandFor(SqliteConnection connection) => new KeptCommand(connection, ByConnection.GetValue(connection, _ => new Kept()));

    /// <summary>How many statements a connection keeps prepared now.</summary>
    public static int KeptOn(SqliteConnection connection) => ByConnection.TryGetValue(connection, out var kept) ? kept.Count : 0;

    /// <summary>A connection's kept commands by SQL, least recently used first. One context uses a connection at a time.</summary>
    private sealed class Kept
    {
        private readonly Dictionary<string, LinkedListNode<(string Sql, SqliteCommand Command)>> _bySql = new(StringComparer.Ordinal);
        private readonly LinkedList<(string Sql, SqliteCommand Command)> _order = new();
        private readonly HashSet<SqliteCommand> _inUse = new(ReferenceEqualityComparer.Instance);

        public int Count => _bySql.Count;

        /// <summary>The kept command for <paramref name="sql"/>, or null when it is in use (the caller makes a plain one).</summary>
        public SqliteCommand? Take(SqliteConnection connection, string sql)
        {
            if (_bySql.TryGetValue(sql, out var node))
            {
                if (!_inUse.Add(node.Value.Command)) return null;
                _order.Remove(node);
                _order.AddLast(node);
                return node.Value.Command;
            }
            if (_bySql.Count >= Capacity && !Evict()) return null;
            var command = connection.CreateCommand();
            command.CommandText = sql;
            _bySql[sql] = _order.AddLast((sql, command));
            _inUse.Add(command);
            return command;
        }

        public void Return(SqliteCommand command)
        {
            command.Parameters.Clear();
            command.Transaction = null;
            _inUse.Remove(command);
        }

        private bool Evict()
        {
            for (var node = _order.First; node is not null; node = node.Next)
            {
                if (_inUse.Contains(node.Value.Command)) continue;
                _order.Remove(node);
                _bySql.Remove(node.Value.Sql);
                node.Value.Command.Dispose();
                return true;
            }
            return false;
        }
    }

    /// <summary>
    /// The command EF Core sees. Its settings are held until the SQL is known, then applied to the kept command (or a
    /// plain one) that runs it.
    /// </summary>
    [SuppressMessage("Security", "CA2100", Justification = "The SQL is EF Core's own, with its parameters.")]
    private sealed class KeptCommand(SqliteConnection connection, Kept kept) : DbCommand
    {
        private SqliteCommand? _inner;
        private bool _isKept;
        private SqliteTransaction? _transaction;
        private int _timeout = connection.DefaultTimeout;

        private SqliteCommand Inner => _inner ?? throw new InvalidOperationException("The command has no SQL yet.");

        // Parameters added before the SQL is known wait here, and go with the command that runs it.
        private SqliteCommand? _pending;

        [AllowNull]
        public override string CommandText
        {
            get => _inner?.CommandText ?? "";
            set
            {
                var sql = value ?? "";
                List<SqliteParameter>? carried = null;
                if (_inner is not null)
                {
                    if (_inner.CommandText == sql) return;
                    carried = [.. _inner.Parameters.Cast<SqliteParameter>()];
                    Release();
                }
                else if (_pending is { Parameters.Count: > 0 })
                {
                    carried = [.. _pending.Parameters.Cast<SqliteParameter>()];
                    _pending.Parameters.Clear();
                }
                _inner = kept.Take(connection, sql);
                _isKept = _inner is not null;
                _inner ??= new SqliteCommand(sql, connection);
                _inner.Transaction = _transaction;
                _inner.CommandTimeout = _timeout;
                if (carried is not null)
                    _inner.Parameters.AddRange(carried);
            }
        }

        public override int CommandTimeout
        {
            get => _timeout;
            set
            {
                _timeout = value;
                if (_inner is not null) _inner.CommandTimeout = value;
            }
        }

        public override CommandType CommandType
        {
            get => CommandType.Text;
            set
            {
                if (value != CommandType.Text) throw new ArgumentException("SQLite runs text commands only.", nameof(value));
            }
        }

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection
        {
            get => connection;
            set
            {
                if (!ReferenceEquals(value, connection)) throw new InvalidOperationException("This command belongs to its connection.");
            }
        }

        protected override DbParameterCollection DbParameterCollection => _inner?.Parameters ?? (_pending ??= new SqliteCommand()).Parameters;

        protected override DbTransaction? DbTransaction
        {
            get => _transaction;
            set
            {
                _transaction = (SqliteTransaction?)value;
                if (_inner is not null) _inner.Transaction = _transaction;
            }
        }

        public override void Cancel() => _inner?.Cancel();

        protected override DbParameter CreateDbParameter() => new SqliteParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Inner.ExecuteReader(behavior);

        protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
            await Inner.ExecuteReaderAsync(behavior, cancellationToken);

        public override int ExecuteNonQuery() => Inner.ExecuteNonQuery();

        public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Inner.ExecuteNonQueryAsync(cancellationToken);

        public override object? ExecuteScalar() => Inner.ExecuteScalar();

        public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Inner.ExecuteScalarAsync(cancellationToken);

        public override void Prepare() => Inner.Prepare();

        private void Release()
        {
            if (_inner is null) return;
            if (_isKept) kept.Return(_inner);
            else _inner.Dispose();
            _inner = null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Release();
                _pending?.Dispose();
            }
            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
