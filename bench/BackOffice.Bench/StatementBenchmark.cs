using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Reconciliation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// Benchmark 9: a card settlement report of 100,000 lines imported and reconciled through ImportStatement, sent through
/// the pipeline as a finance officer, against 100,000 credited card deposits (with their ledger) paid over 30 days. The
/// file is built to hold known shares of each kind of line, and the outcome is checked line by line. Each run is on a
/// fresh database; SQLite, then PostgreSQL in a process of its own when BACKOFFICE_BENCH_POSTGRES is set.
/// </summary>
public static class StatementBenchmark
{
    private const string Channel = "card";
    private const string FileName = "card-settlement-2026-11.csv";
    private static readonly string[] Tables = ["Clients", "TradingAccounts", "KycCases", "ClientDeclarations", "Deposits", "LedgerAccounts", "LedgerTransactions", "LedgerEntries"];

    /// <summary>What the file was built to contain, line by line (the deposit each line must end up with, and how).</summary>
    public sealed record Book(byte[] Content, int Lines, long?[] ExpectedDeposit, LineMatch[] ExpectedMatch, MatchKey[] ExpectedBy,
        int Matched, int Mismatched, int TheirsOnly, int OursOnly, IReadOnlyList<OurItem> Ours, DateOnly From, DateOnly To,
        Dictionary<string, int> Shares, TimeSpan Seeding);

    public sealed record Run(string Engine, int Number, double Seconds, double CpuSeconds, double LoadBefore, double LoadAfter, StatementImportSummary Summary,
        Dictionary<MatchKey, int> ByKey, int Breaks, double DbMs, long Commands);

    /// <summary>With --phases: created before any app (EF Core caches for a while whether anyone listens).</summary>
    private static EfPhases? Phases;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--phases"))
            Phases = new EfPhases();
        var deposits = Option(args, "--deposits", 100_000);
        var clients = Option(args, "--clients", 20_000);
        var runs = Option(args, "--runs", 3);
        var days = Option(args, "--days", 30);
        if (TextOption(args, "--postgres-from") is { } from)
            return await PostgresRunsAsync(from, TextOption(args, "--postgres-warmup-from")!, PostgresBook.Server!, runs);

        var server = PostgresBook.Server;
        Console.WriteLine($"statement benchmark: {deposits:N0} credited card deposits over {days} days ({clients:N0} clients), a {deposits:N0}-line card " +
            $"settlement report, {runs} runs on fresh databases, on SQLite{(server is null ? " (set BACKOFFICE_BENCH_POSTGRES for PostgreSQL too)" : ", then PostgreSQL")}; " +
            $"{Environment.ProcessorCount} cores, load {F(LoadAverage(), "0.00")}");

        await WarmUpAsync();
        var results = new List<Run>();
        Book? last = null;
        for (var run = 1; run <= runs; run++)
        {
            await using var app = await BenchApp.CreateAsync("statement", listen: false, databaseOutsideContentRoot: true);
            var book = Seed(app.DatabaseFile, deposits, clients, days);
            if (run == 1) Describe(book);
            results.Add(await ImportAsync(app, "SQLite", run, book));
            last = book;
        }
        Print(results);
        Alone(last!);

