using System.Diagnostics;
using System.Globalization;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Crm;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Staff;
using BackOffice.Core.Webhooks;
using Microsoft.Data.Sqlite;
using static BackOffice.Bench.QueryTiming;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// The accounts module at scale: a million clients and 1.2 million trading accounts on SQLite.
/// The client grid (filter + sort + page, the capped count included) and the search box are sent
/// through the real pipeline as the demo Support member; each is timed beside the very statements
/// EF Core sent for it, run with plain ADO.NET on the same database in the same run. Then a bulk
/// tag of 10,000 clients, with its audit entry and one outbox row per client for a subscriber.
/// </summary>
public static class ClientsBenchmark
{
    private const int PageSize = 25;
    private const string ReceiverName = "CRM (client tags)";
    private static readonly string[] BulkTags = ["Black Friday 2026", "Q4 webinar", "Year-end review", "Spring campaign", "Loyalty 2027"];

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = Option(args, "--clients", 1_000_000);
        var iterations = Option(args, "--iterations", 200);
        var warmup = Option(args, "--warmup", 20);
        var bulk = Option(args, "--bulk", 10_000);
        var bulkRuns = Option(args, "--bulk-runs", 3);
        var keep = TextOption(args, "--keep");
        var only = TextOption(args, "--only");
        var plans = args.Contains("--plans");
        Console.WriteLine($"clients benchmark: {clients:N0} clients, {iterations} timed iterations per query (after each distinct query once, " +
            $"and at least {warmup} untimed calls), bulk tag of {bulk:N0} × {bulkRuns}; {Environment.ProcessorCount} cores, load {F(LoadAverage(), "0.00")}");

