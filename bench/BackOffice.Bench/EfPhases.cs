using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// The phases of one long command, from EF Core's DiagnosticListener (no product code touched): when each SaveChanges
/// started and ended, the time spent detecting changes, each query, and the commit. Only those few events are enabled,
/// so a save of 100,000 rows does not raise an event per row here.
/// </summary>
public sealed class EfPhases : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly HashSet<string> Wanted =
    [
        CoreEventId.SaveChangesStarting.Name!, CoreEventId.SaveChangesCompleted.Name!, CoreEventId.DetectChangesStarting.Name!,
        CoreEventId.DetectChangesCompleted.Name!, RelationalEventId.CommandExecuted.Name!, RelationalEventId.TransactionCommitted.Name!,
    ];

    private readonly IDisposable _all;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly List<(string What, double StartMs, double EndMs)> _marks = [];
    private long _origin = Stopwatch.GetTimestamp();
    private long? _saveStarted;
    private long? _detectStarted;
    private int _depth;

    public EfPhases() => _all = DiagnosticListener.AllListeners.Subscribe(this);

    public void Start()
    {
        lock (_marks)
        {
            _marks.Clear();
            _origin = Stopwatch.GetTimestamp();
            DetectMs = 0;
            Inserts = 0;
            InsertMs = 0;
        }
    }

    public double DetectMs { get; private set; }
    public long Inserts { get; private set; }
    public double InsertMs { get; private set; }

    private double Now => Stopwatch.GetElapsedTime(_origin).TotalMilliseconds;

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions)
                _subscriptions.Add(listener.Subscribe(this, name => Wanted.Contains(name)));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        lock (_marks)
        {
            if (e.Key == CoreEventId.SaveChangesStarting.Name)
                _saveStarted = Stopwatch.GetTimestamp();
            else if (e.Key == CoreEventId.SaveChangesCompleted.Name && _saveStarted is { } s)
            {
                var rows = e.Value is SaveChangesCompletedEventData d ? d.EntitiesSavedCount : 0;
                _marks.Add(($"SaveChanges ({rows:N0} rows)", Stopwatch.GetElapsedTime(_origin, s).TotalMilliseconds, Now));
                _saveStarted = null;
            }
            else if (e.Key == CoreEventId.DetectChangesStarting.Name)
            {
                if (_depth++ == 0) _detectStarted = Stopwatch.GetTimestamp();
            }
            else if (e.Key == CoreEventId.DetectChangesCompleted.Name)
            {
                if (--_depth == 0 && _detectStarted is { } d)
                    DetectMs += Stopwatch.GetElapsedTime(d).TotalMilliseconds;
            }
            else if (e.Value is CommandExecutedEventData c)
            {
                var text = string.Join(' ', c.Command.CommandText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
                if (text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase))
                {
                    Inserts++;
                    InsertMs += c.Duration.TotalMilliseconds;
                }
                else if (_saveStarted is null)
                    _marks.Add(("query: " + (text.Length > 90 ? text[..90] + "…" : text), Now - c.Duration.TotalMilliseconds, Now));
            }
            else if (e.Key == RelationalEventId.TransactionCommitted.Name)
                _marks.Add(("commit", Now - ((TransactionEndEventData)e.Value!).Duration.TotalMilliseconds, Now));
        }
    }

    /// <summary>The marks in order, with the gaps between them named "(between)".</summary>
    public void Print(double totalMs)
    {
        lock (_marks)
        {
            Console.WriteLine("  phase | starts at (s) | takes (s)");
            var last = 0.0;
            foreach (var (what, start, end) in _marks.OrderBy(m => m.StartMs))
            {
                if (start - last > 20)
                    Console.WriteLine($"  (outside EF Core's statements and saves) | {F(last / 1000, "0.00")} | {F((start - last) / 1000, "0.00")}");
                Console.WriteLine($"  {what} | {F(start / 1000, "0.00")} | {F((end - start) / 1000, "0.00")}");
                last = Math.Max(last, end);
            }
            if (totalMs - last > 20)
                Console.WriteLine($"  (after the commit: the pipeline's return) | {F(last / 1000, "0.00")} | {F((totalMs - last) / 1000, "0.00")}");
            Console.WriteLine($"  change detection in all: {F(DetectMs / 1000, "0.00")} s; {Inserts:N0} INSERT commands took {F(InsertMs / 1000, "0.00")} s in the database");
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
