using System.Diagnostics;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Staff;
using static BackOffice.Bench.QueryTiming;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// The compliance review queue at a million clients: the book of <see cref="ClientBookSeed"/> plus
/// the KYC rows of <see cref="KycQueueSeed"/> (about 40,000 waiting cases, 2 million documents).
/// The queue page (the capped total, the capped late count and a page of 100 with each case's
/// documents waiting) is sent through the real pipeline as a compliance officer, timed beside the
/// very statements EF Core sent for it. On SQLite, then on PostgreSQL when BACKOFFICE_BENCH_POSTGRES
/// is set (the same rows, copied).
/// </summary>
public static class ReviewQueueBenchmark
{
    /// <summary>What the queue page asks for.</summary>
    private const int PageSize = 100;

    private static readonly string[] KycTables = ["Clients", "KycCases", "KycDocuments"];

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = Option(args, "--clients", 1_000_000);
        var iterations = Option(args, "--iterations", 200);
        var warmup = Option(args, "--warmup", 20);
        var keep = TextOption(args, "--keep");
        var only = TextOption(args, "--only");
        var plans = args.Contains("--plans");
        var server = PostgresBook.Server;
        if (TextOption(args, "--postgres-from") is { } book)
            return await PostgresRunAsync(book, server!, keep, iterations, warmup, only, plans);
        Console.WriteLine($"kyc-queue benchmark: {clients:N0} clients, {iterations} timed iterations per query (after each distinct query once, " +
            $"and at least {warmup} untimed calls), on SQLite{(server is null ? " (set BACKOFFICE_BENCH_POSTGRES for PostgreSQL too)" : ", then PostgreSQL")}; " +
            $"{Environment.ProcessorCount} cores, load {F(LoadAverage(), "0.00")}");

        // Listening before the app exists: EF Core caches per context whether anyone listens.
        using var capture = new SqlCapture();
        await using var app = await ClientBookSeed.AppWithBookAsync("kyc-queue", clients, keep);
        if (KycQueueSeed.Cases(app.DatabaseFile) > 0)
            Console.WriteLine("KYC cases and documents reused as seeded by an earlier run (not seeded now)");
        else
        {
            var seeded = KycQueueSeed.Seed(app.DatabaseFile);
            Console.WriteLine($"seeded {seeded.Cases:N0} KYC cases ({seeded.Queued:N0} queued), {seeded.Documents:N0} documents: inserts " +
                $"{F(seeded.Inserting.TotalSeconds, "0.0")} s, indexes {F(seeded.Indexing.TotalSeconds, "0.0")} s, ANALYZE {F(seeded.Analysing.TotalSeconds, "0.0")} s");
        }
        ClientBookSeed.CompleteStatistics(app.DatabaseFile, KycTables);
        Describe(app.DatabaseFile);

        using (var raw = new RawReader(app.DatabaseFile))
            PrintTable(await MeasureAllAsync("SQLite", app, raw, iterations, warmup, capture, only, plans));
        if (server is null) return 0;

