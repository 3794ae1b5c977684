using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Payments;
using Microsoft.Extensions.Configuration;

namespace BackOffice.Infrastructure.Payments;

/// <summary>
/// NOWPayments: a deposit is an invoice (the processor's hosted page) with our reference as its order id and the console's
/// webhook as its IPN address; a payout is a mass-payout batch of one, authenticated with the account's e-mail and password,
/// carrying our reference as its external id. The processor offers no refund call: coins go back as a payout to the
/// sender's address, so refunds are refused with that explanation.
/// </summary>
public sealed class NowPaymentsInvoices(IHttpClientFactory http, IConfiguration configuration) : IPaymentProvider
{
    public const string HttpClientName = "nowpayments";
    private const string DefaultBaseUrl = "https://api.nowpayments.io/";

    public string Name => "nowpayments";

    public bool Serves(ChannelKind kind) => kind == ChannelKind.Crypto;

    public string? NotReadyFor(PaymentChannel channel)
    {
        var s = ProviderSettings.For(configuration, channel, DefaultBaseUrl);
        return s.Missing(channel, ("ApiKey", s.ApiKey), ("CallbackUrl", s.CallbackUrl), ("ReturnUrl", s.ReturnUrl));
    }

    public async Task<StartedPayment> StartDepositAsync(PaymentChannel channel, PaymentOrder order, CancellationToken ct)
    {
        var s = Ready(channel);
        using var request = Request(s, HttpMethod.Post, "v1/invoice");
        request.Content = JsonContent.Create(new JsonObject
        {
            ["price_amount"] = order.Amount.Amount,
            ["price_currency"] = order.Amount.Currency.ToLowerInvariant(),
            ["order_id"] = order.Reference,
            ["order_description"] = order.Description,
            ["ipn_callback_url"] = s.CallbackUrl,
            ["success_url"] = s.ReturnUrl,
            ["cancel_url"] = s.ReturnUrl,
            ["is_fixed_rate"] = true,
        });
        var invoice = await SendAsync(request, ct);
        var id = invoice["id"]?.ToString() ?? throw new PaymentProviderException("NOWPayments answered without an invoice id", transient: true);
        return new StartedPayment(id, invoice["invoice_url"]?.GetValue<string>(), "Pay the invoice on NOWPayments' page, in the coin and network it offers.");
    }

    public async Task<string> PayoutAsync(PaymentChannel channel, PayoutOrder order, CancellationToken ct)
    {
        var s = Ready(channel);
        if (s.Missing(channel, ("Email", s.Email), ("Password", s.Password)) is { } missing) throw new PaymentProviderException(missing, transient: false);
        using var login = Request(s, HttpMethod.Post, "v1/auth");
        login.Content = JsonContent.Create(new JsonObject { ["email"] = s.Email, ["password"] = s.Password });
        var token = (await SendAsync(login, ct))["token"]?.GetValue<string>()
                    ?? throw new PaymentProviderException("NOWPayments answered the sign-in without a token", transient: true);

        using var request = Request(s, HttpMethod.Post, "v1/payout");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        request.Content = JsonContent.Create(new JsonObject
        {
            ["ipn_callback_url"] = s.CallbackUrl,
            ["withdrawals"] = new JsonArray(new JsonObject
            {
                ["address"] = order.Destination,
                ["currency"] = (s.PayoutCurrency ?? order.Amount.Currency).ToLowerInvariant(),
                ["amount"] = order.Amount.Amount,
                ["unique_external_id"] = order.Reference,
                ["ipn_callback_url"] = s.CallbackUrl,
            }),
        });
        var batch = await SendAsync(request, ct);
        var first = (batch["withdrawals"] as JsonArray)?.FirstOrDefault();
        if (first?["status"]?.GetValue<string>() is { } status && status.Equals("REJECTED", StringComparison.OrdinalIgnoreCase))
            throw new PaymentProviderException($"NOWPayments rejected the payout ({first["error"]?.ToString() ?? "no reason given"})", transient: false);
        return first?["id"]?.ToString() ?? batch["id"]?.ToString() ?? throw new PaymentProviderException("NOWPayments answered without a payout id", transient: true);
    }

    public Task<string> RefundAsync(PaymentChannel channel, string providerOrderId, Money amount, string reference, CancellationToken ct) =>
        throw new PaymentProviderException("NOWPayments has no refund call: send the coins back as a withdrawal to the sender's address", transient: false);

    private ProviderSettings Ready(PaymentChannel channel) => ProviderSettings.Ready(this, configuration, channel, DefaultBaseUrl);

    private static HttpRequestMessage Request(ProviderSettings s, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(s.BaseUrl, path));
        request.Headers.Add("x-api-key", s.ApiKey);
        return request;
    }

    private Task<JsonObject> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
        ProviderHttp.SendAsync(http.CreateClient(HttpClientName), request, "NOWPayments",
            body => (body?["message"]?.ToString(), body?["code"]?.ToString()), ct);
}
