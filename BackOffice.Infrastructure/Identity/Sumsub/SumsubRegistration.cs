using BackOffice.Core.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BackOffice.Infrastructure.Identity.Sumsub;

public static class SumsubRegistration
{
    /// <summary>Makes Sumsub the identity-verification provider (settings from <c>Identity:Sumsub</c>).</summary>
    public static IServiceCollection AddSumsubIdentity(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<SumsubOptions>()
            .Bind(section)
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
                "Identity:Sumsub:BaseUrl must be the absolute URL of the Sumsub API.")
            .Validate(o => o.AppToken.Length > 0 && o.SecretKey.Length > 0, "Identity:Sumsub needs AppToken and SecretKey.")
            .Validate(o => o.LevelName.Length > 0, "Identity:Sumsub:LevelName must name the verification level applicants start at.")
            .Validate(o => o.RequestTimeoutSeconds > 0 && o.AccessTokenSeconds > 0,
                "Identity:Sumsub:RequestTimeoutSeconds and AccessTokenSeconds must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IIdentityVerification, SumsubIdentityVerification>();
        return services;
    }
}
