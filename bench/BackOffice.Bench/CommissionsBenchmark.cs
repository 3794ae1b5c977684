using System.Diagnostics;
using BackOffice.Core.Common;
using BackOffice.Core.Partners.Commissions;
using BackOffice.Infrastructure.Partners;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// A commission run at scale: a five-level tree of partners, their referred clients, a plan paying per lot at every level in
/// several symbol groups (with <c>--rules all</c> also a CPA on volume and a revenue share at every level), and millions of
/// deals over a month. Timed in one process: a plain loop over the same deal rows computing each level's per-lot amount with
/// dictionary lookups; the product's run started through the real command and computed batch by batch exactly as the
/// background runner does it; and a rerun of the same period. SQLite.
/// </summary>
public static class CommissionsBenchmark
{
    private static readonly DateTime From = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Since = From.AddMonths(-1);

    /// <summary>Partners per level of the tree, root first.</summary>
    private static readonly double[] LevelShares = [0.005, 0.02, 0.075, 0.25, 0.65];

    /// <summary>Symbol, weight: majors dominate, then gold, indices, minors, crypto; energies earn no rebate under the plan.</summary>
    private static readonly (string Symbol, int Weight)[] SymbolMix =
    [
        ("EURUSD", 30), ("GBPUSD", 12), ("USDJPY", 10), ("AUDUSD", 5), ("USDCAD", 4), ("EURGBP", 4), ("EURJPY", 4), ("GBPJPY", 3),
        ("XAUUSD", 12), ("XAGUSD", 2), ("US30", 3), ("NAS100", 4), ("GER40", 2), ("BTCUSD", 3), ("ETHUSD", 1), ("USOIL", 1),
    ];

