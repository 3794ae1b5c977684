using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace BackOffice.Bench;

/// <summary>
/// The baseline: the same rows written by hand with ADO.NET, one transaction per operation, on
/// a database created by the app's own migrations (same tables, same indexes, WAL, same
/// pragmas). What it keeps from the real thing: reading the chain's tip and SHA-256 over the
/// previous hash + the entry's content. What it leaves out is what the pipeline is for: DI
/// scope, mediator, validation, permission, change capture, subscriber lookup, EF Core.
/// </summary>
public sealed class RawWriter : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _tip;
    private readonly SqliteCommand _alert;
    private readonly SqliteCommand _subscription;
    private readonly SqliteCommand _outbox;
    private readonly SqliteCommand _audit;

    /// <summary>Time spent in COMMIT (the WAL write, and now and then a checkpoint), summed.</summary>
    public double CommitMs { get; private set; }

    public RawWriter(string databaseFile)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, DefaultTimeout = 30 }.ToString());
        _connection.Open();
        using (var pragmas = _connection.CreateCommand())
        {
            // The same settings the app's connection interceptor applies.
            pragmas.CommandText = Infrastructure.Data.SqlitePragmas.Pragmas;
            pragmas.ExecuteNonQuery();
        }
        _tip = Command("SELECT Sequence, Hash FROM AuditEntries ORDER BY Sequence DESC LIMIT 1");
        _alert = Command("""
            INSERT INTO Alerts (Id, Kind, Severity, EntityType, EntityId, Message, RaisedAt, Status, Version)
            VALUES ($id, $kind, $severity, $entityType, $entityId, $message, $raisedAt, 'Open', 0)
            """, "$id", "$kind", "$severity", "$entityType", "$entityId", "$message", "$raisedAt");
        _subscription = Command("""
            INSERT INTO WebhookSubscriptions (Id, Name, Url, Secret, EventTypes, Active, CreatedAt, Version)
            VALUES ($id, $name, $url, $secret, $eventTypes, 1, $createdAt, 0)
            """, "$id", "$name", "$url", "$secret", "$eventTypes", "$createdAt");
        _outbox = Command("""
            INSERT INTO Outbox (Id, EventId, EventType, SubscriptionId, Payload, CreatedAt, Status, Attempts, NextAttemptAt, Version)
            VALUES ($id, $eventId, $eventType, $subscriptionId, $payload, $createdAt, 'Pending', 0, $createdAt, 0)
            """, "$id", "$eventId", "$eventType", "$subscriptionId", "$payload", "$createdAt");
        _audit = Command("""
            INSERT INTO AuditEntries (Sequence, At, ActorId, ActorName, Action, EntityType, EntityId, After, Ip, UserAgent, CorrelationId, PreviousHash, Hash)
            VALUES ($sequence, $at, $actorId, $actorName, $action, $entityType, $entityId, $after, $ip, $userAgent, $correlationId, $previousHash, $hash)
            """, "$sequence", "$at", "$actorId", "$actorName", "$action", "$entityType", "$entityId", "$after", "$ip", "$userAgent", "$correlationId",
            "$previousHash", "$hash");
    }

    /// <summary>Like RaiseAlert: the alert row, one outbox row for the one subscriber, the audit entry.</summary>
    public void RaiseAlert(int n, Guid subscriptionId)
    {
        using var transaction = _connection.BeginTransaction();
        var now = DateTime.UtcNow;
        var id = Guid.CreateVersion7();
        const string kind = "bench.load";
        var message = $"Benchmark alert #{n}";
        var entityId = n.ToString(CultureInfo.InvariantCulture);
        Run(_alert, transaction, Text(id), kind, "Warning", "Bench", entityId, message, Time(now));

        var eventId = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new
        {
            id = eventId, type = "alert.raised", createdAt = now,
            data = new { alertId = id, kind, severity = "Warning", message, entityType = "Bench", entityId },
        }, Web);
        Run(_outbox, transaction, Text(Guid.CreateVersion7()), Text(eventId), "alert.raised", Text(subscriptionId), payload, Time(now));

        var after = new Dictionary<string, object?>
        {
            ["Id"] = id, ["Kind"] = kind, ["Severity"] = 1, ["EntityType"] = "Bench", ["EntityId"] = entityId, ["Message"] = message,
            ["RaisedAt"] = now, ["Status"] = 0, ["AcknowledgedBy"] = null, ["AcknowledgedAt"] = null, ["ResolvedBy"] = null,
            ["ResolvedAt"] = null, ["Resolution"] = null,
        };
        Audit(transaction, now, null, "system:bench", "RaiseAlert", "OperationalAlert", id.ToString(), after, null, null);
        Commit(transaction);
    }

    /// <summary>Like AddWebhookSubscription: the subscription row and the audit entry (it publishes no event).</summary>
    public void AddSubscription(int n, string actorId, string actorName)
    {
        using var transaction = _connection.BeginTransaction();
        var now = DateTime.UtcNow;
        var id = Guid.CreateVersion7();
        var name = $"Bench receiver {n}";
        var url = $"https://hooks.example.test/{n}";
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Run(_subscription, transaction, Text(id), name, url, secret, "*", Time(now));
        var after = new Dictionary<string, object?>
        {
            ["Id"] = id, ["Name"] = name, ["Url"] = url, ["EventTypes"] = "*", ["Active"] = true, ["CreatedAt"] = now,
        };
        Audit(transaction, now, actorId, actorName, "AddWebhookSubscription", "WebhookSubscription", id.ToString(), after, "127.0.0.1", "BackOffice.Bench");
        Commit(transaction);
    }

    private void Commit(SqliteTransaction transaction)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        transaction.Commit();
        CommitMs += System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private void Audit(SqliteTransaction transaction, DateTime now, string? actorId, string actorName, string action, string entityType, string entityId,
        Dictionary<string, object?> after, string? ip, string? userAgent)
    {
        long sequence = 0;
        var previousHash = "";
        _tip.Transaction = transaction;
        using (var reader = _tip.ExecuteReader())
        {
            if (reader.Read())
            {
                sequence = reader.GetInt64(0);
                previousHash = reader.GetString(1);
            }
        }
        sequence++;
        var at = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
        var afterJson = JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, object?>> { [entityType + ":" + entityId] = after });
        var correlationId = Guid.NewGuid().ToString("N")[..16];
        var canonical = string.Join('\u001f',
            sequence.ToString(CultureInfo.InvariantCulture), at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            actorId, actorName, null, null, action, entityType, entityId, null, afterJson, null, ip, userAgent, correlationId);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(previousHash + "\u001e" + canonical)));
        Run(_audit, transaction, sequence, Time(at), actorId, actorName, action, entityType, entityId, afterJson, ip, userAgent, correlationId,
            previousHash, hash);
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters)
            command.Parameters.Add(new SqliteParameter(p, null));
        return command;
    }

    private static void Run(SqliteCommand command, SqliteTransaction transaction, params object?[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    // The app's on-disk formats (EF Core's SQLite conventions).
    private static string Text(Guid id) => id.ToString().ToUpperInvariant();

    private static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var c in new[] { _tip, _alert, _subscription, _outbox, _audit })
            c.Dispose();
        _connection.Dispose();
    }
}
