using System.Diagnostics;
using System.Runtime;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using BackOffice.Core.Operations.Alerts;
using BackOffice.Core.Webhooks;
using BackOffice.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// Benchmark 1: audited commands per second through the whole pipeline (logging → validation →
/// permission → four-eyes → notification → transaction + audit hash chain + outbox), against the
/// same rows written with raw ADO.NET, sequentially, same run, same machine.
/// </summary>
public static class PipelineBenchmark
{
    public sealed record Scenario(string Name, string Rows, Func<int, ValueTask> Pipeline, Action<int> Raw);

    public static async Task<int> RunAsync(string[] args)
    {
        var ops = Option(args, "--ops", 2000);
        var rounds = Option(args, "--rounds", 5);
        var warmup = Option(args, "--warmup", 1500);
        Console.WriteLine($"pipeline benchmark: {ops} sequential operations per round, {rounds} rounds (pipeline and raw alternate), {warmup} warm-up; {Environment.ProcessorCount} cores");

        var results = new List<(Scenario Scenario, double Pipeline, double Raw)>();
        foreach (var (app, raw, scenario) in await ScenariosAsync())
        {
            await using (app)
            using (raw)
                results.Add(await MeasureScenarioAsync(scenario, ops, rounds, warmup));
        }

        Console.WriteLine();
        Console.WriteLine("| command | rows per operation | pipeline ops/s | raw ADO.NET ops/s | pipeline / raw |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var (scenario, pipeline, raw) in results)
            Console.WriteLine($"| {scenario.Name} | {scenario.Rows} | {F(pipeline)} | {F(raw)} | {F(pipeline / raw * 100, "0.0")} % |");
        return 0;
    }

    private static async Task<(Scenario, double, double)> MeasureScenarioAsync(Scenario scenario, int ops, int rounds, int warmup)
    {
        Console.WriteLine();
        Console.WriteLine($"== {scenario.Name}");
        var n = 0;
        // Warm up until the JIT has settled (tiered compilation keeps recompiling hot EF Core
        // code for seconds): at least `warmup` operations and 3 s, then until a batch of 200
        // compiles (almost) no new method.
        var warming = Stopwatch.StartNew();
        var done = 0;
        while (true)
        {
            var compiled = JitInfo.GetCompiledMethodCount();
            for (var i = 0; i < 200; i++, done++)
            {
                await scenario.Pipeline(++n);
                scenario.Raw(n);
            }
            var fresh = JitInfo.GetCompiledMethodCount() - compiled;
            if ((done >= warmup && warming.Elapsed > TimeSpan.FromSeconds(3) && fresh < 5) || warming.Elapsed > TimeSpan.FromSeconds(60))
                break;
        }
        Console.WriteLine($"warm-up: {done} operations of each in {F(warming.Elapsed.TotalSeconds, "0.0")} s");
        var pipelineRates = new List<double>();
        var rawRates = new List<double>();
        var ratios = new List<double>();
        var pipelineCpu = new List<double>();
        var rawCpu = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            // Alternate which goes first so a slow patch of the machine hits both alike.
            var pipelineFirst = round % 2 == 1;
            (double Rate, double CpuMs) pipeline = default, raw = default;
            for (var half = 0; half < 2; half++)
            {
                if ((half == 0) == pipelineFirst)
                    pipeline = await MeasureAsync(ops, () => scenario.Pipeline(++n));
                else
                    raw = await MeasureAsync(ops, () => { scenario.Raw(++n); return ValueTask.CompletedTask; });
            }
            pipelineRates.Add(pipeline.Rate);
            rawRates.Add(raw.Rate);
            ratios.Add(pipeline.Rate / raw.Rate);
            pipelineCpu.Add(pipeline.CpuMs);
            rawCpu.Add(raw.CpuMs);
            Console.WriteLine($"round {round}: pipeline {F(pipeline.Rate)} ops/s ({F(1000 / pipeline.Rate, "0.000")} ms/op, cpu {F(pipeline.CpuMs, "0.000")} ms/op), " +
                $"raw {F(raw.Rate)} ops/s ({F(1000 / raw.Rate, "0.000")} ms/op, cpu {F(raw.CpuMs, "0.000")} ms/op), ratio {F(pipeline.Rate / raw.Rate * 100, "0.0")} %");
        }
        var p = Median(pipelineRates);
        var r = Median(rawRates);
        Console.WriteLine($"median: pipeline {F(p)} ops/s, raw {F(r)} ops/s, ratio of medians {F(p / r * 100, "0.0")} %, median of round ratios {F(Median(ratios) * 100, "0.0")} %; " +
            $"cpu per op: pipeline {F(Median(pipelineCpu), "0.000")} ms, raw {F(Median(rawCpu), "0.000")} ms");
        return (scenario, p, r);
    }

    private static async Task<List<(BenchApp, RawWriter, Scenario)>> ScenariosAsync()
    {
        var list = new List<(BenchApp, RawWriter, Scenario)>();

        // RaiseAlert: a system command (no permission query) writing alert + outbox row + audit entry.
        // Exactly one active subscriber, so alert.raised makes exactly one outbox row.
        {
            var app = await BenchApp.CreateAsync("pipeline-alert", listen: false);
            var admin = await app.StaffAsync("admin");
            var subscription = await app.Scopes.SendAsAsync(
                new AddWebhookSubscription("Bench receiver", "https://hooks.example.test/bench", "*"), BenchApp.As(admin));
            Check(subscription);
            var raw = await RawAsync(app);
            raw.AddSubscription(0, admin.Id, admin.DisplayName);
            var subscriptionId = subscription.Value!.Id;
            list.Add((app, raw, new Scenario(
                "RaiseAlert (system actor)", "alert + outbox + audit",
                async n => Check(await app.Scopes.SendAsAsync(
                    new RaiseAlert("bench.load", AlertSeverity.Warning, $"Benchmark alert #{n}", "Bench", n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    Actor.System("bench"))),
                n => raw.RaiseAlert(n, subscriptionId))));
        }

        // AddWebhookSubscription as the demo administrator: a staff command, so the permission
        // behaviour reads the role → permission matrix. It publishes no event: no outbox row.
        {
            var app = await BenchApp.CreateAsync("pipeline-webhook", listen: false);
            var admin = await app.StaffAsync("admin");
            var raw = await RawAsync(app);
            list.Add((app, raw, new Scenario(
                "AddWebhookSubscription (staff actor: admin)", "subscription + audit",
                async n => Check(await app.Scopes.SendAsAsync(
                    new AddWebhookSubscription($"Bench receiver {n}", $"https://hooks.example.test/{n}", "*"), BenchApp.As(admin))),
                n => raw.AddSubscription(n, admin.Id, admin.DisplayName))));
        }
        return list;
    }

    /// <summary>A second database file beside the app's, created by the app's own migrations.</summary>
    private static async Task<RawWriter> RawAsync(BenchApp app)
    {
        var file = Path.Combine(app.Directory, "raw.db");
        var options = new DbContextOptionsBuilder<SqliteBackOfficeDb>().UseSqlite($"Data Source={file}").Options;
        await using (var db = new SqliteBackOfficeDb(options))
            await DatabaseRegistration.MigrateAsync(db);
        return new RawWriter(file);
    }

    public static void Check(Result result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"The command was refused: {result.Error!.Code} {result.Error.Message}");
    }
}
