using BackOffice.Infrastructure.Platform.Mt5;

namespace BackOffice.Tests.Platform.Mt5;

public sealed class Mt5AuthTests
{
    [Fact]
    public void Password_hash_and_answer_match_the_spec_test_vector()
    {
        var passwordHash = Mt5Auth.PasswordHash("Manager#1");
        var serverRandom = Convert.FromHexString("0a1b2c3d4e5f60718293a4b5c6d7e8f9");

        Assert.Equal("0ac02bdf43fadf509fc99edd41c3c317", Mt5Auth.Hex(passwordHash));
        Assert.Equal("c937f4b4ca698b71536fc138d3423d12", Mt5Auth.Hex(Mt5Auth.Answer(passwordHash, serverRandom)));
    }

    [Fact]
    public void Only_the_answer_computed_from_the_password_is_accepted()
    {
        var passwordHash = Mt5Auth.PasswordHash("Manager#1");
        var random = Convert.FromHexString("0a1b2c3d4e5f60718293a4b5c6d7e8f9");

        Assert.True(Mt5Auth.IsAnswer(passwordHash, random, "c937f4b4ca698b71536fc138d3423d12"));
        Assert.True(Mt5Auth.IsAnswer(passwordHash, random, "C937F4B4CA698B71536FC138D3423D12"));
        Assert.False(Mt5Auth.IsAnswer(Mt5Auth.PasswordHash("Manager#2"), random, "c937f4b4ca698b71536fc138d3423d12"));
        Assert.False(Mt5Auth.IsAnswer(passwordHash, random, "not hex at all, but 32 chars long"));
        Assert.False(Mt5Auth.IsAnswer(passwordHash, random, null));
    }
}
