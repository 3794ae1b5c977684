using BackOffice.Core.Kyc.Screening.Matching;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// The sanctions name matcher's quality on the labelled name pairs the tests use
/// (BackOffice.Tests/Kyc/Screening/name-pairs.tsv: query, list name, 1 for the same person or 0,
/// category). Scores every pair with <see cref="NameMatcher.CompareNames"/> and counts a hit at or
/// above the threshold, exactly as MatchingQualityTests does; prints precision, recall, the
/// confusion counts, the set's composition and the result per category, precision and recall at
/// thresholds around the default, the exact-name baseline, and every misclassified pair.
/// </summary>
public static class ScreeningQualityBenchmark
{
    private sealed record Pair(string Query, string ListName, bool SamePerson, string Category, double Score);

    private static readonly double[] Sweep = [0.75, 0.78, 0.80, 0.82, 0.84, 0.85, 0.86, 0.88, 0.90, 0.92, 0.95];

    public static Task<int> RunAsync(string[] args)
    {
        var path = TextOption(args, "--pairs") ?? args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? DefaultPath();
        if (path is null || !File.Exists(path))
        {
            Console.Error.WriteLine($"labelled pairs not found ({path ?? "BackOffice.Tests/Kyc/Screening/name-pairs.tsv"}): run from the repository root or pass the path");
            return Task.FromResult(2);
        }
        var threshold = NameMatcher.DefaultThreshold;
        var matcher = new NameMatcher(threshold);
        // Read as MatchingQualityTests reads it: a header line, then query, list name, expected, category.
        var pairs = File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(c => new Pair(c[0], c[1], c[2] == "1", c.Length > 3 ? c[3] : "", matcher.CompareNames(c[0], c[1])))
            .ToList();

        Console.WriteLine($"screening quality: {pairs.Count} labelled pairs from {Path.GetFullPath(path)}: {pairs.Count(p => p.SamePerson)} same person, " +
            $"{pairs.Count(p => !p.SamePerson)} different people; threshold {F(threshold, "0.00")} (NameMatcher.DefaultThreshold), " +
            $"name score alone (CompareNames), load {F(LoadAverage(), "0.00")}");
        Console.WriteLine();

        var (tp, fp, fn, tn) = Confusion(pairs, p => p.Score >= threshold);
        Console.WriteLine($"fuzzy matcher at {F(threshold, "0.00")}: precision {F(Ratio(tp, tp + fp), "0.000")}, recall {F(Ratio(tp, tp + fn), "0.000")}");
        Console.WriteLine();
        Console.WriteLine("| | labelled same person | labelled different people |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine($"| hit (score ≥ {F(threshold, "0.00")}) | {tp} (true positive) | {fp} (false positive) |");
        Console.WriteLine($"| no hit | {fn} (false negative) | {tn} (true negative) |");

        Console.WriteLine();
        Console.WriteLine("composition and result per category:");
        Console.WriteLine();
        Console.WriteLine("| category | label | pairs | hits | classified right | lowest score | highest score |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in pairs.GroupBy(p => (p.Category, p.SamePerson)).OrderByDescending(g => g.Key.SamePerson).ThenByDescending(g => g.Count()))
        {
            var hits = group.Count(p => p.Score >= threshold);
            var right = group.Key.SamePerson ? hits : group.Count() - hits;
            Console.WriteLine($"| {group.Key.Category} | {(group.Key.SamePerson ? "same" : "different")} | {group.Count()} | {hits} | {right} | " +
                $"{F(group.Min(p => p.Score), "0.000")} | {F(group.Max(p => p.Score), "0.000")} |");
        }

        Console.WriteLine();
        Console.WriteLine("threshold sweep (name score alone):");
        Console.WriteLine();
        Console.WriteLine("| threshold | precision | recall | TP | FP | FN | TN |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var t in Sweep.Append(threshold).Distinct().Order())
        {
            var (a, b, c, d) = Confusion(pairs, p => p.Score >= t);
            Console.WriteLine($"| {F(t, "0.00")}{(t == threshold ? " (default)" : "")} | {F(Ratio(a, a + b), "0.000")} | {F(Ratio(a, a + c), "0.000")} | {a} | {b} | {c} | {d} |");
        }

        var (etp, efp, efn, etn) = Confusion(pairs, p => NameNormaliser.Normalise(p.Query) == NameNormaliser.Normalise(p.ListName));
        Console.WriteLine();
        Console.WriteLine($"exact baseline (normalised names equal, as ExactNameIndex): precision {F(Ratio(etp, etp + efp), "0.000")}, " +
            $"recall {F(Ratio(etp, etp + efn), "0.000")} (TP {etp}, FP {efp}, FN {efn}, TN {etn})");

        Console.WriteLine();
        var wrong = pairs.Where(p => (p.Score >= threshold) != p.SamePerson).OrderByDescending(p => p.SamePerson).ThenBy(p => p.Score).ToList();
        Console.WriteLine($"misclassified at {F(threshold, "0.00")}: {wrong.Count}");
        foreach (var p in wrong)
            Console.WriteLine($"  {(p.SamePerson ? "missed    " : "false hit ")} {F(p.Score, "0.000")}  {p.Query} ~ {p.ListName}  [{p.Category}]");

        Console.WriteLine();
        Console.WriteLine("closest to the threshold on either side (±0.05):");
        foreach (var p in pairs.Where(p => Math.Abs(p.Score - threshold) <= 0.05).OrderBy(p => p.Score))
            Console.WriteLine($"  {(p.SamePerson ? "same     " : "different")} {F(p.Score, "0.000")}  {p.Query} ~ {p.ListName}  [{p.Category}]");
        return Task.FromResult(0);
    }

    private static (int Tp, int Fp, int Fn, int Tn) Confusion(List<Pair> pairs, Func<Pair, bool> hit) =>
        (pairs.Count(p => hit(p) && p.SamePerson), pairs.Count(p => hit(p) && !p.SamePerson),
         pairs.Count(p => !hit(p) && p.SamePerson), pairs.Count(p => !hit(p) && !p.SamePerson));

    private static double Ratio(int a, int b) => b == 0 ? double.NaN : (double)a / b;

    /// <summary>The tests' file, looked for from the working directory upwards (dotnet run starts in the project's folder, two levels below the root).</summary>
    internal static string? DefaultPath()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "BackOffice.Tests", "Kyc", "Screening", "name-pairs.tsv");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }
}
