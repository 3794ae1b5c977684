using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Kyc.Screening.Matching;
using BackOffice.Infrastructure.Sanctions;

namespace BackOffice.Tests.Kyc.Screening;

public sealed class SampleListsTests
{
    private static IReadOnlyList<ListEntry> Ofac() => Read(OfacSdnParser.ParseFolder(SampleLists.OfacFolder));

    private static IReadOnlyList<ListEntry> OpenSanctions() => Read(OpenSanctionsParser.ParseFile(SampleLists.OpenSanctionsFile));

    private static IReadOnlyList<ListEntry> Read(ListParseResult result)
    {
        Assert.True(result.Succeeded, result.ToString());
        return result.Entries;
    }

    [Fact]
    public void The_demo_OFAC_set_reads_whole_with_aliases_birth_dates_and_countries()
    {
        var entries = Ofac();

        Assert.InRange(entries.Count, 30, 60);
        Assert.Contains(entries, e => e.Kind == EntryKind.Vessel);
        Assert.Contains(entries, e => e.Kind == EntryKind.Aircraft);
        var rashid = Assert.Single(entries, e => e.ExternalId == "90102");
        Assert.Equal("Mohammed Khalil AL-RASHID", rashid.Name);
        Assert.Contains("Muhammad Khalil AL RASHID", rashid.Aliases);
        Assert.Equal(["1968", "1969"], rashid.BirthDates);
        Assert.Equal(["SY", "LB"], rashid.Countries);
    }

    [Fact]
    public void The_demo_OpenSanctions_export_reads_whole_with_a_few_PEPs()
    {
        var entries = OpenSanctions();

        Assert.InRange(entries.Count, 30, 60);
        Assert.InRange(entries.Count(e => e.IsPep), 3, 15);
        Assert.All(entries.Where(e => e.IsPep), e => Assert.Equal(EntryKind.Person, e.Kind));
    }

    [Theory]
    [InlineData("Ivan Petrov", "1971-03-14", "RU", true)]
    [InlineData("Mohammed Al Rashid", "1968-05-01", "SY", true)]
    [InlineData("Ibrahim Al-Farsi", "1975-01-01", "YE", false)]
    public void Demo_clients_named_like_listed_parties_are_hits(string name, string born, string country, bool onBothLists)
    {
        var index = ScreeningIndex.Build(Ofac().Concat(OpenSanctions()));

        var hits = index.Screen(new ScreeningSubject(name, DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), country));

        Assert.Contains(hits, h => h.Entry.Source == ListEntry.Ofac && h.Matched.HasFlag(MatchedFields.BirthDate));
        Assert.Equal(onBothLists, hits.Any(h => h.Entry.Source == ListEntry.OpenSanctions));
    }
}
