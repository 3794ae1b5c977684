namespace BackOffice.Bench;

/// <summary>
/// dotnet run -c Release --project bench/BackOffice.Bench --artifacts-path /tmp/bench-build -- pipeline|breakdown|push [options]
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
            default:
                Console.Error.WriteLine("""
                    usage: BackOffice.Bench pipeline  [--ops 2000] [--rounds 5] [--warmup 1500]
                           BackOffice.Bench breakdown [--ops 1000]
                           BackOffice.Bench push      [--clients 100] [--commits 50] [--gap-ms 300] [--steady]
                    """);
                return 2;
        }
    }
}
