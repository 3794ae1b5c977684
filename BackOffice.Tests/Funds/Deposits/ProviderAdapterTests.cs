using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Payments;
using BackOffice.Infrastructure.Payments;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BackOffice.Tests.Funds.Deposits;

/// <summary>
/// A stand-in for the processors' HTTP APIs on 127.0.0.1: it answers as Stripe and NOWPayments document, and keeps every
/// request it was sent so a test can read what the adapter asked.
/// </summary>
public sealed class FakeProviderApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    public ConcurrentQueue<(string Method, string Path, Dictionary<string, string> Headers, string Body)> Requests { get; } = new();
    public bool Down { get; set; }
    public Uri BaseUrl { get; }

    private FakeProviderApi(WebApplication app, Uri baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public static async Task<FakeProviderApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeProviderApi? self = null;
        app.Use(async (http, next) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            self!.Requests.Enqueue((http.Request.Method, http.Request.Path.Value!, http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString()), body));
            if (self.Down)
            {
                http.Response.StatusCode = 503;
                await http.Response.WriteAsync("{\"error\":{\"message\":\"Service unavailable\"}}");
                return;
            }
            await next(http);
        });
        app.MapPost("/v1/checkout/sessions", () => Results.Json(new { id = "cs_test_a1", url = "https://checkout.example/c/pay/cs_test_a1", payment_intent = (string?)null }));
        app.MapGet("/v1/checkout/sessions/{id}", (string id) => Results.Json(new { id, payment_intent = "pi_test_a1" }));
        app.MapPost("/v1/refunds", () => Results.Json(new { id = "re_test_a1", status = "succeeded" }));
        app.MapPost("/v1/invoice", () => Results.Json(new { id = "4522625843", invoice_url = "https://nowpayments.example/payment/?iid=4522625843" }));
        app.MapPost("/v1/auth", () => Results.Json(new { token = "jwt-test" }));
        app.MapPost("/v1/payout", (HttpRequest r) => r.Headers.Authorization.ToString() == "Bearer jwt-test"
            ? Results.Json(new { id = "5000000713", withdrawals = new[] { new { id = "5000000000", status = "WAITING" } } })
            : Results.Json(new { message = "Authorization required", code = "AUTH_REQUIRED" }, statusCode: 401));
        await app.StartAsync();
        var address = app.Urls.First();
        self = new FakeProviderApi(app, new Uri(address.EndsWith('/') ? address : address + "/"));
        return self;
    }

    public (string Method, string Path, Dictionary<string, string> Headers, string Body) Last(string path) => Requests.Last(r => r.Path == path);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>An app whose card channel may use Stripe and crypto channel NOWPayments, both pointed at the fake API.</summary>
public sealed class ProviderApp : IAsyncLifetime
{
    public FakeProviderApi Api { get; private set; } = default!;
    public TestApp App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Api = await FakeProviderApi.StartAsync();
        App = new TestApp(settings: new Dictionary<string, string>
        {
            ["Payments:Channels:card:ApiKey"] = "sk_test_backoffice",
            ["Payments:Channels:card:BaseUrl"] = Api.BaseUrl.ToString(),
            ["Payments:Channels:card:ReturnUrl"] = "https://portal.example/funds",
            ["Payments:Channels:crypto:ApiKey"] = "np_test_key",
            ["Payments:Channels:crypto:BaseUrl"] = Api.BaseUrl.ToString(),
            ["Payments:Channels:crypto:ReturnUrl"] = "https://portal.example/funds",
            ["Payments:Channels:crypto:CallbackUrl"] = "https://backoffice.example/webhooks/payments/crypto",
            ["Payments:Channels:crypto:Email"] = "treasury@broker.example",
            ["Payments:Channels:crypto:Password"] = "np-password",
            ["Payments:Channels:crypto:PayoutCurrency"] = "usdttrc20",
        });
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Api.DisposeAsync();
    }
}

[Trait("Category", "Database")]
public sealed class ProviderAdapterTests(ProviderApp fixture) : IClassFixture<ProviderApp>
{
    private const string CardSecret = "whsec_sandbox_card_replace_in_production";
    private TestApp app => fixture.App;

    private async Task<PaymentChannel> UseAsync(string code, string provider)
    {
        var channel = await app.Db(db => db.PaymentChannels.AsNoTracking().FirstAsync(c => c.Code == code));
        if (channel.Provider != provider)
            Must.Succeed(await app.SendAs("admin", new UpdatePaymentChannel(channel.Id, ChannelSettings.Of(channel) with { Provider = provider }, "Going live")));
        return await app.Db(db => db.PaymentChannels.AsNoTracking().FirstAsync(c => c.Code == code));
    }

    [Fact]
    public async Task A_card_deposit_opens_a_Stripe_checkout_session_is_credited_by_its_webhook_and_refunded_through_Stripe()
    {
        var wire = await app.Db(db => db.PaymentChannels.AsNoTracking().FirstAsync(c => c.Code == "wire"));
        var refusedWire = Must.Fail(await app.SendAs("admin", new UpdatePaymentChannel(wire.Id, ChannelSettings.Of(wire) with { Provider = "stripe" }, "try")), "validation");
        Assert.Contains("cannot carry", string.Join(" ", refusedWire.Fields!.Values.SelectMany(v => v)));
        await UseAsync("card", "stripe");
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);

