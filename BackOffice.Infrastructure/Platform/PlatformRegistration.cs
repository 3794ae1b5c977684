using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Platform.Mt5;
using BackOffice.Infrastructure.Platform.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Infrastructure.Platform;

public static class PlatformRegistration
{
    /// <summary>
    /// The trading platform adapter named by <c>Platform:Adapter</c>: the embedded simulator (its state
    /// kept in <c>Platform:SimulatorStateFile</c>, empty for memory only) or the MT5 Web API gateway.
    /// </summary>
    public static IServiceCollection AddTradingPlatform(this IServiceCollection services, IConfiguration configuration, string baseDirectory)
    {
        var section = configuration.GetSection("Platform");
        services.Configure<PlatformOptions>(section);
        var adapter = section["Adapter"] ?? "Simulator";
        if (string.Equals(adapter, "Simulator", StringComparison.OrdinalIgnoreCase))
        {
            var file = section["SimulatorStateFile"] is { } f ? f : "data/platform-simulator.json";
            var path = file.Length == 0 ? null : Path.GetFullPath(Path.Combine(baseDirectory, file));
            if (path is not null) Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            services.AddSingleton(sp => new PlatformSimulator(sp.GetRequiredService<TimeProvider>(), path));
            services.AddSingleton<ITradingPlatform>(sp => sp.GetRequiredService<PlatformSimulator>());
        }
        else if (string.Equals(adapter, "Mt5", StringComparison.OrdinalIgnoreCase))
            services.AddMt5Platform(section.GetSection("Mt5"));
        else
            throw new InvalidOperationException($"Platform:Adapter '{adapter}' is unknown; use Simulator or Mt5.");
        services.AddSingleton<PlatformSyncDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PlatformSyncDispatcher>());
        services.AddHostedService<DealIngestion>();
        services.AddHostedService<PlatformReconciliation>();
        return services;
    }
}
