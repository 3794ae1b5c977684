using BackOffice.Web.Endpoints;

namespace BackOffice.Tests.Http;

public sealed class ReturnUrlTests
{
    [Theory]
    [InlineData("/admin/audit", "/admin/audit")]
    [InlineData("/operations/pending?tab=1", "/operations/pending?tab=1")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("/\t/evil.example", "/")]
    [InlineData("/\n/evil.example", "/")]
    [InlineData("https://evil.example", "/")]
    [InlineData("evil.example", "/")]
    [InlineData(null, "/")]
    public void After_sign_in_only_our_own_pages_are_followed(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccountEndpoints.LocalOrHome(returnUrl));
}
