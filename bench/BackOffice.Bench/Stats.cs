using System.Diagnostics;
using System.Globalization;

namespace BackOffice.Bench;

public static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// Operations per second of <paramref name="ops"/> sequential calls (wall clock), and the
    /// process's CPU time per operation (all threads, GC included): on a shared, busy machine
    /// the second is the steadier of the two.
    /// </summary>
    /// <summary>Managed memory allocated per operation (all threads) by the last <see cref="MeasureAsync"/>, in KB.</summary>
    public static double LastAllocatedKbPerOp { get; private set; }

    /// <summary>The time all threads were paused for garbage collections per operation by the last <see cref="MeasureAsync"/>, in ms, and the collections per 1,000 operations.</summary>
    public static (double PauseMs, double Per1000) LastCollections { get; private set; }

    public static async Task<(double Rate, double CpuMs)> MeasureAsync(int ops, Func<ValueTask> op)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var (paused, collections) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < ops; i++)
            await op();
        var elapsed = Stopwatch.GetElapsedTime(started);
        LastAllocatedKbPerOp = (GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / ops;
        LastCollections = ((GC.GetTotalPauseDuration() - paused).TotalMilliseconds / ops, (GC.CollectionCount(0) - collections) * 1000.0 / ops);
        process.Refresh();
        return (ops / elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalMilliseconds / ops);
    }

    public static string F(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The 1-minute load average (Linux), or NaN elsewhere: the machine is shared, so each figure carries it.</summary>
    public static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    public static string? TextOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
