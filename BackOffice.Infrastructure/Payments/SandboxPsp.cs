using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BackOffice.Core.Common;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Payments;
using Microsoft.Extensions.Logging;

namespace BackOffice.Infrastructure.Payments;

public enum SandboxOutcome
{
    Pay,
    Decline,
    Fail,

    /// <summary>Crypto only: half of the invoice arrives.</summary>
    PayPart,
}

/// <summary>A payment the sandbox holds, as a real processor would on its side.</summary>
public sealed record SandboxPayment(string Id, string ChannelCode, ChannelKind Kind, string Reference, Money Amount, string ClientName, string Description)
{
    public string? Outcome { get; set; }
}

/// <summary>
/// The demo payment processor inside the console, for card and crypto channels whose provider is "sandbox". It keeps
/// its own payments (by the order reference, so a retried start gives the same payment), shows a checkout page where a
/// person clicks pay, decline or fail, and then posts a callback signed exactly as the real provider signs it (Stripe
/// scheme for card, NOWPayments for crypto) to the console's own webhook endpoint, over HTTP.
/// </summary>
public sealed class SandboxPsp(IHttpClientFactory http, IPaymentSecrets secrets, TimeProvider clock, ILogger<SandboxPsp> log) : IPaymentProvider
{
    public const string HttpClientName = "sandbox-psp";
    public const string CheckoutPath = "/sandbox/checkout";

    private readonly ConcurrentDictionary<string, SandboxPayment> _byReference = new();
    private readonly ConcurrentDictionary<string, SandboxPayment> _byId = new();

    public string Name => "sandbox";

    public bool Serves(ChannelKind kind) => kind is ChannelKind.Card or ChannelKind.Crypto;

