using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Payments;
using Microsoft.Extensions.Configuration;

namespace BackOffice.Infrastructure.Payments;

/// <summary>
/// A channel's settings for a real provider, under <c>Payments:Channels:&lt;code&gt;</c> in the operator's file: the API key,
/// the API's base address, where the client returns after paying, and (for processors that are told where to call back)
/// the console's public webhook address.
/// </summary>
public sealed record ProviderSettings(string? ApiKey, Uri BaseUrl, string? ReturnUrl, string? CallbackUrl, string? Email, string? Password, string? PayoutCurrency)
{
    public static ProviderSettings For(IConfiguration configuration, PaymentChannel channel, string defaultBaseUrl)
    {
        string? Value(string key) => configuration[$"Payments:Channels:{channel.Code}:{key}"] is { Length: > 0 } v ? v : null;
        return new ProviderSettings(Value("ApiKey"), new Uri(Value("BaseUrl") ?? defaultBaseUrl), Value("ReturnUrl"), Value("CallbackUrl"),
            Value("Email"), Value("Password"), Value("PayoutCurrency"));
    }

    /// <summary>The channel's settings for <paramref name="provider"/>, or the provider's refusal naming what is missing.</summary>
    public static ProviderSettings Ready(IPaymentProvider provider, IConfiguration configuration, PaymentChannel channel, string defaultBaseUrl) =>
        provider.NotReadyFor(channel) is { } missing
            ? throw new PaymentProviderException(missing, transient: false)
            : For(configuration, channel, defaultBaseUrl);

    public string? Missing(PaymentChannel channel, params (string Key, string? Value)[] required)
    {
        var absent = required.Where(r => string.IsNullOrWhiteSpace(r.Value)).Select(r => $"Payments:Channels:{channel.Code}:{r.Key}").ToList();
        return absent.Count == 0 ? null : $"Set {string.Join(", ", absent)} in appsettings.json first.";
    }
}

/// <summary>
/// Stripe: a deposit is a Checkout Session (the hosted payment page) whose payment intent carries our reference in its
/// metadata, so the signed webhook finds the deposit; a refund is a Refund of that payment intent. Every call carries an
/// Idempotency-Key derived from our reference, so a retried call never starts a second payment or refund. Stripe pays
/// money back to a card only as a refund of a payment made with it, so card payouts are refused with that explanation.
/// </summary>
public sealed class StripeCheckout(IHttpClientFactory http, IConfiguration configuration) : IPaymentProvider
{
    public const string HttpClientName = "stripe";
    private const string DefaultBaseUrl = "https://api.stripe.com/";

    public string Name => "stripe";

    public bool Serves(ChannelKind kind) => kind == ChannelKind.Card;

    public string? NotReadyFor(PaymentChannel channel)
    {
        var s = ProviderSettings.For(configuration, channel, DefaultBaseUrl);
        return s.Missing(channel, ("ApiKey", s.ApiKey), ("ReturnUrl", s.ReturnUrl));
    }

    public async Task<StartedPayment> StartDepositAsync(PaymentChannel channel, PaymentOrder order, CancellationToken ct)
    {
        var s = Ready(channel);
        var returnTo = s.ReturnUrl + (s.ReturnUrl!.Contains('?') ? "&" : "?") + "deposit=" + Uri.EscapeDataString(order.Reference);
        var form = new Dictionary<string, string>
        {
            ["mode"] = "payment",
            ["client_reference_id"] = order.Reference,
            ["success_url"] = returnTo + "&result=paid",
            ["cancel_url"] = returnTo + "&result=cancelled",
            ["line_items[0][quantity]"] = "1",
            ["line_items[0][price_data][currency]"] = order.Amount.Currency.ToLowerInvariant(),
            ["line_items[0][price_data][unit_amount]"] = order.Amount.Minor.ToString(CultureInfo.InvariantCulture),
            ["line_items[0][price_data][product_data][name]"] = order.Description,
            ["payment_intent_data[metadata][deposit_ref]"] = order.Reference,
            ["metadata[deposit_ref]"] = order.Reference,
        };
        if (!string.IsNullOrWhiteSpace(order.ClientEmail)) form["customer_email"] = order.ClientEmail;
        var session = await SendAsync(s, HttpMethod.Post, "v1/checkout/sessions", form, "deposit-" + order.Reference, ct);
        var id = session["id"]?.GetValue<string>() ?? throw new PaymentProviderException("Stripe answered without a session id", transient: true);
        return new StartedPayment(id, session["url"]?.GetValue<string>(), "Pay by card on Stripe's payment page.");
    }

