using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Payments;

namespace BackOffice.Infrastructure.Payments;

/// <summary>A bank wire: nothing to call. The client is given the bank details and our reference; finance matches the statement line.</summary>
public sealed class ManualWire : IPaymentProvider
{
    public string Name => "manual";

    public bool Serves(ChannelKind kind) => kind == ChannelKind.BankWire;

    public Task<StartedPayment> StartDepositAsync(PaymentChannel channel, PaymentOrder order, CancellationToken ct) =>
        Task.FromResult(new StartedPayment(order.Reference, null,
            $"Transfer {order.Amount} to: {channel.Instructions ?? "the broker's account"}. Write the reference {order.Reference} on the transfer, or it cannot be matched."));

    /// <summary>A wire is paid from the bank's own system; finance records its payment voucher instead.</summary>
    public Task<string> PayoutAsync(PaymentChannel channel, PayoutOrder order, CancellationToken ct) =>
        throw new PaymentProviderException("a wire is sent from the bank; record its payment voucher instead", transient: false);

    /// <summary>A wire is returned from the bank's own system; the refund records the bank's reference instead.</summary>
    public Task<string> RefundAsync(PaymentChannel channel, string providerOrderId, Core.Common.Money amount, string reference, CancellationToken ct) =>
        throw new PaymentProviderException("a wire is returned from the bank; record the bank's reference of the return", transient: false);
}

/// <summary>Webhook secrets from <c>Payments:Channels:&lt;code&gt;:WebhookSecret</c> in the operator's settings.</summary>
public sealed class ConfiguredPaymentSecrets(Microsoft.Extensions.Configuration.IConfiguration configuration) : IPaymentSecrets
{
    public string? WebhookSecret(string channelCode) =>
        configuration[$"Payments:Channels:{channelCode}:WebhookSecret"] is { Length: > 0 } secret ? secret : null;
}