        if (server is null) return 0;
        // EF Core's compiled queries hold on to the first model they meet, so PostgreSQL runs in a process of its own, on a
        // copy of a book seeded here (the same book: the seed is fixed).
        Console.WriteLine();
        var bookFile = Path.Combine(Path.GetTempPath(), "backoffice-bench", $"statement-book-{Environment.ProcessId}.db");
        var warmupFile = Path.Combine(Path.GetTempPath(), "backoffice-bench", $"statement-warmup-{Environment.ProcessId}.db");
        try
        {
            await using (var source = await BenchApp.CreateAsync("statement-book", listen: false, bookFile, databaseOutsideContentRoot: true))
                Seed(source.DatabaseFile, deposits, clients, days);
            await using (var source = await BenchApp.CreateAsync("statement-warmup-book", listen: false, warmupFile, databaseOutsideContentRoot: true))
                Seed(source.DatabaseFile, WarmUpDeposits, WarmUpClients, days);
            SqliteConnection.ClearAllPools();
            var childArgs = new List<string> { "statement" };
            childArgs.AddRange(args);
            childArgs.AddRange(["--postgres-from", bookFile, "--postgres-warmup-from", warmupFile]);
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
                childArgs.Insert(0, typeof(BenchProgram).Assembly.Location);
            using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, childArgs))!;
            await child.WaitForExitAsync();
            return child.ExitCode;
        }
        finally
        {
            foreach (var file in new[] { bookFile, warmupFile })
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    File.Delete(file + suffix);
        }
    }

    private const int WarmUpDeposits = 5_000;
    private const int WarmUpClients = 1_000;

    /// <summary>
    /// In a process that has not touched SQLite through the app (EF Core's compiled queries keep the first model): each
    /// run on a fresh PostgreSQL database, migrated by the app, with the book's tables copied in from the SQLite file.
    /// </summary>
    private static async Task<int> PostgresRunsAsync(string bookFile, string warmupFile, string server, int runs)
    {
        const string name = "bo_bench_statement";
        var postgres = PostgresBook.Database(server, name);
        // The file and the line outcomes are rebuilt from the deposits the book holds (the seed is fixed).
        var book = Rebuild(bookFile);
        await WarmUpAsync(server, warmupFile);
        var results = new List<Run>();
        for (var run = 1; run <= runs; run++)
        {
            PostgresBook.Drop(server, name);
            try
            {
                await using var app = await BenchApp.CreateAsync("statement-pg", listen: false, postgres: postgres);
                PostgresBook.Copy(bookFile, postgres, Tables);
                results.Add(await ImportAsync(app, "PostgreSQL", run, book));
            }
            finally
            {
                PostgresBook.Drop(server, name);
            }
        }
        Print(results);
        return 0;
    }

    /// <summary>One small import on a throw-away database first, so the timed runs do not pay for the JIT's first compilation.</summary>
    private static async Task WarmUpAsync(string? server = null, string? warmupFile = null)
    {
        var started = Stopwatch.StartNew();
        if (server is null)
        {
            await using var app = await BenchApp.CreateAsync("statement-warmup", listen: false, databaseOutsideContentRoot: true);
            var book = Seed(app.DatabaseFile, WarmUpDeposits, WarmUpClients, 30);
            await ImportAsync(app, "warm-up", 0, book, quiet: true);
        }
        else
        {
            const string name = "bo_bench_statement_warmup";
            PostgresBook.Drop(server, name);
            try
            {
                var postgres = PostgresBook.Database(server, name);
                await using var app = await BenchApp.CreateAsync("statement-warmup-pg", listen: false, postgres: postgres);
                PostgresBook.Copy(warmupFile!, postgres, Tables);
                await ImportAsync(app, "warm-up", 0, Rebuild(warmupFile!), quiet: true);
            }
            finally
            {
                PostgresBook.Drop(server, name);
            }
        }
        Console.WriteLine($"warm-up: a {WarmUpDeposits:N0}-line import on a throw-away database ({F(started.Elapsed.TotalSeconds, "0.0")} s in all)");
    }

    /// <summary>Sends the import as the demo finance officer, times it, and checks every line's outcome against the book.</summary>
    private static async Task<Run> ImportAsync(BenchApp app, string engine, int number, Book book, bool quiet = false)
    {
        var finance = await app.StaffAsync("finance");
        using var meter = new PipelineBreakdown.EfCommandMeter();
        var loadBefore = LoadAverage();
        Phases?.Start();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var result = await app.Scopes.SendAsAsync(new ImportStatement(Channel, FileName, book.Content), BenchApp.As(finance));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        var loadAfter = LoadAverage();
        PipelineBenchmark.Check(result);
        var summary = result.Value!;
        var (dbMs, commands) = (meter.TotalMs, meter.Count);

        // The outcome must be exactly what the file was built to hold.
        var expected = (book.Lines, 0, book.Matched, book.Mismatched, book.TheirsOnly, book.OursOnly, 0);
        var got = (summary.Lines, summary.Skipped, summary.Matched, summary.Mismatched, summary.TheirsOnly, summary.OursOnly, summary.ClosedLater);
        if (got != expected)
            throw new InvalidOperationException($"{engine} run {number}: the summary is {got}, the file was built for {expected}.");
        await using var scope = app.Scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BackOfficeDb>();
        var lines = await db.StatementLines.AsNoTracking().Where(l => l.ImportId == summary.ImportId)
            .Select(l => new { l.LineNumber, l.DepositId, l.Match, l.MatchedBy }).ToListAsync();
        if (lines.Count != book.Lines) throw new InvalidOperationException($"{lines.Count} statement lines stored, {book.Lines} in the file.");
        var wrong = lines.Where(l => book.ExpectedDeposit[l.LineNumber - 2] != l.DepositId || book.ExpectedMatch[l.LineNumber - 2] != l.Match
                                     || book.ExpectedBy[l.LineNumber - 2] != l.MatchedBy).ToList();
        if (wrong.Count > 0)
            throw new InvalidOperationException($"{wrong.Count} lines did not end as built, the first: line {wrong[0].LineNumber} {wrong[0].Match} by {wrong[0].MatchedBy} " +
                $"to deposit {wrong[0].DepositId?.ToString(CultureInfo.InvariantCulture) ?? "none"}, built for {book.ExpectedMatch[wrong[0].LineNumber - 2]} by " +
                $"{book.ExpectedBy[wrong[0].LineNumber - 2]} to {book.ExpectedDeposit[wrong[0].LineNumber - 2]?.ToString(CultureInfo.InvariantCulture) ?? "none"}.");
        var breaks = await db.ReconciliationBreaks.AsNoTracking().Where(b => b.ImportId == summary.ImportId).GroupBy(b => b.Kind)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        if (breaks.GetValueOrDefault(BreakKind.AmountMismatch) != book.Mismatched || breaks.GetValueOrDefault(BreakKind.TheirsOnly) != book.TheirsOnly
            || breaks.GetValueOrDefault(BreakKind.OursOnly) != book.OursOnly)
            throw new InvalidOperationException($"Breaks: {string.Join(", ", breaks.Select(b => $"{b.Key} {b.Value}"))}.");
        var audited = await db.AuditEntries.AsNoTracking().AnyAsync(a => a.Action == nameof(ImportStatement) && a.EntityId == summary.ImportId.ToString());
        if (!audited) throw new InvalidOperationException("The import has no audit entry.");

        var run = new Run(engine, number, seconds, cpuSeconds, loadBefore, loadAfter, summary,
            lines.GroupBy(l => l.MatchedBy).ToDictionary(g => g.Key, g => g.Count()), breaks.Values.Sum(), dbMs, commands);
        if (!quiet)
            Console.WriteLine($"{engine} run {number}: {F(seconds, "0.00")} s ({F(book.Lines / seconds)} lines/s, process CPU {F(cpuSeconds, "0.00")} s), load {F(loadBefore, "0.00")} → {F(loadAfter, "0.00")}; " +
                $"{summary.Describe()} Every line as built; {run.Breaks:N0} breaks. EF Core: {commands:N0} commands, {F(dbMs / 1000, "0.00")} s in the database.");
        if (!quiet)
            Phases?.Print(seconds * 1000);
        return run;
    }

    private static void Print(List<Run> results)
    {
        Console.WriteLine();
        Console.WriteLine("| engine | run | seconds | lines/s | process CPU (s) | load (1 min) before → after | matched | by payment id | by reference | by amount and date | amount mismatches | theirs only | ours only | time in SQL |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in results)
            Console.WriteLine($"| {r.Engine} | {r.Number} | {F(r.Seconds, "0.00")} | {F(r.Summary.Lines / r.Seconds)} | {F(r.CpuSeconds, "0.00")} | {F(r.LoadBefore, "0.00")} → {F(r.LoadAfter, "0.00")} | " +
                $"{r.Summary.Matched:N0} | {r.ByKey.GetValueOrDefault(MatchKey.ProviderId):N0} | {r.ByKey.GetValueOrDefault(MatchKey.Reference):N0} | " +
                $"{r.ByKey.GetValueOrDefault(MatchKey.AmountAndDate):N0} | {r.Summary.Mismatched:N0} | {r.Summary.TheirsOnly:N0} | {r.Summary.OursOnly:N0} | {F(r.DbMs / 1000, "0.00")} s |");
        var seconds = results.Select(r => r.Seconds).ToList();
        Console.WriteLine($"{results[0].Engine}: median {F(Median(seconds), "0.00")} s, max {F(seconds.Max(), "0.00")} s " +
            $"({F(results[0].Summary.Lines / Median(seconds))} lines/s at the median); target < 30 s. " +
            $"(\"by payment id\" counts the amount mismatches too: they are paired by payment id.)");
    }

    /// <summary>The two pure stages alone, on the last book: reading the file and matching it against our deposits.</summary>
    private static void Alone(Book book)
    {
        var layout = StatementLayout.StandardFor(ChannelKind.Card);
        var read = new List<double>();
        var match = new List<double>();
        var hash = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var started = Stopwatch.GetTimestamp();
            _ = SHA256.HashData(book.Content);
            hash.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            var rows = StatementReader.Read(book.Content, FileName, layout, 250_000).Rows;
            read.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            started = Stopwatch.GetTimestamp();
            var outcome = StatementMatcher.Match(rows, book.Ours, rows.Min(r => r.Date), rows.Max(r => r.Date), 3);
            match.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (outcome.OursOnly.Count != book.OursOnly) throw new InvalidOperationException("The matcher alone disagrees with the book.");
        }
        Console.WriteLine($"alone, median of 3 (ms): SHA-256 of the file {F(Median(hash), "0.0")}, StatementReader.Read {F(Median(read), "0.0")}, " +
            $"StatementMatcher.Match {F(Median(match), "0.0")}; load {F(LoadAverage(), "0.00")}");
    }

    private static void Describe(Book book)
    {
        Console.WriteLine($"book: seeded in {F(book.Seeding.TotalSeconds, "0.0")} s; statement {book.From:yyyy-MM-dd} to {book.To:yyyy-MM-dd}, {book.Lines:N0} lines, " +
            $"{book.Content.Length / 1024.0 / 1024:0.0} MB; " + string.Join(", ", book.Shares.Select(s => $"{s.Key} {s.Value:N0}")));
    }

    // ---- the book ---------------------------------------------------------------------------------------------------

    /// <summary>What the seed put in the database that the file is built from.</summary>
    private sealed record SeededDeposit(long Id, string Reference, string ProviderOrderId, long AmountMinor, DateTime PaidAt, string Payer);

    /// <summary>
    /// Clients (<see cref="FundsSeed"/>), then <paramref name="count"/> credited card deposits over <paramref name="days"/>
    /// days, each with its ledger transaction (clearing → client), written with prepared INSERTs into the app's tables.
    /// Returns the book built on them.
    /// </summary>
    public static Book Seed(string databaseFile, int count, int clients, int days)
    {
        var started = Stopwatch.StartNew();
        var holders = FundsSeed.LowRiskClients(databaseFile, clients);
        using var connection = ClientBookSeed.Open(databaseFile);
        ClientBookSeed.Execute(connection, "PRAGMA synchronous = OFF;");
        var channelId = ClientBookSeed.Scalar(connection, $"SELECT Id FROM PaymentChannels WHERE Code = '{Channel}'");
        var firstDeposit = ClientBookSeed.Scalar(connection, "SELECT COALESCE(MAX(Id), 0) FROM Deposits") + 1;
        var firstTransaction = ClientBookSeed.Scalar(connection, "SELECT COALESCE(MAX(Id), 0) FROM LedgerTransactions") + 1;
        var firstAccount = ClientBookSeed.Scalar(connection, "SELECT COALESCE(MAX(Id), 0) FROM LedgerAccounts") + 1;
        var firstReference = ClientBookSeed.Scalar(connection, $"SELECT Next FROM NumberSequences WHERE Name = '{Sequences.Deposit}'");
        var plan = Plan(count, holders.Count, days, firstDeposit, firstReference, holders.Select(h => h.Name).ToList());

        var insertDeposit = ClientBookSeed.Prepare(connection, """
            INSERT INTO Deposits (Id, Reference, ClientId, TradingAccountId, ChannelId, AmountMinor, Currency, FeeMinor, PaidMinor, PaidCurrency, Status,
                ProviderOrderId, ProviderStatus, CheckoutUrl, PayerName, PayerMatch, SourceFingerprint, ReviewReason, RequestedBy, CreatedAt, PaidAt,
                CreditedAt, LedgerTransactionId, Version)
            VALUES ($id, $reference, $client, $account, $channel, $amount, 'USD', 0, $amount, 'USD', 'Credited',
                $order, 'succeeded', $checkout, $payer, 1.0, $fingerprint, 'None', 'system:api:Portal', $created, $paid,
                $paid, $tx, 2)
            """);
        var insertTransaction = ClientBookSeed.Prepare(connection,
            "INSERT INTO LedgerTransactions (Id, Kind, Reference, PostedAt, PostedBy) VALUES ($id, 'deposit', $reference, $at, 'system:payment-webhook:card')");
        var insertEntry = ClientBookSeed.Prepare(connection,
            "INSERT INTO LedgerEntries (TransactionId, AccountId, AmountMinor, Currency, Memo) VALUES ($tx, $account, $amount, 'USD', $memo)");
        var insertAccount = ClientBookSeed.Prepare(connection,
            "INSERT INTO LedgerAccounts (Id, Code, Currency, BalanceMinor, OpenedAt, Version) VALUES ($id, $code, 'USD', $balance, $at, $version)");

        // The ledger accounts first (the entries refer to them): clearing:card, then one per trading account paid into.
        var clearingId = firstAccount;
        var accountIds = new Dictionary<long, long>();
        var balances = new Dictionary<long, long>();
        for (var i = 0; i < plan.Deposits.Count; i++)
        {
            var tradingAccountId = holders[plan.Holder[i]].AccountId;
            if (!accountIds.TryGetValue(tradingAccountId, out var ledgerAccount))
                accountIds[tradingAccountId] = ledgerAccount = firstAccount + 1 + accountIds.Count;
            balances[ledgerAccount] = balances.GetValueOrDefault(ledgerAccount) + plan.Deposits[i].AmountMinor;
        }
        using (var tx = connection.BeginTransaction())
        {
            var opened = ClientBookSeed.Time(plan.Deposits[0].PaidAt);
            ClientBookSeed.Run(insertAccount, tx, clearingId, $"clearing:{Channel}", -balances.Values.Sum(), opened, plan.Deposits.Count - 1);
            foreach (var (tradingAccountId, ledgerAccount) in accountIds)
                ClientBookSeed.Run(insertAccount, tx, ledgerAccount, $"client:{tradingAccountId}", balances[ledgerAccount], opened, 0);
            for (var i = 0; i < plan.Deposits.Count; i++)
            {
                var d = plan.Deposits[i];
                var (clientId, tradingAccountId, _, _) = holders[plan.Holder[i]];
                var transaction = firstTransaction + i;
                ClientBookSeed.Run(insertDeposit, tx, d.Id, d.Reference, clientId, tradingAccountId, channelId, d.AmountMinor, d.ProviderOrderId,
                    "/sandbox/checkout/" + d.ProviderOrderId, d.Payer, "fp_" + Hex(d.Payer + clientId)[..24],
                    ClientBookSeed.Time(d.PaidAt.AddMinutes(-1 - i % 20)), ClientBookSeed.Time(d.PaidAt), transaction);
                ClientBookSeed.Run(insertTransaction, tx, transaction, d.Reference, ClientBookSeed.Time(d.PaidAt));
                ClientBookSeed.Run(insertEntry, tx, transaction, clearingId, -d.AmountMinor, d.Reference);
                ClientBookSeed.Run(insertEntry, tx, transaction, accountIds[tradingAccountId], d.AmountMinor, d.Reference);
            }
            tx.Commit();
        }
        foreach (var c in new[] { insertDeposit, insertTransaction, insertEntry, insertAccount })
            c.Dispose();
        ClientBookSeed.Execute(connection, $"UPDATE NumberSequences SET Next = {firstReference + count} WHERE Name = '{Sequences.Deposit}';");
        ClientBookSeed.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return plan.Book with { Seeding = started.Elapsed };
    }

    /// <summary>The book of a seeded file, rebuilt from the deposits it holds (for PostgreSQL, which gets a copy of it).</summary>
    private static Book Rebuild(string bookFile)
    {
        var deposits = ReadBook(bookFile);
        return Build(deposits.Count, deposits);
    }

    private static List<SeededDeposit> ReadBook(string bookFile)
    {
        using var connection = ClientBookSeed.Open(bookFile);
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT Id, Reference, ProviderOrderId, PaidMinor, PaidAt, PayerName FROM Deposits ORDER BY Id";
        using var reader = read.ExecuteReader();
        var list = new List<SeededDeposit>();
        while (reader.Read())
            list.Add(new SeededDeposit(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3),
                DateTime.SpecifyKind(DateTime.Parse(reader.GetString(4), CultureInfo.InvariantCulture), DateTimeKind.Utc), reader.GetString(5)));
        return list;
    }

    private sealed record Planned(List<SeededDeposit> Deposits, int[] Holder, Book Book);

    /// <summary>The deposits to seed and the statement built on them; deterministic for a given size.</summary>
    private static Planned Plan(int count, int holders, int days, long firstId, long firstReference, IReadOnlyList<string> names)
    {
        var random = new Random(2026);
        var end = DateTime.UtcNow.Date; // the statement covers the `days` days before today
        var start = end.AddDays(-days);
        var span = (end - start).TotalSeconds;
        var times = Enumerable.Range(0, count).Select(_ => start.AddSeconds(random.NextDouble() * span)).Order().ToArray();
        var holder = new int[count];
        var deposits = new List<SeededDeposit>(count);
        for (var i = 0; i < count; i++)
        {
            holder[i] = random.Next(holders);
            deposits.Add(new SeededDeposit(firstId + i, $"D-{firstReference + i}", "pi_" + Hex($"{i}-{random.Next()}")[..24], random.Next(1_000, 500_000),
                new DateTime(times[i].Ticks - times[i].Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc), names[holder[i]]));
        }
        return new Planned(deposits, holder, Build(count, deposits));
    }

    /// <summary>
    /// The statement on <paramref name="deposits"/>: of every 1,000 deposits, 5 are missing from the file (ours only), 5
    /// are on it for another amount (paired by payment id, a mismatch), 20 carry only our reference (the processor's
    /// charge id instead of the payment id), 10 carry neither (paired on amount and date, some a day later); every other
    /// deposit's line carries its payment id and our reference. Five lines in 1,000 are money we have nothing for. The
    /// deposits paired on amount alone and the missing ones get amounts no other unpaired deposit has, so exactly one of
    /// ours fits each such line.
    /// </summary>
    private static Book Build(int count, List<SeededDeposit> deposits)
    {
        var random = new Random(2027);
        var order = Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToArray();
        int Share(double fraction) => (int)Math.Round(count * fraction);
        var (missingCount, mismatchCount, referenceCount, amountCount, strangerCount) = (Share(0.005), Share(0.005), Share(0.02), Share(0.01), Share(0.005));
        var kind = new char[count]; // 'p' payment id, 'm' mismatch, 'r' reference, 'a' amount and date, 'x' missing
        Array.Fill(kind, 'p');
        var next = 0;
        foreach (var (k, n) in new[] { ('x', missingCount), ('m', mismatchCount), ('r', referenceCount), ('a', amountCount) })
            for (var j = 0; j < n; j++)
                kind[order[next++]] = k;

        // Unique amounts (cents .37) for the deposits that only amount and date can pair or that are missing, and other
        // unique amounts (cents .63) for the strangers' lines.
        var unique = 0;
        for (var i = 0; i < count; i++)
            if (kind[i] is 'a' or 'x')
                deposits[i] = deposits[i] with { AmountMinor = (10 + 3L * unique++) * 100 + 37 };

        var lastDay = DateOnly.FromDateTime(deposits.Max(d => d.PaidAt));
        var lines = new List<(DateTime At, string Text, long? Deposit, LineMatch Match, MatchKey By)>(count);
        var ours = new List<OurItem>(count);
        var shift = 0;
        for (var i = 0; i < count; i++)
        {
            var d = deposits[i];
            ours.Add(new OurItem(OurSide.Deposit, d.Id, d.Reference, [d.ProviderOrderId], new Money(d.AmountMinor, "USD"), DateOnly.FromDateTime(d.PaidAt)));
            var charge = "ch_" + Hex("charge" + d.Id)[..24];
            switch (kind[i])
            {
                case 'x':
                    continue;
                case 'p':
                    lines.Add((d.PaidAt, Line(d.PaidAt, d.ProviderOrderId, d.Reference, d.AmountMinor, d.Payer), d.Id, LineMatch.Matched, MatchKey.ProviderId));
                    break;
                case 'm':
                    // The processor settled a little less (a partial capture, or a currency rounding on its side).
                    lines.Add((d.PaidAt, Line(d.PaidAt, d.ProviderOrderId, d.Reference, d.AmountMinor - 100 - i % 400, d.Payer), d.Id, LineMatch.Mismatch, MatchKey.ProviderId));
                    break;
                case 'r':
                    lines.Add((d.PaidAt, Line(d.PaidAt, charge, d.Reference, d.AmountMinor, d.Payer), d.Id, LineMatch.Matched, MatchKey.Reference));
                    break;
                case 'a':
                    // Every other one settled the next day (never past the last day of the statement).
                    var at = shift++ % 2 == 1 && DateOnly.FromDateTime(d.PaidAt) < lastDay ? d.PaidAt.AddDays(1) : d.PaidAt;
                    lines.Add((at, Line(at, charge, null, d.AmountMinor, d.Payer), d.Id, LineMatch.Matched, MatchKey.AmountAndDate));
                    break;
            }
        }
        var first = deposits.Min(d => d.PaidAt);
        var span = (deposits.Max(d => d.PaidAt) - first).TotalSeconds;
        for (var j = 0; j < strangerCount; j++)
        {
            var at = first.AddSeconds(Math.Floor(random.NextDouble() * span));
            lines.Add((at, Line(at, "ch_" + Hex("stranger" + j)[..24], null, (11 + 9L * j) * 100 + 63, "Unknown Payer"), null, LineMatch.Unmatched, MatchKey.None));
        }
        var sorted = lines.OrderBy(l => l.At).ToList();

        var text = new StringBuilder(count * 110);
        text.Append(StatementLayout.StandardHeader(ChannelKind.Card)).Append('\n');
        foreach (var l in sorted)
            text.Append(l.Text).Append('\n');
        var from = DateOnly.FromDateTime(sorted[0].At);
        var to = DateOnly.FromDateTime(sorted[^1].At);
        if (deposits.Any(d => DateOnly.FromDateTime(d.PaidAt) < from || DateOnly.FromDateTime(d.PaidAt) > to))
            throw new InvalidOperationException("A deposit falls outside the statement's period: its ours-only count would not be exact.");
        return new Book(Encoding.UTF8.GetBytes(text.ToString()), sorted.Count, [.. sorted.Select(l => l.Deposit)], [.. sorted.Select(l => l.Match)],
            [.. sorted.Select(l => l.By)], count - missingCount - mismatchCount, mismatchCount, strangerCount, missingCount, ours, from, to,
            new Dictionary<string, int>
            {
                ["lines by payment id and reference"] = count - missingCount - mismatchCount - referenceCount - amountCount,
                ["amount mismatches (by payment id)"] = mismatchCount, ["by our reference only"] = referenceCount, ["by amount and date only"] = amountCount,
                ["lines with nothing of ours"] = strangerCount, ["deposits missing from the file"] = missingCount,
            }, TimeSpan.Zero);
    }

    private static string Line(DateTime at, string paymentId, string? reference, long amountMinor, string payer)
    {
        var amount = amountMinor / 100m;
        var fee = Math.Round(amount * 0.029m + 0.30m, 2);
        return string.Create(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd'T'HH:mm:ss'Z'},{paymentId},{reference},charge,{amount:0.00},USD,{fee:0.00},{payer}");
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
