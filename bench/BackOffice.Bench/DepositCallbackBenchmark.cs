using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Payments;
using BackOffice.Core.Kyc.Verification;
using BackOffice.Core.Staff.Audit;
using BackOffice.Core.Webhooks;
using BackOffice.Infrastructure.Data;
using BackOffice.Web.Endpoints;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// Benchmark 8: card deposit callbacks end to end. Each callback is a Stripe-style signed webhook for a deposit awaiting
/// payment, handled as the POST /webhooks/payments/card endpoint handles it (the channel's kind from CallbackChannels,
/// signature check, parse, RecordPaymentEvent through the pipeline), in process, without HTTP. The client is low risk
/// and the amount within the card channel's automatic approval, so every callback credits the deposit. The same
/// callbacks against a copy of the same database, written by hand with ADO.NET, are the baseline; the two alternate
/// round by round.
/// </summary>
public static class DepositCallbackBenchmark
{
    public const string Channel = "card";
    public const string Secret = "whsec_bench_card_callbacks";

    /// <summary>A deposit awaiting payment, as the provider knows it.</summary>
    public sealed record Target(long DepositId, long ClientId, string Reference, string ProviderOrderId, long AmountMinor, string Payer);

    public static async Task<int> RunAsync(string[] args)
    {
        var ops = Option(args, "--ops", 1000);
        var rounds = Option(args, "--rounds", 5);
        var warmup = Option(args, "--warmup", 1500);
        var deposits = Option(args, "--deposits", 2 * warmup + rounds * ops);
        var breakdown = args.Contains("--breakdown");
        var breakdownOps = breakdown ? Option(args, "--breakdown-ops", 500) : 0;
        var keep = TextOption(args, "--keep");
        Console.WriteLine($"deposit-callbacks benchmark: {deposits:N0} card deposits awaiting payment; {ops} callbacks per round, {rounds} rounds (pipeline and raw " +
            $"alternate), warm-up ≥ {warmup}; {Environment.ProcessorCount} cores, load {F(LoadAverage(), "0.00")}");

        await using var app = await BenchApp.CreateAsync("deposit-callbacks", listen: false,
            settings: new Dictionary<string, string?> { [$"Payments:Channels:{Channel}:WebhookSecret"] = Secret }, databaseOutsideContentRoot: true);
        // The breakdown takes 2 × its count for the EF statements and the timeline, and 2 × for the ladder.
        var targets = await SeedAsync(app, deposits + breakdownOps * 4);

        // The baseline's database: the app's, copied once seeded (same schema, same rows, same indexes, same pragmas).
        var rawFile = Path.Combine(app.Directory, "raw.db");
        using (var connection = ClientBookSeed.Open(app.DatabaseFile))
            ClientBookSeed.Execute(connection, $"PRAGMA wal_checkpoint(TRUNCATE); VACUUM INTO '{rawFile}';");
        // VACUUM INTO writes a rollback-journal file; the journal mode is the file's own, so the copy is put in WAL as the app's is.
        using (var connection = ClientBookSeed.Open(rawFile))
            ClientBookSeed.Execute(connection, "PRAGMA journal_mode = WAL;");
        foreach (var file in new[] { app.DatabaseFile, rawFile })
        {
            using var connection = ClientBookSeed.Open(file);
            using var mode = connection.CreateCommand();
            mode.CommandText = "PRAGMA journal_mode";
            if (!"wal".Equals(mode.ExecuteScalar() as string, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"{file} is not in WAL mode.");
        }
        using var raw = new RawDepositWriter(rawFile, Channel);

        var scopes = app.Scopes;
        var channels = app.App.Services.GetRequiredService<CallbackChannels>();
        var secrets = app.App.Services.GetRequiredService<IPaymentSecrets>();
        var clock = app.App.Services.GetRequiredService<TimeProvider>();
        var next = 0;

        // The endpoint's work for one delivery, from the bytes on: the channel's kind (through the pipeline the first time),
        // the secret, the signature, the parse, then RecordPaymentEvent (tried twice on a version conflict, as the endpoint does).
        async ValueTask PipelineAsync(Target target)
        {
            var (body, header) = Build(target, clock.GetUtcNow().ToUnixTimeSeconds());
            var actor = new Actor(null, $"system:payment-webhook:{Channel}", "127.0.0.1", "Stripe/1.0 (+https://stripe.com/docs/webhooks)", Actor.NewCorrelationId());
            if (await channels.KindOfAsync(Channel, actor, CancellationToken.None) != ChannelKind.Card) throw new InvalidOperationException("No card channel.");
            var secret = secrets.WebhookSecret(Channel) ?? throw new InvalidOperationException("No webhook secret.");
            if (CardWebhook.Verify(body, header, secret, clock.GetUtcNow()) != CardWebhook.Verdict.Valid) throw new InvalidOperationException("Signature refused.");
            var verified = CardWebhook.Parse(body);
            for (var attempt = 1; ; attempt++)
            {
                var result = await scopes.SendAsAsync(new RecordPaymentEvent(Channel, verified), actor);
                if (result.Succeeded)
                {
                    var answer = result.Value!;
                    if (answer.Outcome != CallbackOutcome.Applied || answer.Replay || !answer.Detail.Contains("Credited automatically", StringComparison.Ordinal))
                        throw new InvalidOperationException($"Deposit {target.Reference} was not credited: {answer.Outcome} {answer.Detail}");
                    return;
                }
                if (attempt == 2 || result.Error!.Code != "conflict")
                    throw new InvalidOperationException($"Callback for {target.Reference} refused: {result.Error!.Code} {result.Error.Message}");
            }
        }

        // The same delivery by hand: the same payload, signature check and parse, then one ADO.NET transaction.
        ValueTask RawAsync(Target target)
        {
            var (body, header) = Build(target, clock.GetUtcNow().ToUnixTimeSeconds());
            if (CardWebhook.Verify(body, header, Secret, clock.GetUtcNow()) != CardWebhook.Verdict.Valid) throw new InvalidOperationException("Signature refused.");
            raw.Credit(CardWebhook.Parse(body), "127.0.0.1");
            return ValueTask.CompletedTask;
        }

        // Build and sign alone (included in both sides' figures): what it costs.
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < 2000; i++)
            {
                var (body, header) = Build(targets[i % targets.Count], clock.GetUtcNow().ToUnixTimeSeconds());
                _ = CardWebhook.Verify(body, header, Secret, clock.GetUtcNow());
                _ = CardWebhook.Parse(body);
            }
            Console.WriteLine($"building + signing + verifying + parsing one payload alone: {F(Stopwatch.GetElapsedTime(started).TotalMilliseconds / 2000 * 1000, "0.0")} µs " +
                "(first calls included; in both sides' figures)");
        }

