using BackOffice.Core.Kyc.Screening.Matching;

namespace BackOffice.Tests.Kyc.Screening;

/// <summary>
/// The matcher against the labelled name pairs in name-pairs.tsv (invented names: variants of
/// one person, and different people whose names look alike), at the default threshold.
/// </summary>
public sealed class MatchingQualityTests
{
    public sealed record LabelledPair(string Query, string ListName, bool SamePerson, string Category);

    public static IReadOnlyList<LabelledPair> Pairs() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Kyc", "Screening", "name-pairs.tsv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(c => new LabelledPair(c[0], c[1], c[2] == "1", c[3]))
            .ToList();

    [Fact]
    public void The_labelled_set_has_at_least_200_pairs_of_both_kinds()
    {
        var pairs = Pairs();

        Assert.True(pairs.Count >= 200, $"{pairs.Count} pairs");
        Assert.True(pairs.Count(p => p.SamePerson) >= 100);
        Assert.True(pairs.Count(p => !p.SamePerson) >= 80);
    }

    [Fact]
    public void Recall_is_at_least_98_percent_and_precision_at_least_90_percent()
    {
        var matcher = new NameMatcher();
        var scored = Pairs().Select(p => (Pair: p, Hit: matcher.CompareNames(p.Query, p.ListName) >= matcher.Threshold)).ToList();

        var truePositives = scored.Count(s => s.Hit && s.Pair.SamePerson);
        var falsePositives = scored.Where(s => s.Hit && !s.Pair.SamePerson).Select(s => s.Pair).ToList();
        var misses = scored.Where(s => !s.Hit && s.Pair.SamePerson).Select(s => s.Pair).ToList();
        var precision = (double)truePositives / (truePositives + falsePositives.Count);
        var recall = (double)truePositives / (truePositives + misses.Count);

        var report = $"precision {precision:0.000}, recall {recall:0.000}; missed: {string.Join("; ", misses.Select(m => $"{m.Query} ~ {m.ListName}"))}; " +
            $"false hits: {string.Join("; ", falsePositives.Select(m => $"{m.Query} ~ {m.ListName}"))}";
        Assert.True(recall >= 0.98, report);
        Assert.True(precision >= 0.90, report);
    }
}