    public Task<string> PayoutAsync(PaymentChannel channel, PayoutOrder order, CancellationToken ct) =>
        throw new PaymentProviderException("Stripe returns money to a card only as a refund of a payment made with it: refund the card's deposits instead",
            transient: false);

    public async Task<string> RefundAsync(PaymentChannel channel, string providerOrderId, Money amount, string reference, CancellationToken ct)
    {
        var s = Ready(channel);
        var intent = providerOrderId;
        if (providerOrderId.StartsWith("cs_", StringComparison.Ordinal))
        {
            var session = await SendAsync(s, HttpMethod.Get, $"v1/checkout/sessions/{Uri.EscapeDataString(providerOrderId)}", null, null, ct);
            intent = session["payment_intent"]?.GetValue<string>()
                     ?? throw new PaymentProviderException($"Stripe's session {providerOrderId} has no payment to refund", transient: false);
        }
        var refund = await SendAsync(s, HttpMethod.Post, "v1/refunds", new Dictionary<string, string>
        {
            ["payment_intent"] = intent,
            ["amount"] = amount.Minor.ToString(CultureInfo.InvariantCulture),
            ["metadata[reference]"] = reference,
        }, "refund-" + reference, ct);
        if (refund["status"]?.GetValue<string>() is "failed" or "canceled")
            throw new PaymentProviderException($"Stripe refused the refund ({refund["failure_reason"]?.GetValue<string>() ?? "no reason given"})", transient: false);
        return refund["id"]?.GetValue<string>() ?? throw new PaymentProviderException("Stripe answered without a refund id", transient: true);
    }

    private ProviderSettings Ready(PaymentChannel channel) => ProviderSettings.Ready(this, configuration, channel, DefaultBaseUrl);

    private async Task<JsonObject> SendAsync(ProviderSettings s, HttpMethod method, string path, Dictionary<string, string>? form, string? idempotencyKey,
        CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(s.BaseUrl, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", s.ApiKey);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (form is not null) request.Content = new FormUrlEncodedContent(form);
        return await ProviderHttp.SendAsync(http.CreateClient(HttpClientName), request, "Stripe",
            body => (body?["error"]?["message"]?.GetValue<string>(), body?["error"]?["code"]?.GetValue<string>()), ct);
    }
}

/// <summary>The HTTP conversation every provider adapter has: timeouts and 5xx/429 are "not answering", other refusals carry the provider's message.</summary>
internal static class ProviderHttp
{
    public static async Task<JsonObject> SendAsync(HttpClient client, HttpRequestMessage request, string provider,
        Func<JsonNode?, (string? Message, string? Code)> error, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new PaymentProviderException($"{provider} could not be reached", transient: true, e);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            JsonNode? body = null;
            try { body = text.Length > 0 ? JsonNode.Parse(text) : null; }
            catch (System.Text.Json.JsonException) { }
            if (response.IsSuccessStatusCode)
                return body as JsonObject ?? throw new PaymentProviderException($"{provider} answered with something that is not JSON", transient: true);
            var (message, code) = error(body);
            var said = message is null ? $"HTTP {(int)response.StatusCode}" : code is null ? message : $"{message} ({code})";
            var transient = (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;
            throw new PaymentProviderException(transient ? $"{provider} is not answering ({said})" : $"{provider}: {said}", transient);
        }
    }
}