    public Task<StartedPayment> StartDepositAsync(PaymentChannel channel, PaymentOrder order, CancellationToken ct)
    {
        if (channel.Kind == ChannelKind.BankWire)
            throw new PaymentProviderException("the sandbox processes card and crypto payments, not wires", transient: false);
        var payment = _byReference.GetOrAdd(order.Reference, _ =>
        {
            var id = channel.Kind == ChannelKind.Card
                ? "pi_sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))
                : RandomNumberGenerator.GetInt32(1_000_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
            return new SandboxPayment(id, channel.Code, channel.Kind, order.Reference, order.Amount, order.ClientName, order.Description);
        });
        _byId[payment.Id] = payment;
        return Task.FromResult(new StartedPayment(payment.Id, $"{CheckoutPath}/{payment.Id}",
            channel.Kind == ChannelKind.Card ? "Pay by card on the checkout page." : "Pay the invoice in USDT (TRC-20) on the checkout page."));
    }

    public SandboxPayment? Find(string id) => _byId.GetValueOrDefault(id);

    private readonly ConcurrentDictionary<string, string> _payouts = new();

    /// <summary>The next this many payouts are refused (as a processor refuses a closed card or a bad address).</summary>
    public int RefuseNextPayouts { get; set; }

    /// <summary>While set, payouts fail as if the processor were down.</summary>
    public bool PayoutsDown { get; set; }

    public Task<string> RefundAsync(PaymentChannel channel, string providerOrderId, Money amount, string reference, CancellationToken ct)
    {
        if (_payouts.TryGetValue(reference, out var earlier)) return Task.FromResult(earlier);
        if (PayoutsDown) throw new PaymentProviderException("the sandbox processor is not answering", transient: true);
        var id = (channel.Kind == ChannelKind.Card ? "re_sbx_" : "refund_") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        log.LogInformation("Sandbox refund {Refund} of {Amount} on {Payment} ({Reference})", id, amount, providerOrderId, reference);
        return Task.FromResult(_payouts.GetOrAdd(reference, id));
    }

    public Task<string> PayoutAsync(PaymentChannel channel, PayoutOrder order, CancellationToken ct)
    {
        if (_payouts.TryGetValue(order.Reference, out var earlier)) return Task.FromResult(earlier); // the idempotency key
        if (PayoutsDown) throw new PaymentProviderException("the sandbox processor is not answering", transient: true);
        if (RefuseNextPayouts > 0)
        {
            RefuseNextPayouts--;
            throw new PaymentProviderException(channel.Kind == ChannelKind.Card
                ? "the card issuer refused the credit (card closed)"
                : "the address is not a valid TRC-20 address", transient: false);
        }
        var id = (channel.Kind == ChannelKind.Card ? "po_sbx_" : "payout_") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        log.LogInformation("Sandbox payout {Payout} of {Amount} to {Destination} ({Reference})", id, order.Amount, order.Destination, order.Reference);
        return Task.FromResult(_payouts.GetOrAdd(order.Reference, id));
    }

    /// <summary>
    /// What the person on the checkout page chose: builds the provider's callback, signs it with the channel's secret and
    /// posts it to <paramref name="baseAddress"/>. Returns the HTTP status the console answered with.
    /// </summary>
    public async Task<int> CompleteAsync(string paymentId, SandboxOutcome outcome, string? payerName, Uri baseAddress, CancellationToken ct)
    {
        var payment = Find(paymentId) ?? throw new InvalidOperationException($"The sandbox has no payment {paymentId}.");
        var secret = secrets.WebhookSecret(payment.ChannelCode)
                     ?? throw new InvalidOperationException($"No webhook secret is set for the {payment.ChannelCode} channel (Payments:Channels:{payment.ChannelCode}:WebhookSecret).");
        var (body, header, value) = payment.Kind == ChannelKind.Card
            ? CardCallback(payment, outcome, payerName ?? payment.ClientName, secret)
            : CryptoCallback(payment, outcome, secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, $"webhooks/payments/{payment.ChannelCode}"))
        {
            Content = new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } },
        };
        request.Headers.TryAddWithoutValidation(header, value);
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        payment.Outcome = outcome.ToString();
        log.LogInformation("Sandbox {Channel} payment {Payment} ({Reference}): {Outcome}, the console answered {Status}",
            payment.ChannelCode, payment.Id, payment.Reference, outcome, (int)response.StatusCode);
        return (int)response.StatusCode;
    }

    private (byte[], string, string) CardCallback(SandboxPayment p, SandboxOutcome outcome, string payer, string secret)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var succeeded = outcome == SandboxOutcome.Pay;
        var intent = new JsonObject
        {
            ["id"] = p.Id,
            ["object"] = "payment_intent",
            ["amount"] = p.Amount.Minor,
            ["amount_received"] = succeeded ? p.Amount.Minor : 0,
            ["currency"] = p.Amount.Currency.ToLowerInvariant(),
            ["status"] = succeeded ? "succeeded" : "requires_payment_method",
            ["metadata"] = new JsonObject { ["deposit_ref"] = p.Reference },
            ["charges"] = new JsonObject
            {
                ["data"] = new JsonArray(new JsonObject
                {
                    ["billing_details"] = new JsonObject { ["name"] = payer },
                    ["payment_method_details"] = new JsonObject
                    {
                        ["card"] = new JsonObject { ["brand"] = "visa", ["last4"] = "4242", ["fingerprint"] = "fp_" + Fingerprint(payer) },
                    },
                }),
            },
        };
        if (!succeeded)
            intent["last_payment_error"] = outcome == SandboxOutcome.Decline
                ? new JsonObject { ["code"] = "card_declined", ["decline_code"] = "insufficient_funds", ["message"] = "Your card has insufficient funds." }
                : new JsonObject { ["code"] = "processing_error", ["message"] = "An error occurred while processing your card. Try again in a little bit." };
        var body = new JsonObject
        {
            ["id"] = "evt_sbx_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            ["object"] = "event",
            ["type"] = succeeded ? "payment_intent.succeeded" : "payment_intent.payment_failed",
            ["created"] = now,
            ["data"] = new JsonObject { ["object"] = intent },
        };
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        return (bytes, CardWebhook.SignatureHeader, CardWebhook.Sign(bytes, now, secret));
    }

    private static (byte[], string, string) CryptoCallback(SandboxPayment p, SandboxOutcome outcome, string secret)
    {
        var price = p.Amount.Amount;
        var payAmount = Math.Round(price * 1.0004m, 6); // the processor's rate: a little over one USDT per dollar
        var status = outcome switch
        {
            SandboxOutcome.Pay => "finished",
            SandboxOutcome.PayPart => "partially_paid",
            SandboxOutcome.Decline => "expired",
            _ => "failed",
        };
        var body = new JsonObject
        {
            ["payment_id"] = long.Parse(p.Id, CultureInfo.InvariantCulture),
            ["payment_status"] = status,
            ["pay_address"] = "TSbx" + Fingerprint(p.Reference)[..20],
            ["price_amount"] = price,
            ["price_currency"] = p.Amount.Currency.ToLowerInvariant(),
            ["pay_amount"] = payAmount,
            ["actually_paid"] = outcome switch { SandboxOutcome.Pay => payAmount, SandboxOutcome.PayPart => Math.Round(payAmount / 2, 6), _ => 0m },
            ["pay_currency"] = "usdttrc20",
            ["order_id"] = p.Reference,
            ["order_description"] = p.Description,
        };
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        return (bytes, CryptoIpn.SignatureHeader, CryptoIpn.Sign(bytes, secret));
    }

    private static string Fingerprint(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
}
