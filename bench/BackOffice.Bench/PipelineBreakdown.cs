using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using BackOffice.Core.Operations.Alerts;
using BackOffice.Core.Staff.Access;
using BackOffice.Core.Staff.Audit;
using BackOffice.Core.Webhooks;
using BackOffice.Infrastructure.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// Where the time of one RaiseAlert goes: a ladder from raw ADO.NET to the full pipeline, each
/// step adding one layer, plus the SQL statements the pipeline sends per command.
/// </summary>
public static class PipelineBreakdown
{
    public static async Task<int> RunAsync(string[] args)
    {
        var ops = Option(args, "--ops", 1000);
        Console.WriteLine($"pipeline breakdown (RaiseAlert): {ops} sequential operations per step, median of 3; {Environment.ProcessorCount} cores");

        await using var app = await BenchApp.CreateAsync("breakdown", listen: false);
        var admin = await app.StaffAsync("admin");
        var subscription = await app.Scopes.SendAsAsync(
            new AddWebhookSubscription("Bench receiver", "https://hooks.example.test/bench", "*"), BenchApp.As(admin));
        PipelineBenchmark.Check(subscription);
        var subscriptionId = subscription.Value!.Id;
        var rawFile = Path.Combine(app.Directory, "raw.db");
        var options = new DbContextOptionsBuilder<SqliteBackOfficeDb>().UseSqlite($"Data Source={rawFile}").Options;
        await using (var db = new SqliteBackOfficeDb(options))
            await DatabaseRegistration.MigrateAsync(db);
        using var raw = new RawWriter(rawFile);
        var scopes = app.Scopes;
        var n = 0;

        // The app's own context options, but from a pool: what AddDbContextPool would give.
        var appConnection = DatabaseRegistration.SqliteConnectionString($"Data Source={app.DatabaseFile}", app.Directory);
        var pooled = new PooledDbContextFactory<SqliteBackOfficeDb>(new DbContextOptionsBuilder<SqliteBackOfficeDb>()
            .UseSqlite(appConnection).AddInterceptors(new SqlitePragmas()).Options);

        var steps = new (string Name, Func<ValueTask> Op)[]
        {
            ("1 raw ADO.NET, one open connection, prepared commands", () => { raw.RaiseAlert(++n, subscriptionId); return ValueTask.CompletedTask; }),
            ("2 raw ADO.NET, connection from the pool + pragmas + new commands per op", () =>
            {
                using var fresh = new RawWriter(rawFile);
                fresh.RaiseAlert(++n, subscriptionId);
                return ValueTask.CompletedTask;
            }),
            ("3 DI scope + IMediator resolved, nothing sent", async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CommandContext>().Set(Actor.System("bench"));
                _ = scope.ServiceProvider.GetRequiredService<IMediator>();
            }),
            ("4 EF Core by hand, the app's DbContext from a DI scope: tx, 2 SaveChanges, tip query", async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                await EfByHandAsync(scope.ServiceProvider.GetRequiredService<BackOfficeDb>(), ++n, subscriptionId, oneSave: false);
            }),
            ("4b same, DbContext from a pool", async () =>
            {
                await using var db = await pooled.CreateDbContextAsync();
                await EfByHandAsync(db, ++n, subscriptionId, oneSave: false);
            }),
            ("4c same, pooled, one SaveChanges, no automatic savepoints", async () =>
            {
                await using var db = await pooled.CreateDbContextAsync();
                db.Database.AutoSavepointsEnabled = false;
                await EfByHandAsync(db, ++n, subscriptionId, oneSave: true);
            }),
            ("6 the permission behaviour's reads alone: StaffAccess.GetPermissionsAsync(admin) in a DI scope", async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                _ = await scope.ServiceProvider.GetRequiredService<StaffAccess>().GetPermissionsAsync(admin.Id);
            }),
            ("6b same, called twice in one scope (the second call is the queries alone)", async () =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var access = scope.ServiceProvider.GetRequiredService<StaffAccess>();
                _ = await access.GetPermissionsAsync(admin.Id);
                _ = await access.GetPermissionsAsync(admin.Id);
            }),
            ("5 full pipeline (SendAsAsync)", async () => PipelineBenchmark.Check(await scopes.SendAsAsync(
                new RaiseAlert("bench.load", AlertSeverity.Warning, $"Benchmark alert #{++n}", "Bench", n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                Actor.System("bench")))),
        };

        foreach (var (_, op) in steps)
            for (var i = 0; i < 200; i++)
                await op();
        var rates = steps.ToDictionary(s => s.Name, _ => new List<double>());
        var cpu = steps.ToDictionary(s => s.Name, _ => new List<double>());
        for (var round = 0; round < 3; round++)
            foreach (var (name, op) in steps)
            {
                var m = await MeasureAsync(ops, op);
                rates[name].Add(m.Rate);
                cpu[name].Add(m.CpuMs);
            }

        Console.WriteLine();
        Console.WriteLine("| step | ops/s | ms/op (wall) | ms/op (cpu) |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, _) in steps)
        {
            var r = Median(rates[name]);
            Console.WriteLine($"| {name} | {F(r)} | {F(1000 / r, "0.000")} | {F(Median(cpu[name]), "0.000")} |");
        }

        var commitBefore = raw.CommitMs;
        var rawTotal = await MeasureAsync(ops, steps[0].Op);
        Console.WriteLine();
        Console.WriteLine($"raw ADO.NET again: {F(1000 / rawTotal.Rate, "0.000")} ms/op, of which COMMIT {F((raw.CommitMs - commitBefore) / ops, "0.000")} ms/op");

        // What the pipeline sends to the database per command, and how long the database takes.
        using (var meter = new EfCommandMeter())
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < ops; i++)
                await steps[^1].Op();
            var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Console.WriteLine();
            Console.WriteLine($"pipeline with EF command events on: {F(total / ops, "0.000")} ms/op, of which {F(meter.TotalMs / ops, "0.000")} ms in {F((double)meter.Count / ops, "0.0")} SQL commands:");
            foreach (var (sql, (count, ms)) in meter.ByStatement.OrderByDescending(s => s.Value.Ms))
                Console.WriteLine($"  {F((double)count / ops, "0.00")}/op  {F(ms / ops, "0.000")} ms/op  {sql}");
        }

        // A timeline of one command: the time between consecutive EF Core events (context created,
        // connection opened, transaction begun, SaveChanges, commands, commit…), averaged.
        await TimelineAsync(steps[3], ops);
        await TimelineAsync(steps[^1], ops);
        return 0;
    }

    internal static async Task TimelineAsync((string Name, Func<ValueTask> Op) step, int ops)
    {
        using var timeline = new EfTimeline();
        for (var i = 0; i < ops; i++)
        {
            timeline.Mark("(start)");
            await step.Op();
            timeline.Mark("(end)");
            timeline.EndOperation();
        }
        Console.WriteLine();
        Console.WriteLine($"timeline of step {step.Name[..Math.Min(2, step.Name.Length)].Trim()} with all EF events on (listener overhead included): {F(timeline.TotalMs / ops, "0.000")} ms/op; " +
            "gaps between consecutive events, mean per op, largest first:");
        foreach (var (gapName, ms) in timeline.Gaps.OrderByDescending(g => g.Value).Take(16))
            Console.WriteLine($"  {F(ms / ops, "0.000")} ms  {gapName}");
        Console.WriteLine("  events per op: " + string.Join(", ", timeline.Counts
            .Where(c => c.Key.Contains("DetectChangesStarting", StringComparison.Ordinal) || c.Key.Contains("SaveChangesStarting", StringComparison.Ordinal)
                || c.Key.Contains("CreatingTransactionSavepoint", StringComparison.Ordinal) || c.Key.Contains("ConnectionOpening", StringComparison.Ordinal)
                || c.Key.Contains("ContextInitialized", StringComparison.Ordinal) || c.Key.StartsWith("Database.Command.CommandExecuting", StringComparison.Ordinal))
            .GroupBy(c => c.Key.Split(' ')[0])
            .Select(g => $"{g.Key.Split('.')[^1]} {F((double)g.Sum(c => c.Value) / ops, "0.0")}")));
    }

    /// <summary>What a hand-written EF Core version would do: the same rows in one transaction, no mediator, no behaviours.</summary>
    private static async ValueTask EfByHandAsync(BackOfficeDb db, int n, Guid subscriptionId, bool oneSave)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        var now = DateTime.UtcNow;
        var alert = new OperationalAlert
        {
            Kind = "bench.load", Severity = AlertSeverity.Warning, Message = $"Benchmark alert #{n}", EntityType = "Bench",
            EntityId = n.ToString(System.Globalization.CultureInfo.InvariantCulture), RaisedAt = now, Status = AlertStatus.Open,
        };
        db.Alerts.Add(alert);
        if (!oneSave)
            await db.SaveChangesAsync();
        var eventId = Guid.CreateVersion7();
        db.Outbox.Add(new OutboxMessage
        {
            EventId = eventId, EventType = "alert.raised", SubscriptionId = subscriptionId, CreatedAt = now, NextAttemptAt = now,
            Status = OutboxStatus.Pending,
            Payload = JsonSerializer.Serialize(new { id = eventId, type = "alert.raised", createdAt = now, data = new { alertId = alert.Id, alert.Kind, alert.Message } }),
        });
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync();
        var entry = new AuditEntry
        {
            Sequence = (last?.Sequence ?? 0) + 1, At = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc), ActorName = "system:bench",
            Action = "RaiseAlert", EntityType = nameof(OperationalAlert), EntityId = alert.Id.ToString(),
            After = JsonSerializer.Serialize(new Dictionary<string, object> { ["OperationalAlert:" + alert.Id] = alert }),
            CorrelationId = Actor.NewCorrelationId(), PreviousHash = last?.Hash ?? "",
        };
        entry.Hash = AuditEntry.ComputeHash(entry.PreviousHash, entry.Canonical());
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Time stamps every EF Core diagnostic event of sequential operations and sums the gaps between consecutive ones.</summary>
    internal sealed class EfTimeline : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly List<(string Name, long At)> _events = [];

        public EfTimeline() => _all = DiagnosticListener.AllListeners.Subscribe(this);

        public Dictionary<string, double> Gaps { get; } = [];
        public Dictionary<string, int> Counts { get; } = [];
        public double TotalMs { get; private set; }

        public void Mark(string name)
        {
            lock (_events)
                _events.Add((name, Stopwatch.GetTimestamp()));
        }

        public void EndOperation()
        {
            lock (_events)
            {
                for (var i = 1; i < _events.Count; i++)
                {
                    var key = $"{_events[i - 1].Name} → {_events[i].Name}";
                    var ms = Stopwatch.GetElapsedTime(_events[i - 1].At, _events[i].At).TotalMilliseconds;
                    Gaps[key] = Gaps.GetValueOrDefault(key) + ms;
                }
                foreach (var (name, _) in _events)
                    Counts[name] = Counts.GetValueOrDefault(name) + 1;
                TotalMs += Stopwatch.GetElapsedTime(_events[0].At, _events[^1].At).TotalMilliseconds;
                _events.Clear();
            }
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (_subscriptions)
                    _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            var name = e.Key.Replace("Microsoft.EntityFrameworkCore.", "", StringComparison.Ordinal);
            if (e.Value is CommandEventData command)
                name += " [" + command.Command.CommandText.TrimStart()[..Math.Min(24, command.Command.CommandText.TrimStart().Length)] + "]";
            Mark(name);
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

    /// <summary>Counts EF Core's executed commands through its DiagnosticListener (no product code touched).</summary>
    internal sealed class EfCommandMeter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];
        private long _count;
        private double _totalMs;

        public EfCommandMeter() => _all = DiagnosticListener.AllListeners.Subscribe(this);

        public ConcurrentDictionary<string, (long Count, double Ms)> ByStatement { get; } = new();
        public long Count => Interlocked.Read(ref _count);
        public double TotalMs => _totalMs;

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (_subscriptions)
                    _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CommandExecuted.Name));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Value is not CommandExecutedEventData data) return;
            Interlocked.Increment(ref _count);
            var ms = data.Duration.TotalMilliseconds;
            lock (ByStatement)
            {
                _totalMs += ms;
                var text = string.Join(' ', data.Command.CommandText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                var key = text.Length > 110 ? text[..110] + "…" : text;
                ByStatement.AddOrUpdate(key, (1, ms), (_, v) => (v.Count + 1, v.Ms + ms));
            }
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
}
