using System.Diagnostics;
using BackOffice.Core.Common;
using BackOffice.Core.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// Every report family at a million clients and ten million ledger entries: a book seeded once (clients, KYC, the money
/// and its ledger, compliance and staff activity) and kept in a file that later runs reuse, then each report sent
/// through the real pipeline as the demo manager for every filter alone, none, and all together, over one day, 30 days
/// and the longest range a report answers on screen. SQLite.
/// </summary>
public static class ReportsBenchmark
{
    /// <summary>Changed whenever the seed changes, so a kept book seeded by older code is seeded again.</summary>
    private const int SeedVersion = 1;

    private const string Marker = "bench:reports-book";

    public sealed record Combination(string Name, ReportFilter Filter);

    public sealed record Call(ReportKind Kind, string Filters, string Range, double[] Ms, long Rows, double Load);

    public static async Task<int> RunAsync(string[] args)
    {
        var iterations = Option(args, "--iterations", 5);
        var timeout = TimeSpan.FromSeconds(Option(args, "--timeout", 60));
        var keep = TextOption(args, "--keep") ?? DefaultBook();
        var only = TextOption(args, "--only");
        var combinations = TextOption(args, "--filters")?.Split(',');
        var rangeDays = TextOption(args, "--ranges")?.Split(',').Select(int.Parse).ToArray();
        var statements = args.Contains("--statements");
        Console.WriteLine($"reports benchmark: book in {keep}, {iterations} timed calls per report, filter combination and range (after one untimed), " +
            $"at most {timeout.TotalSeconds:0} s a call; {Environment.ProcessorCount} cores, load {F(LoadAverage(), "0.00")}");

        // Listening before the app exists: EF Core caches per context whether anyone listens.
        using var capture = new SqlCapture();
        await using var app = await BookAsync(keep);
        using var raw = new RawReader(app.DatabaseFile);
        var manager = await app.StaffAsync("manager");
        if (!args.Contains("--no-facts"))
        {
            var factsDays = TextOption(args, "--facts-days") is { } n ? int.Parse(n) : (int?)null;
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(manager.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
            await ReportFactsWarmup.BuildAsync(app, factsDays, zone);
        }
        var options = app.App.Services.GetRequiredService<IOptions<ReportsOptions>>().Value;
        var last = DateOnly.FromDateTime(ClientBookSeed.Now.AddDays(-1));
        var ranges = new[] { 1, 30, options.MaxLiveRangeDays }.Where(d => rangeDays is null || rangeDays.Contains(d))
            .Select(days => ($"{days} day{(days == 1 ? "" : "s")}", last.AddDays(1 - days), last)).ToArray();

        var calls = new List<Call>();
        foreach (var definition in ReportCatalogue.All)
        {
            if (only is not null && !definition.Slug.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
            Console.WriteLine();
            Console.WriteLine($"== {definition.Title}");
            foreach (var combination in Combinations(definition).Where(c => combinations is null || combinations.Any(n => c.Name.StartsWith(n, StringComparison.Ordinal))))
                foreach (var (range, from, to) in ranges)
                {
                    var filter = combination.Filter with { From = from, To = to };
                    var load = LoadAverage();
                    var first = await TimeAsync(app, manager, definition, filter, timeout);
                    var ms = new List<double>();
                    var rows = first.Rows;
                    for (var i = 0; i < iterations && first.Rows >= 0; i++)
                    {
                        var (took, count) = await TimeAsync(app, manager, definition, filter, timeout);
                        ms.Add(took);
                        rows = count;
                        if (count < 0) break;
                    }
                    if (ms.Count == 0) ms.Add(first.Ms);
                    var call = new Call(definition.Kind, combination.Name, range, [.. ms], rows, load);
                    calls.Add(call);
                    Console.WriteLine($"{combination.Name,-40} {range,-9} first {Shown(first.Ms, first.Rows),10}  p50 {Shown(Median(ms), rows),10}  max {Shown(ms.Max(), rows),10}  " +
                        $"{(rows < 0 ? "timed out" : $"{rows,9:N0} rows")}  load {F(load, "0.0")}");
                    if (statements && rows >= 0)
                        await StatementsAsync(app, manager, definition, filter, capture, raw);
                }
        }

        Console.WriteLine();
        Console.WriteLine("| report | calls timed | p50 | p95 | max | slowest (filters, range) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var family in calls.GroupBy(c => c.Kind))
        {
            var all = family.SelectMany(c => c.Ms).ToArray();
            var slowest = family.MaxBy(c => c.Ms.Max())!;
            Console.WriteLine($"| {ReportCatalogue.Of(family.Key).Title} | {all.Length} | {Ms(Percentile(all, 50))} | {Ms(Percentile(all, 95))} | {Ms(all.Max())} | " +
                $"{slowest.Filters}, {slowest.Range} |");
        }
        return 0;
    }

    /// <summary>The statements one call sends, each run again by hand and timed (reading included), the slow ones with their plan.</summary>
    private static async Task StatementsAsync(BenchApp app, Core.Staff.StaffMember manager, ReportDefinition definition, ReportFilter filter, SqlCapture capture,
        RawReader raw)
    {
        capture.Start();
        await app.Scopes.QueryAsAsync(definition.Query(filter, ReportUse.Screen), BenchApp.As(manager));
        var sent = capture.Stop();
        var ms = raw.Run(sent);
        for (var i = 0; i < sent.Count; i++)
        {
            var text = string.Join(' ', sent[i].Sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            Console.WriteLine($"    {Ms(ms[i]),10}  {(text.Length > 160 ? text[..160] + "…" : text)}");
            if (ms[i] > 20)
                foreach (var line in raw.Plan(sent[i]))
                    Console.WriteLine("                | " + line);
        }
    }

    private static string Shown(double ms, long rows) => rows < 0 ? $"> {F(ms / 1000, "0")} s" : Ms(ms);

    /// <summary>No filter, each filter alone, and all together (the client filters only where the report is about clients).</summary>
    public static IEnumerable<Combination> Combinations(ReportDefinition definition)
    {
        yield return new("none", new ReportFilter());
        if (definition.ClientFilters)
        {
            yield return new("type Standard", new ReportFilter(AccountType: "Standard"));
            yield return new("country GB", new ReportFilter(Country: "GB"));
            yield return new("group Europe desk", new ReportFilter(RegionGroup: "Europe desk"));
        }
        yield return new("staff support", new ReportFilter(Staff: "support"));
        if (definition.ClientFilters)
            yield return new("all: Standard, GB, Europe desk, support", new ReportFilter(AccountType: "Standard", Country: "GB", RegionGroup: "Europe desk", Staff: "support"));
    }

    /// <summary>One call's time and rows; rows are -1 when it took longer than <paramref name="timeout"/> (and was cancelled).</summary>
    private static async Task<(double Ms, long Rows)> TimeAsync(BenchApp app, Core.Staff.StaffMember manager, ReportDefinition definition, ReportFilter filter,
        TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await app.Scopes.QueryAsAsync(definition.Query(filter, ReportUse.Screen), BenchApp.As(manager), cancel.Token);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (result.Error is { } error)
                throw new InvalidOperationException($"{definition.Title} with {filter.ToQueryString()}: {error.Message}");
            return (ms, result.Value!.RowCount);
        }
        catch (Exception e) when (cancel.IsCancellationRequested && e is OperationCanceledException or SqliteException)
        {
            return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, -1);
        }
    }

    /// <summary>
    /// The seeded book, in stages (the client book with its KYC rows, the money, the activity), each marked when done so a
    /// kept file is reused as far as this version of the seed got: a full seed takes about ten minutes on this machine.
    /// The background refresh of the report facts is off: the benchmark builds them itself, and times it.
    /// </summary>
    public static async Task<BenchApp> BookAsync(string keep)
    {
        var started = Stopwatch.StartNew();
        if (File.Exists(keep) && !Done(keep, "clients"))
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(keep + suffix);
        }
        var app = await BenchApp.CreateAsync("reports", listen: false, keep, settings: Settings, databaseOutsideContentRoot: true);
        if (Done(keep, "activity") && Done(keep, "partners"))
        {
            Console.WriteLine($"database: {keep} reused as seeded by an earlier run ({new FileInfo(keep).Length / 1024.0 / 1024:N0} MB)");
            return app;
        }
        if (!Done(keep, "clients"))
        {
            Console.WriteLine($"seeding 1,000,000 clients into {keep}");
            var book = ClientBookSeed.Seed(keep, 1_000_000);
            Console.WriteLine($"  {book.Clients:N0} clients, {book.Accounts:N0} accounts ({F(started.Elapsed.TotalSeconds, "0")} s so far)");
            var kyc = KycQueueSeed.Seed(keep);
            Console.WriteLine($"  {kyc.Cases:N0} KYC cases, {kyc.Documents:N0} documents ({F(started.Elapsed.TotalSeconds, "0")} s so far)");
            Mark(keep, "clients");
        }
        if (!Done(keep, "money"))
        {
            Console.WriteLine("seeding the lifecycle history, the money and the ledger");
            var money = ReportBookSeed.Seed(keep);
            Console.WriteLine($"  {money.StatusChanges:N0} status changes, {money.Deposits:N0} deposits, {money.Withdrawals:N0} withdrawals, {money.Entries:N0} ledger entries " +
                $"({F(started.Elapsed.TotalSeconds, "0")} s so far)");
            Mark(keep, "money");
        }
        if (!Done(keep, "activity"))
        {
            Console.WriteLine("seeding compliance and staff activity");
            var activity = ReportActivitySeed.Seed(keep);
            using (var connection = ClientBookSeed.Open(keep))
            {
                // The documents were written directly, after the migration counted none: count their expiry days as it would.
                var counting = Stopwatch.StartNew();
                ClientBookSeed.Execute(connection, Core.Reports.Compliance.DocumentExpiryCounts.RebuildSql);
                Console.WriteLine($"  document expiry counts {F(counting.Elapsed.TotalSeconds, "0")} s");
                var filing = Stopwatch.StartNew();
                ClientBookSeed.Execute(connection, Core.Reports.Compliance.ComplianceEntries.RebuildSql);
                Console.WriteLine($"  compliance entries {F(filing.Elapsed.TotalSeconds, "0")} s");
                ClientBookSeed.Execute(connection, Core.Accounts.Lifecycle.ClientMoves.ApprovedAtFromHistorySql);
                var typing = Stopwatch.StartNew();
                ClientBookSeed.Execute(connection, Core.Reports.Accounts.ClientAccountTypes.RebuildSql);
                Console.WriteLine($"  clients' account types {F(typing.Elapsed.TotalSeconds, "0")} s");
                var payments = Stopwatch.StartNew();
                ClientBookSeed.Execute(connection, Core.Reports.Facts.ListEntries.RebuildSql);
                Console.WriteLine($"  report list rows by segment (failed payments, refunds, attributions) {F(payments.Elapsed.TotalSeconds, "0")} s");
                var analysing = Stopwatch.StartNew();
                ClientBookSeed.Execute(connection, "ANALYZE;");
                ClientBookSeed.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
                Console.WriteLine($"  ANALYZE {F(analysing.Elapsed.TotalSeconds, "0")} s");
            }
            Mark(keep, "activity");
            Console.WriteLine($"seeded in {F(started.Elapsed.TotalSeconds, "0")} s: {new FileInfo(keep).Length / 1024.0 / 1024:N0} MB; {activity.RiskRecords:N0} risk records, " +
                $"{activity.EddCases:N0} due diligence cases, {activity.Audit:N0} audit entries");
        }
        if (!Done(keep, "partners"))
        {
            Console.WriteLine("seeding partner activity");
            PartnerActivitySeed.Seed(keep);
            using (var connection = ClientBookSeed.Open(keep))
            {
                // The attributions were written directly, after the migration counted none: count each partner's clients as it would.
                ClientBookSeed.Execute(connection, Core.Reports.Partners.PartnerClientCounts.RebuildSql);
                ClientBookSeed.Execute(connection, "ANALYZE Partners; ANALYZE ClientAttributions; ANALYZE CommissionRuns; ANALYZE CommissionLines; ANALYZE CommissionDisputes; " +
                    "ANALYZE PartnerClientCounts; PRAGMA wal_checkpoint(TRUNCATE);");
            }
            Mark(keep, "partners");
        }
        SqliteConnection.ClearAllPools();
        return app;
    }

    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?> { ["Reports:BackgroundFacts"] = "false" };

    private static bool Done(string file, string stage)
    {
        using var connection = ClientBookSeed.Open(file);
        return ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'NumberSequences'") > 0
            && ClientBookSeed.Scalar(connection, $"SELECT COALESCE(MAX(Next), 0) FROM NumberSequences WHERE Name = '{Marker}:{stage}'") == SeedVersion;
    }

    private static void Mark(string file, string stage)
    {
        using var connection = ClientBookSeed.Open(file);
        ClientBookSeed.Execute(connection, $"DELETE FROM NumberSequences WHERE Name = '{Marker}:{stage}'; INSERT INTO NumberSequences (Name, Next) VALUES ('{Marker}:{stage}', {SeedVersion})");
    }

    /// <summary>Beside the build output when it has an artifacts path of its own (bin/BackOffice.Bench/…), else under /tmp.</summary>
    public static string DefaultBook()
    {
        var bin = AppContext.BaseDirectory;
        var at = bin.IndexOf($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}BackOffice.Bench{Path.DirectorySeparatorChar}", StringComparison.Ordinal);
        return Path.Combine(at > 0 ? bin[..at] : Path.Combine(Path.GetTempPath(), "backoffice-bench"), "reports-book.db");
    }

    private static string Ms(double ms) => QueryTiming.Ms(ms);
}
