using System.Diagnostics;
using System.Globalization;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// Times a read query through the real pipeline beside the very statements EF Core sent for it,
/// run again with plain ADO.NET on the same database in the same run (<see cref="RawReader"/>).
/// </summary>
public static class QueryTiming
{
    /// <summary>A query kind: <paramref name="Query"/> makes the i-th call's query, <paramref name="Send"/> sends it and returns its rows.</summary>
    public sealed record Scenario(string Section, string Name, string Varies, Func<int, object> Query, Func<object, Task<int>> Send);

    public sealed record Measured(Scenario Scenario, double[] Pipeline, double[] Raw, double Rows, double LoadBefore, double LoadAfter);

    /// <param name="label">Names a statement for the per-statement figures (what it reads).</param>
    public static async Task<Measured> MeasureAsync(Scenario scenario, int n, int warmup, SqlCapture capture, RawReader raw, bool plans,
        Func<string, string> label)
    {
        Console.WriteLine();
        Console.WriteLine($"== {scenario.Section}: {scenario.Name} (varies: {scenario.Varies})");
        var loadBefore = LoadAverage();
        var queries = Enumerable.Range(0, n).Select(scenario.Query).ToArray();

        // Untimed: each distinct query once, recording the statements it sends (the raw side runs
        // those), then more rounds up to `warmup` calls, so the JIT, EF's query cache and the page
        // cache are warm for both sides alike.
        var statements = new Dictionary<object, List<CapturedCommand>>();
        foreach (var query in queries.Distinct())
        {
            capture.Start();
            await scenario.Send(query);
            statements[query] = capture.Stop().Where(c => !IsPermissionRead(c.Sql)).ToList();
            if (statements[query].Count == 0)
                throw new InvalidOperationException($"No statement was captured for {query}.");
        }
        for (var i = statements.Count; i < warmup; i++)
        {
            await scenario.Send(queries[i % n]);
            raw.Run(statements[queries[i % n]]);
        }
        if (plans)
            foreach (var statement in statements[queries[0]])
            {
                Console.WriteLine(statement.Sql);
                Console.WriteLine("  -- " + string.Join(", ", statement.Parameters.Select(p =>
                    $"{p.Name}={Show(p.Value)} ({p.PostgresType ?? p.DbType.ToString()}{(p.Size > 0 ? $", size {p.Size}" : "")})")));
                Console.WriteLine("  -- raw replay, first row: " + string.Join(", ", raw.FirstRow(statement).Select(Show)));
                foreach (var line in raw.Plan(statement))
                    Console.WriteLine("  | " + line);
            }

        var pipeline = new double[n];
        var rawMs = new double[n];
        var rows = 0;
        var byStatement = new Dictionary<string, List<double>>();
        for (var i = 0; i < n; i++)
        {
            var query = queries[i];
            // Alternate which goes first, so a slow moment of the shared machine hits both alike.
            if (i % 2 == 1)
                rawMs[i] = RunRaw(raw, statements[query], byStatement, label);
            var started = Stopwatch.GetTimestamp();
            rows += await scenario.Send(query);
            pipeline[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i % 2 == 0)
                rawMs[i] = RunRaw(raw, statements[query], byStatement, label);
        }
        var loadAfter = LoadAverage();
        Console.WriteLine($"{statements.Count} distinct queries; pipeline p50 {Ms(Percentile(pipeline, 50))}, p95 {Ms(Percentile(pipeline, 95))}, " +
            $"p99 {Ms(Percentile(pipeline, 99))}, max {Ms(pipeline.Max())}; raw SQL p50 {Ms(Percentile(rawMs, 50))}, p95 {Ms(Percentile(rawMs, 95))}; " +
            $"{F((double)rows / n, "0.#")} rows per query; load {F(loadBefore, "0.00")}→{F(loadAfter, "0.00")}");
        Console.WriteLine("  raw by statement: " + string.Join("; ", byStatement.Select(kv =>
            $"{kv.Key} ×{kv.Value.Count} p50 {Ms(Percentile(kv.Value, 50))} p95 {Ms(Percentile(kv.Value, 95))}")));
        return new Measured(scenario, pipeline, rawMs, (double)rows / n, loadBefore, loadAfter);
    }

    /// <summary>The figures as a Markdown table, one row per query kind.</summary>
    public static void PrintTable(IEnumerable<Measured> results)
    {
        Console.WriteLine();
        Console.WriteLine($"| query | varies | pipeline p50 | p95 | p99 | raw SQL p50 | raw SQL p95 | rows | load |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var m in results)
            Console.WriteLine($"| {m.Scenario.Section}: {m.Scenario.Name} | {m.Scenario.Varies} | {Ms(Percentile(m.Pipeline, 50))} | " +
                $"{Ms(Percentile(m.Pipeline, 95))} | {Ms(Percentile(m.Pipeline, 99))} | {Ms(Percentile(m.Raw, 50))} | {Ms(Percentile(m.Raw, 95))} | " +
                $"{F(m.Rows, "0.#")} | {F(m.LoadBefore, "0.0")}–{F(m.LoadAfter, "0.0")} |");
    }

    public static string Ms(double ms) => F(ms, ms < 10 ? "0.00" : "0.0") + " ms";

    private static double RunRaw(RawReader raw, List<CapturedCommand> statements, Dictionary<string, List<double>> byStatement, Func<string, string> label)
    {
        var started = Stopwatch.GetTimestamp();
        var ms = raw.Run(statements);
        var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var seen = new Dictionary<string, int>();
        for (var s = 0; s < statements.Count; s++)
        {
            var name = label(statements[s].Sql);
            var nth = seen[name] = seen.GetValueOrDefault(name) + 1;
            var key = nth == 1 ? name : $"{name} #{nth}";
            if (!byStatement.TryGetValue(key, out var list))
                byStatement[key] = list = [];
            list.Add(ms[s]);
        }
        return total;
    }

    /// <summary>The pipeline's permission stage (the actor's grants): the pipeline's cost, not the query's, so not replayed.</summary>
    private static bool IsPermissionRead(string sql) =>
        sql.Contains("\"RolePermissions\"", StringComparison.Ordinal) || sql.Contains("\"AspNetUserRoles\"", StringComparison.Ordinal);

    private static string Show(object? value) => value switch
    {
        null or DBNull => "NULL",
        string text => $"'{(text.Length > 60 ? text[..60] + "…" : text)}'",
        DateTime time => time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