        // Warm-up, as in section 1: until the JIT has settled, keeping enough deposits for the timed rounds.
        var warming = Stopwatch.StartNew();
        var done = 0;
        var reserve = rounds * ops + breakdownOps * 4;
        while (true)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            for (var i = 0; i < 100 && next < targets.Count - reserve; i++, done++)
            {
                var t = targets[next++];
                await PipelineAsync(t);
                await RawAsync(t);
            }
            var fresh = JitInfo.GetCompiledMethodCount() - compiled;
            if ((done >= warmup && warming.Elapsed > TimeSpan.FromSeconds(3) && fresh < 5) || warming.Elapsed > TimeSpan.FromSeconds(90) || next >= targets.Count - reserve)
                break;
        }
        Console.WriteLine($"warm-up: {done} callbacks of each in {F(warming.Elapsed.TotalSeconds, "0.0")} s");

        var pipelineRates = new List<double>();
        var rawRates = new List<double>();
        var ratios = new List<double>();
        var pipelineCpu = new List<double>();
        var rawCpu = new List<double>();
        var pipelineLatency = new List<double>();
        var rawLatency = new List<double>();
        var loadStart = LoadAverage();
        for (var round = 1; round <= rounds; round++)
        {
            var pipelineFirst = round % 2 == 1;
            (double Rate, double CpuMs) p = default, r = default;
            double pipelineKb = 0, rawKb = 0;
            (double PauseMs, double Per1000) pipelineGc = default, rawGc = default;
            var batch = targets.Skip(next).Take(ops).ToList();
            next += ops;
            for (var half = 0; half < 2; half++)
            {
                var i = 0;
                if ((half == 0) == pipelineFirst)
                {
                    p = await MeasureAsync(ops, async () =>
                    {
                        var started = Stopwatch.GetTimestamp();
                        await PipelineAsync(batch[i++]);
                        pipelineLatency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    });
                    (pipelineKb, pipelineGc) = (LastAllocatedKbPerOp, LastCollections);
                }
                else
                {
                    r = await MeasureAsync(ops, async () =>
                    {
                        var started = Stopwatch.GetTimestamp();
                        await RawAsync(batch[i++]);
                        rawLatency.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    });
                    (rawKb, rawGc) = (LastAllocatedKbPerOp, LastCollections);
                }
            }
            pipelineRates.Add(p.Rate);
            rawRates.Add(r.Rate);
            ratios.Add(p.Rate / r.Rate);
            pipelineCpu.Add(p.CpuMs);
            rawCpu.Add(r.CpuMs);
            Console.WriteLine($"round {round}: pipeline {F(p.Rate)} callbacks/s ({F(1000 / p.Rate, "0.000")} ms, cpu {F(p.CpuMs, "0.000")} ms), " +
                $"raw {F(r.Rate)} callbacks/s ({F(1000 / r.Rate, "0.000")} ms, cpu {F(r.CpuMs, "0.000")} ms), allocated {F(pipelineKb)} / {F(rawKb)} KB, GC pauses {F(pipelineGc.PauseMs, "0.000")} / {F(rawGc.PauseMs, "0.000")} ms ({F(pipelineGc.Per1000, "0.#")} / {F(rawGc.Per1000, "0.#")} gen0 per 1,000), ratio {F(p.Rate / r.Rate * 100, "0.0")} %, load {F(LoadAverage(), "0.00")}");
        }
        var pm = Median(pipelineRates);
        var rm = Median(rawRates);
        Console.WriteLine();
        Console.WriteLine($"load average {F(loadStart, "0.00")} at the first round, {F(LoadAverage(), "0.00")} after the last");
        Console.WriteLine("| side | callbacks/s (median of rounds) | CPU ms per callback | p50 | p95 | p99 | max |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| pipeline | {F(pm)} | {F(Median(pipelineCpu), "0.000")} | {F(Percentile(pipelineLatency, 50), "0.00")} ms | {F(Percentile(pipelineLatency, 95), "0.00")} ms | " +
            $"{F(Percentile(pipelineLatency, 99), "0.00")} ms | {F(pipelineLatency.Max(), "0.00")} ms |");
        Console.WriteLine($"| raw ADO.NET | {F(rm)} | {F(Median(rawCpu), "0.000")} | {F(Percentile(rawLatency, 50), "0.00")} ms | {F(Percentile(rawLatency, 95), "0.00")} ms | " +
            $"{F(Percentile(rawLatency, 99), "0.00")} ms | {F(rawLatency.Max(), "0.00")} ms |");
        Console.WriteLine($"pipeline / raw: {F(pm / rm * 100, "0.0")} % (ratio of medians), {F(Median(ratios) * 100, "0.0")} % (median of round ratios); target ≥ 40 %");

        if (breakdown)
        {
            await BreakdownAsync(app, targets.Skip(next).Take(breakdownOps * 2).ToList(), PipelineAsync, RawAsync, raw);
            next += breakdownOps * 2;
        }

        Console.WriteLine();
        Compare(app.DatabaseFile, rawFile);
        await VerifyAsync(app, rawFile);
        if (keep is not null)
            foreach (var (file, suffix) in new[] { (app.DatabaseFile, "pipeline"), (rawFile, "raw") })
            {
                var copy = $"{keep}-{suffix}.db";
                File.Delete(copy);
                using var connection = ClientBookSeed.Open(file);
                ClientBookSeed.Execute(connection, $"VACUUM INTO '{copy}'");
                Console.WriteLine($"kept {copy}");
            }

        // After the comparison: the ladder writes rows of its own (bench postings, extra activity events).
        if (breakdown)
            await LadderAsync(app, targets.Skip(next).Take(breakdownOps * 2).ToList(), targets, PipelineAsync, RawAsync);
        return 0;
    }

    /// <summary>A payment_intent.succeeded event as the card processor sends it (the sandbox's shape), and its signature header.</summary>
    public static (byte[] Body, string Header) Build(Target target, long now)
    {
        var intent = new JsonObject
        {
            ["id"] = target.ProviderOrderId,
            ["object"] = "payment_intent",
            ["amount"] = target.AmountMinor,
            ["amount_received"] = target.AmountMinor,
            ["currency"] = "usd",
            ["status"] = "succeeded",
            ["metadata"] = new JsonObject { ["deposit_ref"] = target.Reference },
            ["charges"] = new JsonObject
            {
                ["data"] = new JsonArray(new JsonObject
                {
                    ["billing_details"] = new JsonObject { ["name"] = target.Payer },
                    ["payment_method_details"] = new JsonObject
                    {
                        ["card"] = new JsonObject { ["brand"] = "visa", ["last4"] = "4242", ["fingerprint"] = "fp_" + Fingerprint(target.Payer + target.DepositId) },
                    },
                }),
            },
        };
        var body = new JsonObject
        {
            ["id"] = "evt_bench_" + target.DepositId.ToString(CultureInfo.InvariantCulture),
            ["object"] = "event",
            ["type"] = "payment_intent.succeeded",
            ["created"] = now,
            ["data"] = new JsonObject { ["object"] = intent },
        };
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        return (bytes, CardWebhook.Sign(bytes, now, Secret));
    }

    private static string Fingerprint(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];

    /// <summary>
    /// One low-risk client per deposit (so each callback is that client's first card payment: the card becomes a payout
    /// destination, and no monitoring rule fires), and the deposits started through the real StartDeposit as finance.
    /// </summary>
    private static async Task<List<Target>> SeedAsync(BenchApp app, int count)
    {
        var started = Stopwatch.StartNew();
        var admin = await app.StaffAsync("admin");
        // Exactly one active subscriber, as in section 1: each published event makes one outbox row.
        PipelineBenchmark.Check(await app.Scopes.SendAsAsync(new AddWebhookSubscription("Bench receiver", "https://hooks.example.test/bench", "*"), BenchApp.As(admin)));
        var clients = FundsSeed.LowRiskClients(app.DatabaseFile, count);
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"seeded {clients.Count:N0} low-risk approved clients with a live USD account ({F(started.Elapsed.TotalSeconds, "0.0")} s)");

        var finance = await app.StaffAsync("finance");
        var random = new Random(2026);
        var ids = new List<(long Id, long ClientId, string Name)>(count);
        foreach (var (clientId, accountId, _, name) in clients)
        {
            // 10.00–4,999.99 USD: within the card channel's limits and its automatic approval (5,000).
            var amount = random.Next(1_000, 500_000) / 100m;
            var result = await app.Scopes.SendAsAsync(new StartDeposit(accountId, Channel, amount, "USD"), BenchApp.As(finance));
            PipelineBenchmark.Check(result);
            ids.Add((result.Value!.DepositId, clientId, name));
        }
        var byId = ids.ToDictionary(x => x.Id);
        var targets = new List<Target>(count);
        using (var connection = ClientBookSeed.Open(app.DatabaseFile))
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Id, Reference, ProviderOrderId, AmountMinor FROM Deposits WHERE Status = 'AwaitingPayment' ORDER BY Id";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var (id, clientId, name) = byId[reader.GetInt64(0)];
                targets.Add(new Target(id, clientId, reader.GetString(1), reader.GetString(2), reader.GetInt64(3), name));
            }
        }
        if (targets.Count != count) throw new InvalidOperationException($"{targets.Count} deposits awaiting payment, expected {count}.");
        Console.WriteLine($"started {count:N0} card deposits through StartDeposit as finance ({F(started.Elapsed.TotalSeconds, "0.0")} s in all)");
        return targets;
    }

    /// <summary>Both databases must hold the same rows after the run: the comparison is only fair if they do.</summary>
    private static void Compare(string appFile, string rawFile)
    {
        var checks = new (string Name, string Sql)[]
        {
            ("deposits credited", "SELECT COUNT(*) FROM Deposits WHERE Status = 'Credited'"),
            ("deposits awaiting payment", "SELECT COUNT(*) FROM Deposits WHERE Status = 'AwaitingPayment'"),
            ("ledger transactions", "SELECT COUNT(*) FROM LedgerTransactions"),
            ("ledger entries", "SELECT COUNT(*) FROM LedgerEntries"),
            ("ledger accounts", "SELECT COUNT(*) FROM LedgerAccounts"),
            ("sum of client balances", "SELECT SUM(BalanceMinor) FROM LedgerAccounts WHERE Code LIKE 'client:%'"),
            ("clearing:card balance", "SELECT COALESCE(SUM(BalanceMinor), 0) FROM LedgerAccounts WHERE Code = 'clearing:card'"),
            ("platform balance operations", "SELECT COUNT(*) FROM PlatformBalanceOperations"),
            ("payout destinations", "SELECT COUNT(*) FROM PayoutDestinations"),
            ("activity events", "SELECT COUNT(*) FROM ActivityEvents"),
            ("AML alerts", "SELECT COUNT(*) FROM AmlAlerts"),
            ("operational alerts", "SELECT COUNT(*) FROM Alerts"),
            ("payment callbacks (applied)", "SELECT COUNT(*) FROM PaymentCallbacks WHERE Outcome = 'Applied'"),
            ("outbox rows", "SELECT COUNT(*) FROM Outbox"),
            ("audit entries", "SELECT COUNT(*) FROM AuditEntries"),
            ("audit entries for callbacks", "SELECT COUNT(*) FROM AuditEntries WHERE Action = 'RecordPaymentEvent'"),
            ("audit After, mean characters", "SELECT CAST(AVG(LENGTH(After)) AS INTEGER) FROM AuditEntries WHERE Action = 'RecordPaymentEvent'"),
            ("audit Before, mean characters", "SELECT CAST(AVG(LENGTH(Before)) AS INTEGER) FROM AuditEntries WHERE Action = 'RecordPaymentEvent'"),
        };
        using var a = ClientBookSeed.Open(appFile);
        using var r = ClientBookSeed.Open(rawFile);
        Console.WriteLine("| after the run | pipeline database | raw database |");
        Console.WriteLine("| --- | ---: | ---: |");
        var differ = new List<string>();
        foreach (var (name, sql) in checks)
        {
            var (x, y) = (ClientBookSeed.Scalar(a, sql), ClientBookSeed.Scalar(r, sql));
            Console.WriteLine($"| {name} | {x:N0} | {y:N0} |");
            if (x != y && !name.Contains("mean characters", StringComparison.Ordinal)) differ.Add(name);
        }
        if (differ.Count > 0) throw new InvalidOperationException("The two databases differ: " + string.Join(", ", differ));
    }

    /// <summary>The ledger balances against its entries on both sides, and both audit chains verify with the product's own check.</summary>
    private static async Task VerifyAsync(BenchApp app, string rawFile)
    {
        foreach (var (name, file) in new[] { ("pipeline", app.DatabaseFile), ("raw", rawFile) })
        {
            var options = new DbContextOptionsBuilder<SqliteBackOfficeDb>().UseSqlite($"Data Source={file}").Options;
            await using var db = new SqliteBackOfficeDb(options);
            var mismatches = await Core.Funds.Ledger.LedgerBook.MismatchesAsync(db, CancellationToken.None);
            var chain = await new VerifyAuditChainHandler(db).Handle(new VerifyAuditChain(), CancellationToken.None);
            Console.WriteLine($"{name}: ledger {(mismatches.Count == 0 ? "balances" : $"{mismatches.Count} accounts off")}; audit chain: {chain.Message}");
            if (mismatches.Count > 0 || !chain.Intact) throw new InvalidOperationException($"The {name} database is not consistent.");
        }
    }

    /// <summary>
    /// Where a pipeline callback's time goes: the channel list query alone, a raw callback with its COMMIT, the SQL
    /// statements EF Core sends for one pipeline callback, and a timeline of EF Core's events within one. Both sides
    /// credit the same deposits, so the two databases stay alike.
    /// </summary>
    private static async Task BreakdownAsync(BenchApp app, List<Target> targets, Func<Target, ValueTask> pipeline, Func<Target, ValueTask> raw, RawDepositWriter writer)
    {
        var half = targets.Count / 2;
        var actor = new Actor(null, $"system:payment-webhook:{Channel}", "127.0.0.1", null, Actor.NewCorrelationId());
        var scopes = app.Scopes;
        Console.WriteLine();
        Console.WriteLine($"breakdown: {half} callbacks per step, load {F(LoadAverage(), "0.00")}");

        var channelsOnly = await MeasureAsync(half, async () => _ = await scopes.QueryAsAsync(new PaymentChannels(), actor));
        Console.WriteLine($"  the channel list alone (QueryAsAsync(PaymentChannels); the endpoint sends it until it knows the channel): {F(1000 / channelsOnly.Rate, "0.000")} ms");

        var i = 0;
        var commitBefore = writer.CommitMs;
        var rawRun = await MeasureAsync(targets.Count, () => raw(targets[i++]));
        Console.WriteLine($"  raw callback: {F(1000 / rawRun.Rate, "0.000")} ms, of which COMMIT {F((writer.CommitMs - commitBefore) / targets.Count, "0.000")} ms");

        i = 0;
        using (var meter = new PipelineBreakdown.EfCommandMeter())
        {
            var started = Stopwatch.GetTimestamp();
            for (var n = 0; n < half; n++)
                await pipeline(targets[i++]);
            var total = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            Console.WriteLine($"  pipeline callback with EF command events on: {F(total / half, "0.000")} ms, of which {F(meter.TotalMs / half, "0.000")} ms in " +
                $"{F((double)meter.Count / half, "0.0")} SQL commands:");
            foreach (var (sql, (count, ms)) in meter.ByStatement.OrderByDescending(s => s.Value.Ms))
                Console.WriteLine($"    {F((double)count / half, "0.00")}/callback  {F(ms / half, "0.000")} ms  {sql}");
        }
        await PipelineBreakdown.TimelineAsync(("8 pipeline callback", () => pipeline(targets[i++])), targets.Count - half);
    }

    /// <summary>
    /// A ladder of the parts of a callback, each alone in its own DI scope, EF Core transaction and commit, beside the
    /// raw callback and the full one: what the monitoring record costs, what a ledger posting costs, what the channel list
    /// query costs, and what an EF Core command that writes nothing costs. Median of 3 rounds.
    /// </summary>
    private static async Task LadderAsync(BenchApp app, List<Target> fresh, List<Target> all, Func<Target, ValueTask> pipeline, Func<Target, ValueTask> raw)
    {
        var k = fresh.Count / 2;
        var scopes = app.Scopes;
        var actor = new Actor(null, $"system:payment-webhook:{Channel}", "127.0.0.1", null, Actor.NewCorrelationId());
        var n = 0;
        var usedClient = 0;
        var options = app.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Core.Funds.FundsOptions>>().Value;
        // The part alone, without its scope, transaction and commit: summed per round.
        var inner = 0.0;
        var steps = new (string Name, Func<int, ValueTask> Op)[]
        {
            ("raw ADO.NET callback (section 8's baseline)", i => raw(fresh[i])),
            ("EF Core: DI scope, context, transaction, SaveChanges of nothing, commit", async _ =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<Core.Common.Data.BackOfficeDb>();
                await using var tx = await db.Database.BeginTransactionAsync();
                await db.SaveChangesAsync();
                await tx.CommitAsync();
            }),
            ("the channel list (QueryAsAsync(PaymentChannels), system actor; the endpoint's until it knows the channel)", async _ => await scopes.QueryAsAsync(new PaymentChannels(), actor)),
            ("LedgerBook.PostAsync of a two-line posting, alone in its EF transaction", async _ =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<Core.Common.Data.BackOfficeDb>();
                await using var tx = await db.Database.BeginTransactionAsync();
                var amount = new Money(100 + n % 1000, "USD");
                var posting = Core.Funds.Ledger.LedgerPosting.Create("bench", $"B-{++n}",
                    [new Core.Funds.Ledger.PostingLine("clearing:bench", -amount, "bench"), new Core.Funds.Ledger.PostingLine("bench:client", amount, "bench")]).Value!;
                var started = Stopwatch.GetTimestamp();
                await Core.Funds.Ledger.LedgerBook.PostAsync(db, posting, "bench", DateTime.UtcNow, CancellationToken.None);
                inner += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                await tx.CommitAsync();
            }),
            ("MonitoringEvents.RecordAsync of a card deposit (client's second), alone in its EF transaction", async _ =>
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<Core.Common.Data.BackOfficeDb>();
                var effects = scope.ServiceProvider.GetRequiredService<Effects>();
                await using var tx = await db.Database.BeginTransactionAsync();
                var target = all[usedClient++];
                var now = DateTime.UtcNow;
                var paid = new Money(target.AmountMinor, "USD");
                var started = Stopwatch.GetTimestamp();
                var recorded = await Core.Kyc.Monitoring.MonitoringEvents.RecordAsync(db, effects,
                    new Core.Kyc.Monitoring.MonitoringEvent(0, target.ClientId, Core.Kyc.Monitoring.MonitoringEventKind.Deposit, now)
                    {
                        AmountMinor = paid.Minor, Currency = paid.Currency, AmountUsd = options.UsdValue(paid),
                        Method = new Core.Kyc.Monitoring.PaymentMethod(Core.Kyc.Monitoring.PaymentMethodKind.Card, "fp_" + Fingerprint(target.Payer + target.DepositId), target.Payer),
                    }, now, CancellationToken.None);
                // The event's row is written with the command's other rows (here none): its save is timed with it.
                await db.SaveChangesAsync();
                inner += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (recorded.Alerts.Count > 0) throw new InvalidOperationException("A monitoring rule fired in the ladder.");
                await tx.CommitAsync();
            }),
            ("full pipeline callback (section 8)", i => pipeline(fresh[k + i])),
        };
        var ms = steps.ToDictionary(s => s.Name, _ => new List<double>());
        var cpu = steps.ToDictionary(s => s.Name, _ => new List<double>());
        var parts = steps.ToDictionary(s => s.Name, _ => new List<double>());
        Console.WriteLine();
        Console.WriteLine($"ladder: {k / 3} operations per step and round, 3 rounds, load {F(LoadAverage(), "0.00")}");
        for (var round = 0; round < 3; round++)
            foreach (var (name, op) in steps)
            {
                var offset = round * (k / 3);
                var i = 0;
                inner = 0;
                var m = await MeasureAsync(k / 3, () => op(offset + i++));
                ms[name].Add(1000 / m.Rate);
                cpu[name].Add(m.CpuMs);
                parts[name].Add(inner / (k / 3));
            }
        Console.WriteLine("| step | ms per operation (wall) | CPU ms | the part alone, inside its transaction (ms) |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var (name, _) in steps)
            Console.WriteLine($"| {name} | {F(Median(ms[name]), "0.000")} | {F(Median(cpu[name]), "0.000")} | " +
                $"{(Median(parts[name]) > 0 ? F(Median(parts[name]), "0.000") : "")} |");
        Console.WriteLine($"load after the ladder {F(LoadAverage(), "0.00")}");
    }
}
