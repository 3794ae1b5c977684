using BackOffice.Core.Identity;
using BackOffice.Infrastructure.Identity.Fake;
using BackOffice.Infrastructure.Identity.Sumsub;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BackOffice.Infrastructure.Identity;

/// <summary>The secret the identity provider's webhooks are checked with (<see cref="VerificationWebhook.Verify"/>).</summary>
public sealed class IdentityWebhookOptions
{
    public string Secret { get; set; } = "";
}

public static class IdentityRegistration
{
    /// <summary>Signs the fake provider's webhooks when no secret is configured: the demo works out of the box.</summary>
    public const string FakeDefaultSecret = "fake-identity-webhook-secret";

    /// <summary>The placeholder the shipped settings file holds; a real provider must not run with it.</summary>
    private const string Placeholder = "set-me";

    /// <summary>
    /// The identity-verification adapter named by <c>Identity:Adapter</c>: <c>Fake</c> (default; applicants
    /// kept in memory, or in <c>Identity:Fake:StateFile</c> resolved against <paramref name="baseDirectory"/>)
    /// or <c>Sumsub</c> (settings from <c>Identity:Sumsub</c>). Also registers <see cref="IdentityWebhookOptions"/>:
    /// <c>Identity:Sumsub:WebhookSecret</c> for Sumsub, else <c>Identity:WebhookSecret</c>, else
    /// <c>Secrets:IdentityProviderWebhookSecret</c>.
    /// </summary>
    public static IServiceCollection AddIdentityVerification(this IServiceCollection services, IConfiguration configuration,
        string? baseDirectory = null)
    {
        var section = configuration.GetSection("Identity");
        var adapter = section["Adapter"] ?? "Fake";
        var secret = NonEmpty(section["WebhookSecret"]) ?? NonEmpty(configuration["Secrets:IdentityProviderWebhookSecret"]);
        services.TryAddSingleton(TimeProvider.System);
        if (string.Equals(adapter, "Fake", StringComparison.OrdinalIgnoreCase))
        {
            secret ??= FakeDefaultSecret;
            var file = NonEmpty(section["Fake:StateFile"]);
            var path = file is null ? null : Path.GetFullPath(Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), file));
            if (path is not null) Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            services.AddSingleton(sp => new FakeIdentityProvider(secret, sp.GetRequiredService<TimeProvider>(), path));
            services.AddSingleton<IIdentityVerification>(sp => sp.GetRequiredService<FakeIdentityProvider>());
        }
        else if (string.Equals(adapter, "Sumsub", StringComparison.OrdinalIgnoreCase))
        {
            secret = NonEmpty(section["Sumsub:WebhookSecret"]) ?? secret;
            if (secret is null || secret == Placeholder)
                throw new InvalidOperationException(
                    "Identity:Sumsub:WebhookSecret must be set to the secret of the Sumsub webhook: without it anyone could post a verdict.");
            services.AddSumsubIdentity(section.GetSection("Sumsub"));
        }
        else
            throw new InvalidOperationException($"Identity:Adapter '{adapter}' is unknown; use Fake or Sumsub.");
        services.Configure<IdentityWebhookOptions>(o => o.Secret = secret);
        return services;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
