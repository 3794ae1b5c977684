using System.Diagnostics;
using BackOffice.Core.Reports;
using BackOffice.Infrastructure.Excel;
using MiniExcelLibs;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// A million-row report list written to Excel the way a background export writes it (<see cref="ExportService.WriteReportAsync"/>:
/// the summary sheet, typed cells, the streamed data sheet, progress), against MiniExcel streaming the very same rows
/// with nothing around it, in the same process, turn about. The rows are made as they are written (the shape of the
/// account report's approvals: number, name, country, two times, hours, status, amount), so neither side holds them and
/// the comparison is the writer's alone; reading the rows from the database costs both sides the same.
/// Peak memory is the process working set and the managed heap, sampled every 10 ms during each write.
/// </summary>
public static class ExportBenchmark
{
    private static readonly string[] Countries = ["GB", "DE", "FR", "ES", "IT", "PL", "CY", "AE", "SG", "ZA"];

    private static readonly ReportColumn[] Columns =
    [
        new("Client No.", CellKind.Integer, 11), new("Client", CellKind.Text, 26), new("Country", CellKind.Text, 8), new("Registered", CellKind.DateTime, 18),
        new("Approved", CellKind.DateTime, 18), new("Hours to approve", CellKind.Hours), new("Status", CellKind.Text, 12), new("Net deposits", CellKind.Number, 14),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var rows = Option(args, "--rows", 1_000_000);
        var rounds = Option(args, "--rounds", 3);
        var folder = Directory.CreateTempSubdirectory("backoffice-export-bench").FullName;
        Console.WriteLine($"export benchmark: {rows:N0} rows of {Columns.Length} columns, {rounds} rounds of each writer turn about; " +
            $"{Environment.ProcessorCount} cores, load {F(LoadAverage(), "0.00")}");
        var export = new ExportService();

        // One untimed round of each: the JIT and MiniExcel's caches.
        await RawAsync(Path.Combine(folder, "warm-raw.xlsx"), 10_000);
        await ProductAsync(export, Path.Combine(folder, "warm-product.xlsx"), 10_000);

        var product = new List<Sample>();
        var raw = new List<Sample>();
        for (var round = 1; round <= rounds; round++)
        {
            raw.Add(await MeasureAsync("raw MiniExcel", round, () => RawAsync(Path.Combine(folder, "raw.xlsx"), rows)));
            product.Add(await MeasureAsync("product export", round, () => ProductAsync(export, Path.Combine(folder, "product.xlsx"), rows)));
        }
        var ratio = Median(product.Select(p => p.Seconds)) / Median(raw.Select(r => r.Seconds));
        Console.WriteLine();
        Console.WriteLine("| writer | rounds | median time | peak working set | peak managed heap | file |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, samples) in new[] { ("raw MiniExcel", raw), ("product export", product) })
            Console.WriteLine($"| {name} | {samples.Count} | {F(Median(samples.Select(s => s.Seconds)), "0.00")} s | {F(samples.Max(s => s.PeakWorkingSetMb))} MB | " +
                $"{F(samples.Max(s => s.PeakHeapMb))} MB | {F(samples[^1].FileMb, "0.0")} MB |");
        Console.WriteLine($"time ratio product / raw (medians): {F(ratio, "0.00")}; load {F(LoadAverage(), "0.00")}");
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private sealed record Sample(double Seconds, double PeakWorkingSetMb, double PeakHeapMb, double FileMb);

    private static async Task<Sample> MeasureAsync(string name, int round, Func<Task<string>> write)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        long peakSet = 0, peakHeap = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peakSet = Math.Max(peakSet, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try { await Task.Delay(10, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var load = LoadAverage();
        var started = Stopwatch.GetTimestamp();
        var file = await write();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        stop.Cancel();
        await sampler;
        var sample = new Sample(seconds, peakSet / 1048576.0, peakHeap / 1048576.0, new FileInfo(file).Length / 1048576.0);
        Console.WriteLine($"round {round} {name,-15} {F(seconds, "0.00"),6} s  peak working set {F(sample.PeakWorkingSetMb),4} MB  " +
            $"peak managed heap {F(sample.PeakHeapMb),4} MB  load {F(load, "0.0")}");
        return sample;
    }

    /// <summary>The i-th row, the same for both writers.</summary>
    private static object?[] Row(int i)
    {
        var registered = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 1.3);
        var approved = registered.AddMinutes(37 + i % 4000);
        return [10_000_000L + i, $"Client {i:D7} =SUM(A1)", Countries[i % Countries.Length], registered, approved,
            Math.Round((decimal)(approved - registered).TotalHours, 1), i % 17 == 0 ? "Restricted" : "Approved", (i % 100_000) * 12.5m];
    }

    private static async Task<string> RawAsync(string path, int rows)
    {
        IEnumerable<IDictionary<string, object?>> Rows()
        {
            for (var i = 0; i < rows; i++)
            {
                var row = Row(i);
                var values = new Dictionary<string, object?>(Columns.Length);
                for (var c = 0; c < Columns.Length; c++) values[Columns[c].Header] = row[c];
                yield return values;
            }
        }
        await using var file = File.Create(path);
        await file.SaveAsAsync(Rows(), printHeader: true, excelType: ExcelType.XLSX);
        return path;
    }

    private static async Task<string> ProductAsync(ExportService export, string path, int rows)
    {
        static async IAsyncEnumerable<object?[]> Stream(int rows)
        {
            for (var i = 0; i < rows; i++)
            {
                if (i % 65_536 == 0) await Task.Yield();
                yield return Row(i);
            }
        }
        var table = new ReportTable("approvals", "Approvals in the period", Columns, []) { Total = rows, Stream = _ => Stream(rows) };
        var report = new Report(ReportKind.Accounts, "Account report", "the client's account manager",
            [new("Period", "2024-01-01 – 2026-11-26"), new("Country", "all")],
            [new("Approvals", (long)rows, CellKind.Integer), new("Approval rate", 0.87m, CellKind.Percent)], [table], []);
        await using var file = File.Create(path);
        await export.WriteReportAsync(file, report, new Progress<double>(_ => { }));
        return path;
    }
}
