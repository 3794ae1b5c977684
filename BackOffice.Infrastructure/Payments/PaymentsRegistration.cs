using BackOffice.Core.Funds;
using BackOffice.Core.Funds.Payments;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Infrastructure.Payments;

public static class PaymentsRegistration
{
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<FundsOptions>(configuration.GetSection("Funds"));
        services.AddSingleton<IPaymentSecrets, ConfiguredPaymentSecrets>();
        services.AddSingleton<ManualWire>();
        services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<ManualWire>());
        services.AddSingleton<SandboxPsp>();
        services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<SandboxPsp>());
        services.AddHttpClient(SandboxPsp.HttpClientName);
        services.AddSingleton<IPaymentProvider, StripeCheckout>();
        services.AddHttpClient(StripeCheckout.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<IPaymentProvider, NowPaymentsInvoices>();
        services.AddHttpClient(NowPaymentsInvoices.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<PlatformBalanceDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PlatformBalanceDispatcher>());
        services.AddHostedService<BalanceReconciliation>();
        services.AddHostedService<WithdrawalSlaJob>();
        return services;
    }
}