        // EF Core's compiled queries (the permission stage's) hold on to the first model they meet, so
        // PostgreSQL runs in a process of its own, on a copy of this very book.
        Console.WriteLine();
        var childArgs = new List<string> { "kyc-queue" };
        childArgs.AddRange(args);
        childArgs.AddRange(["--postgres-from", app.DatabaseFile]);
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            childArgs.Insert(0, typeof(BenchProgram).Assembly.Location);
        using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, childArgs))!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }

    private static async Task<int> PostgresRunAsync(string book, string server, string? keep, int iterations, int warmup, string? only, bool plans)
    {
        using var capture = new SqlCapture();
        // One copy per kept book, named after its file, kept with it; a throw-away book gets a throw-away copy.
        var name = "bo_bench_" + (keep is null
            ? "kyc"
            : new string(Path.GetFileNameWithoutExtension(keep).ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_').ToArray()));
        var postgres = PostgresBook.Database(server, name);
        try
        {
            await using var app = await BenchApp.CreateAsync("kyc-queue-pg", listen: false, postgres: postgres);
            PostgresBook.Copy(book, postgres, KycTables);
            using var raw = RawReader.Postgres(postgres);
            Console.WriteLine($"PostgreSQL {raw.ServerVersion}, load {F(LoadAverage(), "0.00")}");
            PrintTable(await MeasureAllAsync("PostgreSQL", app, raw, iterations, warmup, capture, only, plans));
            return 0;
        }
        finally
        {
            if (keep is null)
                PostgresBook.Drop(server, name);
        }
    }

    private static async Task<List<Measured>> MeasureAllAsync(string engine, BenchApp app, RawReader raw, int n, int warmup, SqlCapture capture,
        string? only, bool plans)
    {
        // Holds kyc.view, and has cases of their own for "mine".
        var officer = await app.StaffAsync(KycQueueSeed.Officers[0]);
        var first = await app.Scopes.QueryAsAsync(new ReviewQueue(new ReviewQueueFilter(), Take: PageSize), BenchApp.As(officer));
        Console.WriteLine($"{engine}: the queue as {officer.UserName} sees it: total {first.Total:N0}, late {first.Late:N0} (both counted up to {ReviewQueue.CountLimit + 1:N0}), " +
            $"{first.Items.Count} rows on the first page");
        var results = new List<Measured>();
        var colleague = await app.StaffAsync(KycQueueSeed.Officers[1]);
        foreach (var scenario in Scenarios(engine, app, officer, colleague, n))
        {
            if (only is not null && !scenario.Name.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
            results.Add(await MeasureAsync(scenario, n, warmup, capture, raw, plans, Label));
        }
        return results;
    }

    private static IEnumerable<Scenario> Scenarios(string engine, BenchApp app, StaffMember officer, StaffMember colleague, int n)
    {
        // Queries are records: equal parameters make equal keys, so each distinct query is captured once.
        Scenario Queue(string name, string varies, Func<int, ReviewQueueFilter> filter, int skip = 0) =>
            new(engine, name, varies, i => new ReviewQueue(filter(i), skip, PageSize),
                async q => (await app.Scopes.QueryAsAsync((ReviewQueue)q, BenchApp.As(officer))).Items.Count);
        var countries = ClientBookSeed.CountryMix.Select(c => c.Code).ToArray();

        yield return Queue("no filter, oldest first, page 1", "nothing (the same page each time)", _ => new ReviewQueueFilter());
        yield return Queue("country, page 1", $"country ({countries.Length})", i => new ReviewQueueFilter { Country = countries[i % countries.Length] });
        yield return Queue("kind = Corporate, page 1", "nothing", _ => new ReviewQueueFilter { Kind = ClientKind.Corporate });
        yield return Queue("assignee = mine, page 1", "nothing", _ => new ReviewQueueFilter { Assignee = QueueAssignee.Mine });
        yield return Queue("assignee = unassigned, page 1", "nothing", _ => new ReviewQueueFilter { Assignee = QueueAssignee.Unassigned });
        yield return Queue("assignee = the other officer, page 1", "nothing", _ => new ReviewQueueFilter { Assignee = QueueAssignee.Someone, AssigneeId = colleague.Id });
        yield return Queue("country + kind = Corporate, page 1", $"country ({countries.Length})",
            i => new ReviewQueueFilter { Country = countries[i % countries.Length], Kind = ClientKind.Corporate });
        yield return Queue("country + assignee = unassigned, page 1", $"country ({countries.Length})",
            i => new ReviewQueueFilter { Country = countries[i % countries.Length], Assignee = QueueAssignee.Unassigned });
        yield return Queue("kind = Corporate + assignee = mine, page 1", "nothing", _ => new ReviewQueueFilter { Kind = ClientKind.Corporate, Assignee = QueueAssignee.Mine });
        yield return Queue("country + kind = Corporate + assignee = mine, page 1", $"country ({countries.Length})",
            i => new ReviewQueueFilter { Country = countries[i % countries.Length], Kind = ClientKind.Corporate, Assignee = QueueAssignee.Mine });
        yield return Queue("no filter, skip 2,000", "nothing", _ => new ReviewQueueFilter(), skip: 2_000);
        yield return Queue("risk = High, page 1", "nothing", _ => new ReviewQueueFilter { Risk = BackOffice.Core.Kyc.Risk.RiskLevel.High });
    }

    /// <summary>What a statement of the queue reads, for the per-statement figures.</summary>
    private static string Label(string sql) =>
        sql.Contains("ORDER BY", StringComparison.Ordinal) ? "page"
        : sql.Contains("CASE", StringComparison.Ordinal) || sql.Contains("FILTER (", StringComparison.Ordinal) ? "total and late"
        : sql.Contains("\"QueuedSince\" <", StringComparison.Ordinal) ? "late count"
        : sql.Contains("COUNT(", StringComparison.OrdinalIgnoreCase) ? "total count"
        : "other";

    /// <summary>The shape of the queue as the timed runs see it (late is measured against the clock of this run).</summary>
    private static void Describe(string databaseFile)
    {
        using var connection = ClientBookSeed.Open(databaseFile);
        long Count(string sql) => ClientBookSeed.Scalar(connection, sql);
        var late = ClientBookSeed.Time(DateTime.UtcNow.AddHours(-24));
        Console.WriteLine($"SQLite {ClientBookSeed.Strings(connection, "SELECT sqlite_version()")[0]}, {new FileInfo(databaseFile).Length / 1024.0 / 1024:0} MB; " +
            $"{Count("SELECT COUNT(*) FROM Clients"):N0} clients, {Count("SELECT COUNT(*) FROM KycCases"):N0} cases, " +
            $"{Count("SELECT COUNT(*) FROM KycCases WHERE QueuedSince IS NOT NULL"):N0} queued " +
            $"({Count("SELECT COUNT(*) FROM KycCases WHERE QueuedSince IS NOT NULL AND AssigneeId IS NOT NULL"):N0} assigned, " +
            $"{Count($"SELECT COUNT(*) FROM KycCases WHERE QueuedSince < '{late}'"):N0} late now), " +
            $"{Count("SELECT COUNT(*) FROM KycDocuments"):N0} documents ({Count("SELECT COUNT(*) FROM KycDocuments WHERE Status = 'Submitted'"):N0} submitted)");
        Console.WriteLine("  queued by officer: " + string.Join(", ", ClientBookSeed.Strings(connection,
            "SELECT AssigneeName || ' ' || COUNT(*) FROM KycCases WHERE QueuedSince IS NOT NULL AND AssigneeId IS NOT NULL GROUP BY AssigneeName")));
    }
}
