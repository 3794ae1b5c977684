using System.Text;
using BackOffice.Core.Identity;

namespace BackOffice.Tests.Identity;

public sealed class VerificationWebhookTests
{
    // The vector from the webhooks specification.
    private const string Secret = "sumsub_test_secret";
    private const string SpecBody =
        """{"applicantId":"5f0c1","externalUserId":"client-42","type":"applicantReviewed","reviewResult":{"reviewAnswer":"RED","rejectLabels":["DOCUMENT_EXPIRED"],"reviewRejectType":"RETRY"}}""";
    private const string SpecDigest = "85f820d194cbef7f83397e0269160558f138c9682f7cad3b8215c9cc130150bb";

    private static byte[] Body => Encoding.UTF8.GetBytes(SpecBody);

    [Fact]
    public void The_specification_vector_verifies()
    {
        Assert.True(VerificationWebhook.Verify(Body, SpecDigest, VerificationWebhook.HmacSha256Hex, Secret));
        Assert.Equal(SpecDigest, VerificationWebhook.Sign(Body, Secret));
    }

    [Theory]
    [InlineData(VerificationWebhook.HmacSha512Hex,
        "813f7921255ff9a2a1ce99f3cdf48094cd3c2098422e2dddb8f048c03a278cb3711d4d15560280e515818d4cd167f3a847e06d204b98c9dfdc63435fe8d0db06")]
    [InlineData(VerificationWebhook.HmacSha1Hex, "225746269c2d30e83ad9e0a8770c37e84f6c2895")]
    public void The_other_announced_algorithms_verify(string algorithm, string digest)
    {
        Assert.True(VerificationWebhook.Verify(Body, digest, algorithm, Secret));
        Assert.Equal(digest, VerificationWebhook.Sign(Body, Secret, algorithm));
    }

    [Fact]
    public void A_body_with_one_byte_changed_is_refused()
    {
        var forged = Body;
        forged[Array.IndexOf(forged, (byte)'R')] = (byte)'G'; // "RED" becomes "GED"

        Assert.False(VerificationWebhook.Verify(forged, SpecDigest, VerificationWebhook.HmacSha256Hex, Secret));
    }

    [Fact]
    public void A_body_reserialised_with_other_spacing_is_refused()
    {
        var spaced = Encoding.UTF8.GetBytes(SpecBody.Replace(",", ", "));

        Assert.False(VerificationWebhook.Verify(spaced, SpecDigest, VerificationWebhook.HmacSha256Hex, Secret));
    }

    [Fact]
    public void A_digest_made_with_another_secret_is_refused() =>
        Assert.False(VerificationWebhook.Verify(Body, VerificationWebhook.Sign(Body, "someone_elses_secret"), VerificationWebhook.HmacSha256Hex, Secret));

    [Theory]
    [InlineData(VerificationWebhook.HmacSha512Hex)] // a right digest announced under another algorithm
    [InlineData(VerificationWebhook.HmacSha1Hex)]
    [InlineData("HMAC_MD5_HEX")]
    [InlineData("hmac_sha256_hex")]
    [InlineData("")]
    [InlineData(null)]
    public void A_wrong_unknown_or_missing_algorithm_is_refused(string? algorithm) =>
        Assert.False(VerificationWebhook.Verify(Body, SpecDigest, algorithm, Secret));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("85f820d194cbef7f")] // a prefix of the right digest
    [InlineData(SpecDigest + "00")]
    [InlineData("zz" + "f820d194cbef7f83397e0269160558f138c9682f7cad3b8215c9cc130150bb")]
    public void A_missing_truncated_or_malformed_digest_is_refused(string? digest) =>
        Assert.False(VerificationWebhook.Verify(Body, digest, VerificationWebhook.HmacSha256Hex, Secret));

    [Fact]
    public void An_empty_secret_verifies_nothing()
    {
        var signedWithNothing = VerificationWebhook.Sign(Body, "");

        Assert.False(VerificationWebhook.Verify(Body, signedWithNothing, VerificationWebhook.HmacSha256Hex, ""));
    }

    [Fact]
    public void An_upper_case_digest_is_the_same_mac_and_verifies() =>
        Assert.True(VerificationWebhook.Verify(Body, SpecDigest.ToUpperInvariant(), VerificationWebhook.HmacSha256Hex, Secret));

    [Fact]
    public void Signing_with_an_unknown_algorithm_is_a_mistake() =>
        Assert.Throws<ArgumentException>(() => VerificationWebhook.Sign(Body, Secret, "HMAC_MD5_HEX"));
}
