using BackOffice.Core.Kyc.Screening;
using BackOffice.Core.Kyc.Screening.Matching;

namespace BackOffice.Tests.Kyc.Screening;

public sealed class NameMatcherTests
{
    private readonly NameMatcher matcher = new();

    private static ListEntry Entry(string name, string[]? aliases = null, string[]? born = null, string[]? countries = null) =>
        new("ofac", "1", EntryKind.Person, name, aliases ?? [], born ?? [], countries ?? [], "SDGT", false);

    [Theory]
    [InlineData("Dr. José  O'Brien-Müller", "jose obrien muler")]
    [InlineData("SHEIKH Rashid AL-MANSOORI", "rashid mansuri")]
    [InlineData("Abd al-Rahman bin Saleh", "abdrahman saleh")]
    [InlineData("Иван Петров", "ivan petrov")]
    [InlineData("GOLDEN CRESCENT TRADING L.L.C.", "golden krescent trading")]
    [InlineData("Lord", "lord")]
    [InlineData("Mohammed AlRashid", "muhamad rashid")]
    [InlineData("Mohammadreza Tehrani", "muhamad reza tehrani")]
    public void Names_are_normalised_to_comparable_tokens(string written, string expected)
    {
        Assert.Equal(expected, NameNormaliser.Normalise(written));
    }

    [Theory]
    [InlineData("Mohammed", "Muhammad")]
    [InlineData("Mohamad", "Mohamed")]
    [InlineData("Aleksandr", "Alexander")]
    [InlineData("Yusuf", "Yousef")]
    [InlineData("Sergei", "Sergey")]
    [InlineData("Müller", "Mueller")]
    [InlineData("Petrow", "Petrov")]
    [InlineData("Bohdan", "Bogdan")]
    public void Transliteration_variants_normalise_alike(string a, string b)
    {
        Assert.Equal(NameNormaliser.Normalise(a), NameNormaliser.Normalise(b));
    }

    [Theory]
    [InlineData("PETROV, Ivan", "Ivan Petrov")]
    [InlineData("Al Rashid Mohammed", "Mohammed Al-Rashid")]
    [InlineData("José Hernández", "JOSE HERNANDEZ")]
    public void Order_case_and_accents_do_not_matter(string a, string b)
    {
        Assert.Equal(1.0, matcher.CompareNames(a, b), 9);
    }

    [Fact]
    public void An_initial_matches_the_name_it_stands_for_and_not_another()
    {
        Assert.InRange(matcher.CompareNames("J. Smith", "John Smith"), NameMatcher.DefaultThreshold, 0.99);
        Assert.True(matcher.CompareNames("J. Smith", "Robert Smith") < NameMatcher.DefaultThreshold);
    }

    [Theory]
    [InlineData("E. Smirnov", "Yevgeny Smirnov")]
    [InlineData("C. Medvedev", "Carmen Medvedev")]
    [InlineData("W. Belov", "Wladimir Belov")]
    public void An_initial_may_stand_for_a_name_however_it_is_transliterated(string a, string b)
    {
        Assert.True(matcher.CompareNames(a, b) >= NameMatcher.DefaultThreshold);
    }

    [Fact]
    public void Initials_alone_or_contradicting_the_other_name_are_no_match()
    {
        Assert.Equal(0, matcher.CompareNames("K. Hussein", "H. Karimi"));
        Assert.True(matcher.CompareNames("K. Hussein", "I. Hussein") < NameMatcher.DefaultThreshold);
        Assert.True(matcher.CompareNames("Reza Belovin", "B. Mohammad Reza Rashid") < NameMatcher.DefaultThreshold);
    }

    [Fact]
    public void Two_letters_swapped_in_a_short_name_are_a_typo()
    {
        Assert.True(matcher.CompareNames("Ail Dokhaizon", "Ali Dokhaizon") >= NameMatcher.DefaultThreshold);
    }

    [Fact]
    public void Words_written_joined_match_them_written_apart()
    {
        Assert.True(matcher.CompareNames("Silver Lake Holdings", "Silverlake Holdings") >= NameMatcher.DefaultThreshold);
    }