    /// <summary>Per-lot rebate by symbol group, level 1 to 5.</summary>
    private static readonly (string Group, decimal[] Rates)[] PerLot =
    [
        (SymbolGroups.FxMajors, [7m, 1.5m, 0.75m, 0.5m, 0.25m]), (SymbolGroups.FxMinors, [8m, 2m, 1m, 0.5m, 0.25m]),
        (SymbolGroups.Metals, [10m, 2.5m, 1.25m, 0.6m, 0.3m]), (SymbolGroups.Indices, [3m, 0.75m, 0.4m, 0.2m, 0.1m]),
        (SymbolGroups.Crypto, [5m, 1m, 0.5m, 0.25m, 0.125m]),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var deals = Option(args, "--deals", 10_000_000);
        var partners = Option(args, "--ibs", 2_000);
        var clients = Option(args, "--clients", 50_000);
        var allRules = TextOption(args, "--rules") == "all";
        var keep = TextOption(args, "--keep");
        // With a kept file whose run is computed: only the rerun of the same period is timed (the run itself takes minutes at scale).
        var rerunOnly = args.Contains("--rerun-only");
        Console.WriteLine($"commissions benchmark: {deals:N0} deals, {partners:N0} partners in 5 levels, {clients:N0} referred clients, "
            + $"{(allRules ? "per lot + CPA + revenue share" : "per lot")}; {Environment.ProcessorCount} cores, load {F(LoadAverage(), "0.00")}");

        using var memory = new PeakMemory();
        await using var app = await BenchApp.CreateAsync("commissions", listen: false, keptDatabase: keep, databaseOutsideContentRoot: true);
        var ib = BenchApp.As(await app.StaffAsync("ib"));
        using (var connection = ClientBookSeed.Open(app.DatabaseFile))
        {
            if (ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM Partners") > 0)
            {
                Console.WriteLine("partners, clients and deals reused as seeded by an earlier run");
                if (rerunOnly && ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM CommissionRuns WHERE LineCount > 0") == 0)
                    throw new InvalidOperationException("--rerun-only needs a kept file with a computed run.");
                if (!rerunOnly && ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM CommissionRuns") > 0)
                {
                    var reset = Stopwatch.StartNew();
                    ClientBookSeed.Execute(connection, "DELETE FROM CommissionLineBlocks; DELETE FROM CommissionLines; DELETE FROM CommissionRuns;");
                    Console.WriteLine($"the earlier benchmark's runs removed in {F(reset.Elapsed.TotalSeconds, "0.0")} s");
                }
            }
            else
            {
                var seeding = Stopwatch.StartNew();
                var plan = await CreatePlanAsync(app, ib, allRules);
                Seed(app.DatabaseFile, plan, partners, clients, deals);
                Console.WriteLine($"seeded in {F(seeding.Elapsed.TotalSeconds, "0.0")} s");
            }
        }
        ClientBookSeed.CompleteStatistics(app.DatabaseFile, "TradeDeals", "ClientAttributions", "Partners", "PartnerParentLinks", "CommissionLines", "CommissionLineBlocks");
        using (var connection = ClientBookSeed.Open(app.DatabaseFile))
            Console.WriteLine($"{new FileInfo(app.DatabaseFile).Length / 1024.0 / 1024:0} MB; "
                + $"{ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM TradeDeals"):N0} deals, {ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM Partners"):N0} partners, "
                + $"{ClientBookSeed.Scalar(connection, "SELECT COUNT(*) FROM ClientAttributions"):N0} attributed clients");

        var rows = new List<string>();
        string Row(string what, double seconds, long lines, long totalMinor, long peakMb, double load) =>
            $"| {what} | {F(seconds, "0.0")} s | {lines:N0} | {new Money(totalMinor, "USD")} | {peakMb:N0} MB | {F(load, "0.00")} |";

        var load = LoadAverage();
        double? ratio = null;
        if (!rerunOnly)
        {
            memory.Reset();
            var loop = Stopwatch.StartNew();
            var (loopLines, loopMinor, loopDeals) = PlainLoop(app.DatabaseFile);
            loop.Stop();
            rows.Add(Row($"plain loop over {loopDeals:N0} deal rows (per lot)", loop.Elapsed.TotalSeconds, loopLines, loopMinor, memory.PeakMb, load));

            load = LoadAverage();
            memory.Reset();
            var product = Stopwatch.StartNew();
            var run = await RunAsync(app, ib);
            product.Stop();
            // Every deal line of the run is per lot (the plan pays no other deal rule): the blocks' headers add them up.
            var perLot = await DbAsync(app, db => db.CommissionLineBlocks.Where(b => b.RunId == run.Id)
                .GroupBy(b => 1).Select(g => new { Lines = g.Sum(b => b.LineCount), Minor = g.Sum(b => b.AmountMinor) }).FirstOrDefaultAsync());
            rows.Add(Row($"product run {run.Id} ({run.Status}, {run.DealsDone:N0} deals)", product.Elapsed.TotalSeconds, run.LineCount, run.TotalMinor, memory.PeakMb, load));
            Console.WriteLine($"per-lot lines of the run: {perLot?.Lines ?? 0:N0}, {new Money(perLot?.Minor ?? 0, "USD")} — the plain loop: {loopLines:N0}, {new Money(loopMinor, "USD")}"
                + (perLot?.Lines == loopLines && perLot.Minor == loopMinor ? " (equal)" : " (DIFFERENT)"));
            ratio = product.Elapsed.TotalSeconds / loop.Elapsed.TotalSeconds;
        }

        load = LoadAverage();
        memory.Reset();
        var linesBefore = await DbAsync(app, LineCountAsync);
        var rerun = Stopwatch.StartNew();
        var again = await RunAsync(app, ib);
        rerun.Stop();
        var newLines = await DbAsync(app, LineCountAsync) - linesBefore;
        rows.Add(Row($"rerun {again.Id} ({again.Status})", rerun.Elapsed.TotalSeconds, newLines, again.TotalMinor, memory.PeakMb, load));

        Console.WriteLine();
        Console.WriteLine("| what | time | lines written | total | peak working set | load (1 min) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        rows.ForEach(Console.WriteLine);
        Console.WriteLine((ratio is { } r ? $"ratio product / plain loop: {F(r, "0.0")}×; " : "")
            + $"process peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024:N0} MB");
        return 0;
    }

    /// <summary>Started by the IB manager through the real command and computed as the background runner computes it, batch by batch.</summary>
    private static async Task<CommissionRun> RunAsync(BenchApp app, Actor ib)
    {
        var started = await app.Scopes.SendAsAsync(new StartCommissionRun(From, To), ib);
        if (!started.Succeeded) throw new InvalidOperationException(started.Error!.Message);
        var options = app.App.Services.GetRequiredService<IOptions<PartnersOptions>>().Value;
        using var progress = new Timer(_ => Console.WriteLine($"  {DbAsync(app, db => db.CommissionRuns.AsNoTracking().Where(r => r.Id == started.Value)
            .Select(r => $"{r.DealsDone:N0} of {r.DealsTotal:N0} deals, {r.LineCount:N0} lines").FirstAsync()).GetAwaiter().GetResult()}"), null, 15_000, 15_000);
        await CommissionRunner.ComputeAsync(app.Scopes, started.Value, options.BatchDeals, NullLogger.Instance, CancellationToken.None);
        return await DbAsync(app, db => db.CommissionRuns.AsNoTracking().FirstAsync(r => r.Id == started.Value));
    }

    private static async Task<long> LineCountAsync(BackOffice.Core.Common.Data.BackOfficeDb db) =>
        await db.CommissionLines.LongCountAsync() + await db.CommissionLineBlocks.SumAsync(b => (long)b.LineCount);

    private static async Task<T> DbAsync<T>(BenchApp app, Func<BackOffice.Core.Common.Data.BackOfficeDb, Task<T>> read)
    {
        await using var scope = app.Scopes.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<BackOffice.Core.Common.Data.BackOfficeDb>());
    }

    /// <summary>
    /// The same deal rows read with a plain ADO.NET reader, each closing deal paying each level of its client's chain the
    /// plan's per-lot rate for its symbol group: dictionaries, no history, no positions, nothing written.
    /// </summary>
    private static (long Lines, long Minor, long Deals) PlainLoop(string databaseFile)
    {
        using var connection = ClientBookSeed.Open(databaseFile);
        var parents = new Dictionary<long, long?>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, ParentId FROM Partners";
            using var reader = read.ExecuteReader();
            while (reader.Read()) parents[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetInt64(1);
        }
        var chains = new Dictionary<long, long[]>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT ClientId, PartnerId FROM ClientAttributions";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var chain = new List<long>();
                for (long? p = reader.GetInt64(1); p is { } id; p = parents[id]) chain.Add(id);
                chains[reader.GetInt64(0)] = [.. chain];
            }
        }
        var rates = PerLot.SelectMany(g => g.Rates.Select((rate, i) => (Key: (i + 1, g.Group), rate))).ToDictionary(x => x.Key, x => x.rate);
        var groups = new Dictionary<string, string>();
        long lines = 0, minor = 0, deals = 0;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ClientId, Symbol, Entry, Lots FROM TradeDeals WHERE TimeUtc >= $from AND TimeUtc < $to";
        command.Parameters.AddWithValue("$from", From);
        command.Parameters.AddWithValue("$to", To);
        using var deal = command.ExecuteReader();
        while (deal.Read())
        {
            deals++;
            if (deal.GetString(2) != "Out" || !chains.TryGetValue(deal.GetInt64(0), out var chain)) continue;
            var symbol = deal.GetString(1);
            if (!groups.TryGetValue(symbol, out var group)) groups[symbol] = group = SymbolGroups.Of(symbol);
            var lots = deal.GetDecimal(3);
            for (var level = 1; level <= chain.Length; level++)
            {
                if (!rates.TryGetValue((level, group), out var rate)) continue;
                lines++;
                minor += CommissionCalculator.ToMinor(rate * lots, "USD", CommissionRounding.HalfEven);
            }
        }
        return (lines, minor, deals);
    }

