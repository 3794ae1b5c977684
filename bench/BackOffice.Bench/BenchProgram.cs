namespace BackOffice.Bench;

/// <summary>
/// dotnet run -c Release --project bench/BackOffice.Bench --artifacts-path /tmp/bench-build -- pipeline|breakdown|push|floor|clients|screening|screening-quality|kyc-queue|withdrawals|deposit-callbacks|statement|commissions|reports|export [options]
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "pipeline":
                return await PipelineBenchmark.RunAsync(args[1..]);
            case "breakdown":
                return await PipelineBreakdown.RunAsync(args[1..]);
            case "push":
                return await PushBenchmark.RunAsync(args[1..]);
            case "floor":
                return await PushBenchmark.RunFloorAsync(args[1..]);
            case "clients":
                return await ClientsBenchmark.RunAsync(args[1..]);
            case "screening":
                return await ScreeningMatchBenchmark.RunAsync(args[1..]);
            case "screening-quality":
                return await ScreeningQualityBenchmark.RunAsync(args[1..]);
            case "kyc-queue":
                return await ReviewQueueBenchmark.RunAsync(args[1..]);
            case "statement":
                return await StatementBenchmark.RunAsync(args[1..]);
            case "deposit-callbacks":
                return await DepositCallbackBenchmark.RunAsync(args[1..]);
            case "export":
                return await ExportBenchmark.RunAsync(args[1..]);
            case "reports":
                return await ReportsBenchmark.RunAsync(args[1..]);
            case "commissions":
                return await CommissionsBenchmark.RunAsync(args[1..]);
            case "withdrawals":
                return await WithdrawalQueueBenchmark.RunAsync(args[1..]);
            default:
                Console.Error.WriteLine("""
                    usage: BackOffice.Bench pipeline  [--ops 2000] [--rounds 5] [--warmup 1500]
                           BackOffice.Bench breakdown [--ops 1000]
                           BackOffice.Bench push      [--clients 100] [--commits 50] [--gap-ms 300] [--steady]
                           BackOffice.Bench floor     [--clients 200] [--commits 50] [--gap-ms 300] [--steady] [--demo-clients 0]
                           BackOffice.Bench clients   [--clients 1000000] [--keep /tmp/bench-clients.db] [--iterations 200] [--warmup 20]
                                                      [--bulk 10000] [--bulk-runs 3] [--only TEXT] [--plans]
                           BackOffice.Bench screening [--clients 1000000] [--entries 20000] [--changed 100] [--threads 2] [--sample 2000]
                                                      [--planted 2000] [--pairs BackOffice.Tests/Kyc/Screening/name-pairs.tsv]
                           BackOffice.Bench screening-quality [path/to/name-pairs.tsv]   (default: BackOffice.Tests/Kyc/Screening/name-pairs.tsv)
                           BackOffice.Bench kyc-queue [--clients 1000000] [--keep /tmp/bench-kyc.db] [--iterations 200] [--warmup 20]
                                                      [--only TEXT] [--plans]   (PostgreSQL too when BACKOFFICE_BENCH_POSTGRES is set)
                           BackOffice.Bench withdrawals [--clients 100000] [--entries 10000000] [--withdrawals 40000] [--keep /tmp/bench-withdrawals.db]
                                                      [--iterations 200] [--warmup 20]
                           BackOffice.Bench deposit-callbacks [--ops 1000] [--rounds 5] [--warmup 1500] [--deposits N] [--breakdown] [--breakdown-ops 500]
                                                      [--keep /tmp/prefix]   (keeps both databases as prefix-pipeline.db and prefix-raw.db)
                           BackOffice.Bench commissions [--deals 10000000] [--ibs 2000] [--clients 50000] [--rules perlot|all] [--keep /tmp/bench-commissions.db [--rerun-only]]
                           BackOffice.Bench statement [--deposits 100000] [--clients 20000] [--days 30] [--runs 3] [--phases]
                                                      (PostgreSQL too when BACKOFFICE_BENCH_POSTGRES is set)
                           BackOffice.Bench reports   [--keep /tmp/reports-book.db] [--iterations 5] [--timeout 60] [--only SLUG] [--filters NAME,…]
                                                      [--ranges 1,30,366] [--no-facts | --facts-days N] [--statements]
                           BackOffice.Bench export    [--rows 1000000] [--rounds 3]
                    """);
                return 2;
        }
    }
}
