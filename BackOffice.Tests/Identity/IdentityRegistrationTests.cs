using BackOffice.Core.Identity;
using BackOffice.Infrastructure.Identity;
using BackOffice.Infrastructure.Identity.Fake;
using BackOffice.Infrastructure.Identity.Sumsub;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BackOffice.Tests.Identity;

public sealed class IdentityRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddIdentityVerification(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Without_settings_the_fake_provider_signs_with_a_demo_secret()
    {
        using var provider = Build([]);

        Assert.IsType<FakeIdentityProvider>(provider.GetRequiredService<IIdentityVerification>());
        Assert.Equal(IdentityRegistration.FakeDefaultSecret, provider.GetRequiredService<IOptions<IdentityWebhookOptions>>().Value.Secret);
    }

    [Fact]
    public void The_fake_provider_signs_with_the_configured_secret_and_webhooks_are_checked_with_it()
    {
        using var provider = Build(new() { ["Identity:WebhookSecret"] = "demo-secret", ["Secrets:IdentityProviderWebhookSecret"] = "older" });

        var webhook = provider.GetRequiredService<FakeIdentityProvider>().BuildReview("fake-1", "client-1", ReviewAnswer.Green);
        var secret = provider.GetRequiredService<IOptions<IdentityWebhookOptions>>().Value.Secret;

        Assert.Equal("demo-secret", secret);
        Assert.True(VerificationWebhook.Verify(webhook.Body, webhook.Headers[VerificationWebhook.DigestHeader],
            webhook.Headers[VerificationWebhook.AlgorithmHeader], secret));
    }

    [Fact]
    public void Sumsub_is_chosen_by_name_with_its_own_webhook_secret()
    {
        using var provider = Build(new()
        {
            ["Identity:Adapter"] = "Sumsub",
            ["Identity:WebhookSecret"] = "not-this-one",
            ["Identity:Sumsub:BaseUrl"] = "https://api.sumsub.example/",
            ["Identity:Sumsub:AppToken"] = "token",
            ["Identity:Sumsub:SecretKey"] = "key",
            ["Identity:Sumsub:WebhookSecret"] = "sumsub-webhook-secret",
            ["Identity:Sumsub:LevelName"] = "basic-kyc-level",
        });

        Assert.IsType<SumsubIdentityVerification>(provider.GetRequiredService<IIdentityVerification>());
        Assert.Equal("sumsub-webhook-secret", provider.GetRequiredService<IOptions<IdentityWebhookOptions>>().Value.Secret);
    }

    [Fact]
    public void Sumsub_without_credentials_fails_its_options_validation()
    {
        using var provider = Build(new() { ["Identity:Adapter"] = "Sumsub", ["Identity:Sumsub:WebhookSecret"] = "s" });

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SumsubOptions>>().Value);

        Assert.Contains("Identity:Sumsub needs AppToken and SecretKey.", e.Failures);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("set-me")]
    public void Sumsub_without_a_real_webhook_secret_is_refused(string? secret)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Build(new()
        {
            ["Identity:Adapter"] = "Sumsub", ["Identity:Sumsub:WebhookSecret"] = secret, ["Secrets:IdentityProviderWebhookSecret"] = secret,
        }));

        Assert.Contains("Identity:Sumsub:WebhookSecret", e.Message);
    }

    [Fact]
    public void An_unknown_adapter_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => Build(new() { ["Identity:Adapter"] = "Onfido" }));
}