    private static async Task<long> CreatePlanAsync(BenchApp app, Actor ib, bool allRules)
    {
        var rules = PerLot.SelectMany(g => g.Rates.Select((rate, i) => new RuleInput(g.Group, "*", i + 1, CommissionKind.PerLot, rate))).ToList();
        if (allRules)
            for (var level = 1; level <= 5; level++)
            {
                rules.Add(new RuleInput("*", "*", level, CommissionKind.Cpa, level == 1 ? 50m : 10m, MinimumLots: 10m));
                rules.Add(new RuleInput("*", "*", level, CommissionKind.RevenueShare, level == 1 ? 10m : 2m));
            }
        var created = await app.Scopes.SendAsAsync(new CreateCommissionPlan("BENCH", "Bench partners", "USD",
            new TermsInput(Since, 0, false, CommissionRounding.HalfEven, "benchmark plan", rules)), ib);
        return created.Succeeded ? created.Value : throw new InvalidOperationException(created.Error!.Message);
    }

    private static void Seed(string databaseFile, long planId, int partnerCount, int clientCount, int dealCount)
    {
        var partnerClients = FundsSeed.LowRiskClients(databaseFile, partnerCount, seed: 7);
        var referred = FundsSeed.LowRiskClients(databaseFile, clientCount, seed: 11);
        using var connection = ClientBookSeed.Open(databaseFile);
        ClientBookSeed.Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -400000;");
        var random = new Random(2026);
        var since = Since;

        // The tree: level by level, each partner under a random partner of the level above.
        var insertPartner = ClientBookSeed.Prepare(connection, """
            INSERT INTO Partners (Id, Code, ClientId, Name, Status, ParentId, CreatedAt, CreatedBy, Version)
            VALUES ($id, $code, $client, $name, 'Active', $parent, $at, 'bench', 0)
            """);
        var insertLink = ClientBookSeed.Prepare(connection, """
            INSERT INTO PartnerParentLinks (PartnerId, ParentId, "From", "By", Reason) VALUES ($partner, $parent, $at, 'bench', 'created')
            """);
        var insertAssignment = ClientBookSeed.Prepare(connection, """
            INSERT INTO PartnerPlanAssignments (PartnerId, PlanId, "From", "By") VALUES ($partner, $plan, $at, 'bench')
            """);
        var ids = new List<long>();
        var levels = new List<List<long>>();
        using (var tx = connection.BeginTransaction())
        {
            var next = 0;
            for (var level = 0; level < LevelShares.Length; level++)
            {
                var count = level == LevelShares.Length - 1 ? partnerCount - next : Math.Max(1, (int)(partnerCount * LevelShares[level]));
                var here = new List<long>();
                for (var i = 0; i < count; i++, next++)
                {
                    var id = next + 1L;
                    long? parent = level == 0 ? null : levels[level - 1][random.Next(levels[level - 1].Count)];
                    ClientBookSeed.Run(insertPartner, tx, id, $"IB{id:00000}", partnerClients[next].ClientId, partnerClients[next].Name, parent, since);
                    ClientBookSeed.Run(insertLink, tx, id, parent, since);
                    ClientBookSeed.Run(insertAssignment, tx, id, planId, since);
                    here.Add(id);
                    ids.Add(id);
                }
                levels.Add(here);
            }
            tx.Commit();
        }

        var insertAttribution = ClientBookSeed.Prepare(connection, """
            INSERT INTO ClientAttributions (ClientId, PartnerId, "From", Source, "By") VALUES ($client, $partner, $at, 'Registration', 'bench')
            """);
        using (var tx = connection.BeginTransaction())
        {
            foreach (var c in referred) ClientBookSeed.Run(insertAttribution, tx, c.ClientId, ids[random.Next(ids.Count)], since);
            tx.Commit();
        }

        // Round turns opened day by day over the period, clients interleaved as the ingestion stores them.
        var indexes = ClientBookSeed.DropIndexes(connection, "TradeDeals");
        var insertDeal = ClientBookSeed.Prepare(connection, """
            INSERT INTO TradeDeals (Ticket, Login, TradingAccountId, ClientId, TimeUtc, Symbol, Side, Entry, Lots, Price, Profit, Commission, Swap, IngestedAt)
            VALUES ($ticket, $login, $account, $client, $time, $symbol, $side, $entry, $lots, $price, $profit, $commission, $swap, $ingested)
            """);
        var symbolBounds = SymbolMix.Select((s, i) => SymbolMix.Take(i + 1).Sum(x => x.Weight)).ToArray();
        var weight = symbolBounds[^1];
        var days = (int)(To - From).TotalDays;
        var pairs = dealCount / 2;
        long ticket = 90_000_000;
        var written = 0;
        var tx2 = connection.BeginTransaction();
        for (var day = 0; day < days; day++)
        {
            var today = pairs / days + (day < pairs % days ? 1 : 0);
            for (var i = 0; i < today; i++)
            {
                var client = referred[random.Next(referred.Count)];
                var pick = Array.BinarySearch(symbolBounds, random.Next(weight) + 1);
                var symbol = SymbolMix[pick >= 0 ? pick : ~pick].Symbol;
                var open = From.AddDays(day).AddSeconds(random.Next(86_400));
                var close = open.AddSeconds(60 + (int)(-Math.Log(1 - random.NextDouble()) * 7_200));
                if (close >= To) close = To.AddSeconds(-1);
                var lots = Math.Round(0.01m + (decimal)Math.Pow(random.NextDouble(), 2) * 4.99m, 2);
                var buy = random.Next(2) == 0;
                var commission = -Math.Round(lots * 3.5m, 2);
                var profit = Math.Round((decimal)(random.NextDouble() - 0.52) * 300m * lots, 2);
                var swap = close.Date > open.Date ? -Math.Round(lots * 0.8m, 2) : 0m;
                ClientBookSeed.Run(insertDeal, tx2, ++ticket, client.Login, client.AccountId, client.ClientId, open, symbol, buy ? "Buy" : "Sell", "In", lots, 1.1m,
                    0m, commission, 0m, open);
                ClientBookSeed.Run(insertDeal, tx2, ++ticket, client.Login, client.AccountId, client.ClientId, close, symbol, buy ? "Sell" : "Buy", "Out", lots, 1.1m,
                    profit, commission, swap, close);
                if ((written += 2) % 1_000_000 == 0)
                {
                    tx2.Commit();
                    tx2 = connection.BeginTransaction();
                    Console.WriteLine($"  {written:N0} deals written");
                }
            }
        }
        tx2.Commit();
        tx2.Dispose();
        foreach (var sql in indexes) ClientBookSeed.Execute(connection, sql);
        foreach (var c in new[] { insertPartner, insertLink, insertAssignment, insertAttribution, insertDeal }) c.Dispose();
    }

    /// <summary>The highest working set seen since the last <see cref="Reset"/>, sampled every 100 ms.</summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public PeakMemory() => _timer = new Timer(_ => Sample(), null, 0, 100);

        public long PeakMb
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _peak) / 1024 / 1024;
            }
        }

        public void Reset() => Interlocked.Exchange(ref _peak, 0);

        private void Sample()
        {
            var now = Environment.WorkingSet;
            long seen;
            while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }
        }

        public void Dispose() => _timer.Dispose();
    }
}