        var started = await DepositBook.StartAsync(app, account.Id, "card", 150m);
        Assert.Equal("https://checkout.example/c/pay/cs_test_a1", started.CheckoutUrl);
        var sent = fixture.Api.Last("/v1/checkout/sessions");
        Assert.Equal("Bearer sk_test_backoffice", sent.Headers["Authorization"]);
        Assert.Equal("deposit-" + started.Reference, sent.Headers["Idempotency-Key"]);
        var form = sent.Body.Split('&').Select(p => p.Split('=')).ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p[1]));
        Assert.Equal(("15000", "usd", started.Reference, "payment"),
            (form["line_items[0][price_data][unit_amount]"], form["line_items[0][price_data][currency]"], form["payment_intent_data[metadata][deposit_ref]"], form["mode"]));
        Assert.StartsWith("https://portal.example/funds?deposit=" + started.Reference, form["success_url"]);
        Assert.Equal("cs_test_a1", (await DepositBook.LoadAsync(app, started.DepositId)).ProviderOrderId);

        // Stripe's webhook names the payment intent; our reference in its metadata finds the deposit.
        var body = Encoding.UTF8.GetBytes("{\"id\":\"evt_live_1\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":{\"id\":\"pi_test_a1\",\"amount\":15000,"
                                          + "\"amount_received\":15000,\"currency\":\"usd\",\"metadata\":{\"deposit_ref\":\"" + started.Reference + "\"}}}}");
        using var http = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/payments/card") { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation(CardWebhook.SignatureHeader, CardWebhook.Sign(body, app.Clock.GetUtcNow().ToUnixTimeSeconds(), CardSecret));
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        Assert.Equal(DepositStatus.Credited, (await DepositBook.LoadAsync(app, started.DepositId)).Status);

        Must.Succeed(await app.SendAs("finance", new RefundDeposit(started.DepositId, "Client asked for the money back")));
        var refund = fixture.Api.Last("/v1/refunds");
        Assert.StartsWith("refund-", refund.Headers["Idempotency-Key"]);
        Assert.Contains("payment_intent=pi_test_a1", refund.Body);
        Assert.Contains("amount=15000", refund.Body);
        Assert.Equal(DepositStatus.Refunded, (await DepositBook.LoadAsync(app, started.DepositId)).Status);

        // Stripe not answering: the deposit is not started, and the person is told to try again.
        fixture.Api.Down = true;
        try
        {
            var deposits = await app.Db(db => db.Deposits.CountAsync());
            var refused = await app.SendAs("finance", new StartDeposit(account.Id, "card", 90m, "USD"));
            Assert.Contains("Stripe is not answering", Must.Fail(refused, "provider.unavailable").Message);
            Assert.Equal(deposits, await app.Db(db => db.Deposits.CountAsync()));
        }
        finally
        {
            fixture.Api.Down = false;
        }
    }

    [Fact]
    public async Task A_crypto_deposit_is_a_NOWPayments_invoice_and_a_payout_signs_in_and_sends_a_batch_of_one()
    {
        var channel = await UseAsync("crypto", "nowpayments");
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "crypto", 250m);
        Assert.Equal("https://nowpayments.example/payment/?iid=4522625843", started.CheckoutUrl);
        var invoice = fixture.Api.Last("/v1/invoice");
        Assert.Equal("np_test_key", invoice.Headers["x-api-key"]);
        var json = JsonNode.Parse(invoice.Body)!;
        Assert.Equal((250m, "usd", started.Reference, "https://backoffice.example/webhooks/payments/crypto"),
            (json["price_amount"]!.GetValue<decimal>(), json["price_currency"]!.GetValue<string>(), json["order_id"]!.GetValue<string>(), json["ipn_callback_url"]!.GetValue<string>()));

        var provider = app.Services.GetServices<IPaymentProvider>().Single(p => p.Name == "nowpayments");
        var id = await provider.PayoutAsync(channel, new PayoutOrder("W-100777", Core.Common.Money.From(120m, "USD").Value, "TXyzAddress", "Pat Client"), CancellationToken.None);
        Assert.Equal("5000000000", id);
        var payout = JsonNode.Parse(fixture.Api.Last("/v1/payout").Body)!["withdrawals"]![0]!;
        Assert.Equal(("TXyzAddress", "usdttrc20", 120m, "W-100777"),
            (payout["address"]!.GetValue<string>(), payout["currency"]!.GetValue<string>(), payout["amount"]!.GetValue<decimal>(), payout["unique_external_id"]!.GetValue<string>()));
        var refund = await Assert.ThrowsAsync<PaymentProviderException>(() => provider.RefundAsync(channel, "4522625843", Core.Common.Money.From(1m, "USD").Value, "R-1", CancellationToken.None));
        Assert.False(refund.Transient);

        var unconfigured = new NowPaymentsInvoices(app.Services.GetRequiredService<IHttpClientFactory>(), new ConfigurationBuilder().Build());
        Assert.Equal("Set Payments:Channels:crypto:ApiKey, Payments:Channels:crypto:CallbackUrl, Payments:Channels:crypto:ReturnUrl in appsettings.json first.",
            unconfigured.NotReadyFor(channel));
    }
}