    [Fact]
    public void A_missing_middle_name_costs_little_and_a_lone_surname_is_not_a_hit()
    {
        Assert.True(matcher.CompareNames("Ivan Petrov", "Ivan Sergeyevich Petrov") >= NameMatcher.DefaultThreshold);
        Assert.True(matcher.CompareNames("Petrov", "Ivan Petrov") < NameMatcher.DefaultThreshold);
    }

    [Fact]
    public void A_typo_is_a_hit_and_another_first_name_is_not()
    {
        Assert.True(matcher.CompareNames("Ivan Petorv", "Ivan Petrov") >= NameMatcher.DefaultThreshold);
        Assert.True(matcher.CompareNames("Sergey Petrov", "Ivan Petrov") < 0.6);
    }

    [Fact]
    public void A_hit_says_which_name_matched_and_which_fields_agree()
    {
        var entry = Entry("Ivan Sergeevich PETROV", aliases: ["Iwan PETROW"], born: ["1965-03-12"], countries: ["RU"]);

        var hit = matcher.Match(new ScreeningSubject("Iwan Petrow", new DateOnly(1965, 3, 12), "ru"), entry);

        Assert.NotNull(hit);
        Assert.Equal("Iwan PETROW", hit.MatchedName);
        Assert.Equal(MatchedFields.Alias | MatchedFields.BirthDate | MatchedFields.Country, hit.Matched);
        Assert.Equal(MatchedFields.None, hit.Contradicted);
        Assert.Equal(1.0, hit.Score, 9);
    }

    [Fact]
    public void A_matching_birth_date_and_country_raise_a_near_miss_to_a_hit()
    {
        var entry = Entry("Svetlana Kuznetsova", born: ["1971"], countries: ["SE"]);
        var name = matcher.CompareNames("Svetlana Kusnetsova", entry.Name);
        Assert.InRange(name, NameMatcher.DefaultThreshold - NameMatcher.MaxBoost, NameMatcher.DefaultThreshold);

        Assert.Null(matcher.Match(new ScreeningSubject("Svetlana Kusnetsova"), entry));
        var hit = matcher.Match(new ScreeningSubject("Svetlana Kusnetsova", new DateOnly(1971, 6, 1), "SE"), entry);

        Assert.NotNull(hit);
        Assert.Equal(name + NameMatcher.BirthDateBoost + NameMatcher.CountryBoost, hit.Score, 9);
        Assert.Equal(MatchedFields.Name | MatchedFields.BirthDate | MatchedFields.Country, hit.Matched);
    }

    [Fact]
    public void Another_year_of_birth_and_country_lower_the_score()
    {
        var entry = Entry("Ivan Petrov", born: ["1965"], countries: ["RU"]);

        var hit = matcher.Match(new ScreeningSubject("Ivan Petrov", new DateOnly(1990, 1, 1), "GB"), entry);

        Assert.Null(hit);
        var lenient = new NameMatcher(0.5).Match(new ScreeningSubject("Ivan Petrov", new DateOnly(1990, 1, 1), "GB"), entry);
        Assert.Equal(1 - NameMatcher.BirthDatePenalty - NameMatcher.CountryPenalty, lenient!.Score, 9);
        Assert.Equal(MatchedFields.BirthDate | MatchedFields.Country, lenient.Contradicted);
    }

    [Fact]
    public void A_birth_year_one_off_is_neither_agreement_nor_contradiction()
    {
        var hit = matcher.Match(new ScreeningSubject("Ivan Petrov", new DateOnly(1966, 1, 1)), Entry("Ivan Petrov", born: ["1965"]));

        Assert.Equal(MatchedFields.Name, hit!.Matched);
        Assert.Equal(MatchedFields.None, hit.Contradicted);
    }

    [Fact]
    public void The_threshold_is_configurable()
    {
        var strict = new NameMatcher(0.95);
        var subject = new ScreeningSubject("Ivan Petorv");

        Assert.NotNull(matcher.Match(subject, Entry("Ivan Petrov")));
        Assert.Null(strict.Match(subject, Entry("Ivan Petrov")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NameMatcher(1.5));
    }
}
