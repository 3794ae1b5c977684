using BackOffice.Core.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BackOffice.Infrastructure.Platform.Mt5;

public static class Mt5Registration
{
    /// <summary>Makes MT5, reached through its Web API, the trading platform (settings from <c>Platform:Mt5</c>).</summary>
    public static IServiceCollection AddMt5Platform(this IServiceCollection services, IConfiguration section)
    {
        services.AddOptions<Mt5Options>()
            .Bind(section)
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http",
                "Platform:Mt5:BaseUrl must be the absolute URL of the MT5 Web API.")
            .Validate(o => o.ManagerLogin > 0 && o.Password.Length > 0, "Platform:Mt5 needs ManagerLogin and Password.")
            .Validate(o => o.RequestTimeoutSeconds > 0 && o.KeepAliveSeconds is > 0 and < 180,
                "Platform:Mt5:RequestTimeoutSeconds must be positive and KeepAliveSeconds under the server's 180 s idle limit.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ITradingPlatform, Mt5WebApiPlatform>();
        return services;
    }
}
