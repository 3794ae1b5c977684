using BackOffice.Core.Kyc.Screening.Matching;

namespace BackOffice.Tests.Kyc.Screening;

public sealed class JaroWinklerTests
{
    [Theory]
    [InlineData("MARTHA", "MARHTA", 0.944, 0.961)]
    [InlineData("DWAYNE", "DUANE", 0.822, 0.840)]
    [InlineData("DIXON", "DICKSONX", 0.767, 0.813)]
    [InlineData("JELLYFISH", "SMELLYFISH", 0.896, 0.896)]
    public void Published_examples_score_as_published(string a, string b, double jaro, double jaroWinkler)
    {
        Assert.Equal(jaro, JaroWinkler.Jaro(a, b), 3);
        Assert.Equal(jaroWinkler, JaroWinkler.Similarity(a, b), 3);
        Assert.Equal(jaroWinkler, JaroWinkler.Similarity(b, a), 3);
    }

    [Theory]
    [InlineData("petrov", "petrov", 1.0)]
    [InlineData("abc", "xyz", 0.0)]
    [InlineData("", "", 1.0)]
    [InlineData("", "ivan", 0.0)]
    public void Equal_strings_score_one_and_strings_with_nothing_in_common_zero(string a, string b, double expected)
    {
        Assert.Equal(expected, JaroWinkler.Similarity(a, b), 6);
    }

    [Fact]
    public void A_shared_prefix_raises_the_score_but_never_above_one()
    {
        var jaro = JaroWinkler.Jaro("petrov", "petrav");
        var boosted = JaroWinkler.Similarity("petrov", "petrav");

        Assert.True(boosted > jaro);
        Assert.True(boosted < 1);
        Assert.Equal(jaro + 4 * 0.1 * (1 - jaro), boosted, 9);
    }
}