        // Listening before the app exists: EF Core caches per context whether anyone listens.
        using var capture = new SqlCapture();
        await using var app = await ClientBookSeed.AppWithBookAsync("clients", clients, keep);
        ClientBookSeed.CompleteStatistics(app.DatabaseFile, "Clients", "ClientTags", "TradingAccounts");
        Tidy(app.DatabaseFile);
        using (var connection = ClientBookSeed.Open(app.DatabaseFile))
        {
            var version = ClientBookSeed.Strings(connection, "SELECT sqlite_version()")[0];
            Console.WriteLine($"SQLite {version}, {new FileInfo(app.DatabaseFile).Length / 1024.0 / 1024:0} MB, " +
                $"{ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM TradingAccounts"):N0} trading accounts, " +
                $"{ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM ClientTags"):N0} tags");
        }

        var support = await app.StaffAsync("support");
        var admin = await app.StaffAsync("admin");
        using var raw = new RawReader(app.DatabaseFile);
        var samples = Samples.Load(app.DatabaseFile, clients, iterations);

        var results = new List<Measured>();
        foreach (var scenario in Scenarios(app, support, samples, iterations))
        {
            if (only is not null && !$"{scenario.Section} {scenario.Name}".Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
            results.Add(await MeasureAsync(scenario, iterations, warmup, capture, raw, plans, Label));
        }

        var bulkResults = bulk > 0 && bulkRuns > 0 && (only is null || "bulk".Contains(only, StringComparison.OrdinalIgnoreCase))
            ? await BulkTagAsync(app, support, admin, clients, bulk, bulkRuns)
            : [];

        PrintTable(results);
        if (bulkResults.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| bulk tag | clients tagged | outbox rows | wall time | load |");
            Console.WriteLine("| --- | ---: | ---: | ---: | --- |");
            foreach (var (tag, tagged, outbox, seconds, load) in bulkResults)
                Console.WriteLine($"| {tag} | {tagged:N0} | {outbox:N0} | {F(seconds, "0.00")} s | {F(load, "0.0")} |");
        }
        return 0;
    }

    private static IEnumerable<Scenario> Scenarios(BenchApp app, StaffMember support, Samples s, int n)
    {
        // Queries are records: equal parameters make equal keys, so each distinct query is captured once.
        Scenario Grid(string name, string varies, Func<int, ClientFilter> filter, Func<int, int> skip) =>
            new("Grid", name, varies, i => new ClientGrid(filter(i), skip(i), PageSize),
                async q => (await app.Scopes.QueryAsAsync((ClientGrid)q, BenchApp.As(support))).Items.Count);
        Scenario Search(string name, string varies, Func<int, string> text) =>
            new("Search", name, varies, i => new ClientSearch(text(i)),
                async q => (await app.Scopes.QueryAsAsync((ClientSearch)q, BenchApp.As(support))).Count);
        int FirstPages(int i) => PageSize * (i % 3);
        (string Email, long Number) Client(int i) => s.Clients[i % n];

        yield return Grid("no filter, newest first, page 1", "nothing (the same page each time)", _ => new ClientFilter(), _ => 0);
        yield return Grid("no filter, newest first, skip 5,000", "skip 5,000–5,975", _ => new ClientFilter(), i => 5_000 + PageSize * (i % 40));
        yield return Grid("Restricted + region, newest first", "region (6), pages 1–3",
            i => new ClientFilter { Status = ClientStatus.Restricted, Region = s.Regions[i % s.Regions.Count] }, i => FirstPages(i / s.Regions.Count));
        yield return Grid("country, by name A→Z", "country (31), pages 1–3",
            i => new ClientFilter { Country = s.Countries[i % s.Countries.Count], Sort = ClientSort.Name, Descending = false }, FirstPages);
        yield return Grid("tag, newest first", "tag (8), pages 1–3", i => new ClientFilter { Tag = s.Tags[i % s.Tags.Count] }, FirstPages);
        yield return Grid("account type, newest first", "type (5), pages 1–3",
            i => new ClientFilter { AccountTypeId = s.AccountTypes[i % s.AccountTypes.Count] }, FirstPages);
        yield return Grid("account manager, newest first", "manager (10), pages 1–3",
            i => new ClientFilter { ManagerId = s.Managers[i % s.Managers.Count] }, FirstPages);
        yield return Grid("registered in a 30-day window, newest first", "window start (over 3 years), pages 1–3",
            i => new ClientFilter { RegisteredFrom = s.Windows[i % n], RegisteredTo = s.Windows[i % n].AddDays(30) }, FirstPages);

        yield return Search("e-mail, whole address", $"{n} clients' addresses", i => Client(i).Email);
        yield return Search("e-mail up to the @", "e.g. `anna.smith123@`", i => Client(i).Email[..(Client(i).Email.IndexOf('@') + 1)]);
        yield return Search("e-mail start without @ (name first, then e-mail)", "5–9 characters of the address",
            i => Client(i).Email[..Math.Min(5 + i % 5, Client(i).Email.IndexOf('@'))]);
        yield return Search("platform login", $"{n} accounts' logins", i => s.Logins[i % n].ToString(CultureInfo.InvariantCulture));
        yield return Search("client number", $"{n} clients' numbers", i => Client(i).Number.ToString(CultureInfo.InvariantCulture));
        yield return Search("name prefix, 2–4 letters", "e.g. `kow`, `smi`, `mü`", i => s.NamePrefixes[i % n]);
        yield return Search("phone prefix", "e.g. `+44 71`", i => s.PhonePrefixes[i % n]);
    }

    /// <summary>What a statement of the grid or search reads, for the per-statement figures.</summary>
    private static string Label(string sql) =>
        sql.Contains("COUNT(", StringComparison.Ordinal) ? "count"
        : sql.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal) ? "manager names"
        : sql.Contains("FROM \"Clients\"", StringComparison.Ordinal) ? "clients"
        : sql.Contains("FROM \"ClientTags\"", StringComparison.Ordinal) ? "tags of the page"
        : "other";

    private static async Task<List<(string Tag, int Tagged, long Outbox, double Seconds, double Load)>> BulkTagAsync(
        BenchApp app, StaffMember support, StaffMember admin, int clients, int size, int runs)
    {
        Console.WriteLine();
        Console.WriteLine($"== Bulk tag: {size:N0} clients per command, {runs} commands, as {support.UserName}");
        // One active receiver of client.tags_changed, so every tagged client is one outbox row.
        var receiver = await app.Scopes.SendAsAsync(
            new AddWebhookSubscription(ReceiverName, "https://crm.example.test/hooks/backoffice", "client.tags_changed"), BenchApp.As(admin));
        PipelineBenchmark.Check(receiver);
        var results = new List<(string, int, long, double, double)>();
        var random = new Random(1127);
        try
        {
            for (var run = 0; run < runs; run++)
            {
                var tag = BulkTags[run % BulkTags.Length];
                var ids = new HashSet<long>();
                while (ids.Count < size)
                    ids.Add(random.NextInt64(1, clients + 1));
                var outboxBefore = OutboxRows(app.DatabaseFile);
                var load = LoadAverage();
                var started = Stopwatch.GetTimestamp();
                var result = await app.Scopes.SendAsAsync(new TagClients([.. ids], [tag], []), BenchApp.As(support));
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                PipelineBenchmark.Check(result);
                var outbox = OutboxRows(app.DatabaseFile) - outboxBefore;
                Console.WriteLine($"'{tag}': {result.Value:N0} clients tagged, {outbox:N0} outbox rows, {F(seconds, "0.00")} s (load {F(load, "0.00")})");
                results.Add((tag, result.Value, outbox, seconds, load));
            }
        }
        finally
        {
            PipelineBenchmark.Check(await app.Scopes.SendAsAsync(new SetWebhookSubscriptionActive(receiver.Value!.Id, false), BenchApp.As(admin)));
            Tidy(app.DatabaseFile);
        }
        return results;
    }

    private static long OutboxRows(string databaseFile)
    {
        using var connection = ClientBookSeed.Open(databaseFile);
        return ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM Outbox WHERE EventType = 'client.tags_changed'");
    }

    /// <summary>
    /// Puts a kept database back as seeded: the bulk-tag runs' tags and outbox rows go (their audit
    /// entries stay: the chain is append-only), and a receiver left active by an interrupted run is switched off.
    /// </summary>
    private static void Tidy(string databaseFile)
    {
        using var connection = ClientBookSeed.Open(databaseFile);
        var tags = string.Join(", ", BulkTags.Select(t => $"'{t}'"));
        ClientBookSeed.Execute(connection, $"""
            DELETE FROM ClientTags WHERE Tag IN ({tags});
            DELETE FROM Outbox WHERE EventType = 'client.tags_changed';
            UPDATE WebhookSubscriptions SET Active = 0 WHERE Name = '{ReceiverName}' AND Active = 1;
            """);
    }

    /// <summary>What the timed queries ask for: real values drawn from the seeded book (fixed seed).</summary>
    private sealed class Samples
    {
        public required List<(string Email, long Number)> Clients { get; init; }
        public required List<long> Logins { get; init; }
        public required List<string> NamePrefixes { get; init; }
        public required List<string> PhonePrefixes { get; init; }
        public required List<DateTime> Windows { get; init; }
        public required List<string> Regions { get; init; }
        public required List<string> Countries { get; init; }
        public required List<string> Tags { get; init; }
        public required List<int> AccountTypes { get; init; }
        public required List<string> Managers { get; init; }

        public static Samples Load(string databaseFile, int clients, int n)
        {
            var random = new Random(27);
            using var connection = ClientBookSeed.Open(databaseFile);
            var accounts = ClientBookSeed.Scalar(connection, "SELECT MAX(Id) FROM TradingAccounts");
            var picked = new List<(string Email, long Number)>();
            var prefixes = new List<string>();
            var phones = new List<string>();
            var logins = new List<long>();
            using (var client = connection.CreateCommand())
            using (var account = connection.CreateCommand())
            {
                client.CommandText = "SELECT Email, Number, NameKey, Phone FROM Clients WHERE Id = $id";
                client.Parameters.Add(new SqliteParameter("$id", 0L));
                account.CommandText = "SELECT Login FROM TradingAccounts WHERE Id = $id";
                account.Parameters.Add(new SqliteParameter("$id", 0L));
                for (var i = 0; i < n; i++)
                {
                    client.Parameters[0].Value = random.NextInt64(1, clients + 1);
                    using (var reader = client.ExecuteReader())
                    {
                        reader.Read();
                        picked.Add((reader.GetString(0), reader.GetInt64(1)));
                        var name = reader.GetString(2);
                        var letters = new string(name.TakeWhile(char.IsLetter).ToArray());
                        prefixes.Add(letters[..Math.Min(letters.Length, 2 + i % 3)]);
                        var phone = reader.GetString(3);
                        phones.Add(phone[..(phone.IndexOf(' ') + 3)]);
                    }
                    account.Parameters[0].Value = random.NextInt64(1, accounts + 1);
                    logins.Add(Convert.ToInt64(account.ExecuteScalar(), CultureInfo.InvariantCulture));
                }
            }
            var first = ClientBookSeed.Now.AddYears(-3);
            return new Samples
            {
                Clients = picked,
                Logins = logins,
                NamePrefixes = prefixes,
                PhonePrefixes = phones,
                Windows = Enumerable.Range(0, n).Select(_ => first.AddDays(random.Next(0, 3 * 365 - 30))).ToList(),
                Regions = ClientBookSeed.CountryMix.Select(c => BackOffice.Core.Accounts.Countries.Find(c.Code)!.Region).Distinct().ToList(),
                Countries = ClientBookSeed.CountryMix.Select(c => c.Code).ToList(),
                Tags = ClientBookSeed.TagMix.Select(t => t.Tag).ToList(),
                AccountTypes = ClientBookSeed.Strings(connection, "SELECT CAST(Id AS TEXT) FROM AccountTypes ORDER BY Id").Select(int.Parse).ToList(),
                Managers = ClientBookSeed.Strings(connection, "SELECT Id FROM AspNetUsers ORDER BY UserName"),
            };
        }
    }
}
