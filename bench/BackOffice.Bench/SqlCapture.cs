using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace BackOffice.Bench;

/// <summary>One statement EF Core sent, with its parameters as bound, so it can be run again by hand.</summary>
public sealed record CapturedCommand(string Sql, IReadOnlyList<CapturedParameter> Parameters);

/// <summary>A bound parameter as EF Core set it (and PostgreSQL's type name, which Npgsql binds by).</summary>
public sealed record CapturedParameter(string Name, object? Value, DbType DbType, string? PostgresType, int Size);

/// <summary>
/// Records the statements EF Core executes while <see cref="Recording"/> is on, through EF's
/// DiagnosticListener (no product code touched). The subscription stays on for CommandExecuted
/// even when not recording: EF caches "is anyone listening" for about a second, so switching it
/// off between calls would lose statements. The timed runs therefore pay for one event object
/// per statement (microseconds against milliseconds).
/// </summary>
public sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<CapturedCommand> _captured = [];
    private volatile bool _recording;

    public SqlCapture() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    public bool Recording => _recording;

    public void Start()
    {
        lock (_captured)
            _captured.Clear();
        _recording = true;
    }

    public List<CapturedCommand> Stop()
    {
        _recording = false;
        lock (_captured)
            return [.. _captured];
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions)
                _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (!_recording || e.Value is not CommandExecutedEventData data) return;
        var parameters = data.Command.Parameters.Cast<DbParameter>()
            .Select(p => new CapturedParameter(p.ParameterName, p.Value, p.DbType, (p as NpgsqlParameter)?.DataTypeName, p.Size))
            .ToList();
        lock (_captured)
            _captured.Add(new CapturedCommand(data.Command.CommandText, parameters));
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _all.Dispose();
        lock (_subscriptions)
            foreach (var s in _subscriptions)
                s.Dispose();
    }
}

/// <summary>
/// The baseline for a query: the very statements EF Core sent for it, run with plain ADO.NET on
/// one open connection (one command object per distinct text), every row and column read. SQLite
/// by default; PostgreSQL through <see cref="Postgres"/>.
/// </summary>
public sealed class RawReader : IDisposable
{
    private readonly DbConnection _connection;
    private readonly Dictionary<string, DbCommand> _prepared = [];

    public RawReader(string databaseFile) => _connection = ClientBookSeed.Open(databaseFile);

    private RawReader(DbConnection connection) => _connection = connection;

    public static RawReader Postgres(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        return new RawReader(connection);
    }

    private bool IsPostgres => _connection is NpgsqlConnection;

    public string ServerVersion => _connection.ServerVersion;

    /// <summary>Runs the statements in order; returns how long each took, reading included.</summary>
    public double[] Run(IReadOnlyList<CapturedCommand> statements)
    {
        var ms = new double[statements.Count];
        for (var s = 0; s < statements.Count; s++)
        {
            var started = Stopwatch.GetTimestamp();
            var command = Command(statements[s]);
            using (var reader = command.ExecuteReader())
            {
                var values = new object[reader.FieldCount];
                while (reader.Read())
                    reader.GetValues(values);
            }
            ms[s] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        return ms;
    }

    /// <summary>The first row the statement returns (empty when none): shows the replay finds what the app found.</summary>
    public object[] FirstRow(CapturedCommand statement)
    {
        using var reader = Command(statement).ExecuteReader();
        if (!reader.Read()) return [];
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        return values;
    }

    /// <summary>
    /// The plan for a statement, one line per step: SQLite's EXPLAIN QUERY PLAN indented by depth, or
    /// PostgreSQL's EXPLAIN (ANALYZE, BUFFERS), which runs the statement and shows where the rows and time went.
    /// </summary>
    public List<string> Plan(CapturedCommand statement)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = (IsPostgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + statement.Sql;
        Bind(command, statement);
        var depth = new Dictionary<long, int>();
        var lines = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (IsPostgres)
            {
                lines.Add(reader.GetString(0));
                continue;
            }
            var id = reader.GetInt64(0);
            var level = depth.TryGetValue(reader.GetInt64(1), out var parent) ? parent + 1 : 0;
            depth[id] = level;
            lines.Add(new string(' ', 2 * level) + reader.GetString(3));
        }
        return lines;
    }

    private DbCommand Command(CapturedCommand statement)
    {
        if (!_prepared.TryGetValue(statement.Sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = statement.Sql;
            _prepared[statement.Sql] = command;
        }
        command.Parameters.Clear();
        Bind(command, statement);
        return command;
    }

    private void Bind(DbCommand command, CapturedCommand statement)
    {
        foreach (var p in statement.Parameters)
        {
            DbParameter parameter = IsPostgres
                ? new NpgsqlParameter { ParameterName = p.Name, Value = p.Value ?? DBNull.Value, DataTypeName = p.PostgresType }
                : new SqliteParameter { ParameterName = p.Name, Value = p.Value ?? DBNull.Value };
            // A size of 0 set by hand truncates SQLite's text to nothing (a date bound as ''): only a real size is copied.
            if (p.Size > 0)
                parameter.Size = p.Size;
            command.Parameters.Add(parameter);
        }
    }

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
            command.Dispose();
        _connection.Dispose();
    }
}
