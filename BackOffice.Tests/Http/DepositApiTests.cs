using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Funds.Payments;
using BackOffice.Tests.Funds.Deposits;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Http;

/// <summary>The portal starts a deposit, the client pays the crypto invoice, the portal reads the result.</summary>
[Trait("Category", "Database")]
public sealed class DepositApiTests(SharedApp app) : IClassFixture<SharedApp>
{
    private const string CryptoSecret = "ipn_sandbox_crypto_replace_in_production";

    [Fact]
    public async Task The_portal_starts_a_crypto_deposit_and_reads_it_credited_after_the_signed_ipn()
    {
        var issued = await app.SendAs("admin", new IssueApiKey("Client portal", [ApiScopes.Portal]));
        Must.Succeed(issued);
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", issued.Value!.Key);
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);

        var created = await http.PostAsJsonAsync($"/api/v1/clients/{clientId}/deposits", new { login = account.Login, channel = "crypto", amount = 400m, currency = "USD" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var depositId = body.GetProperty("depositId").GetInt64();
        var reference = body.GetProperty("reference").GetString()!;
        Assert.StartsWith("/sandbox/checkout/", body.GetProperty("checkoutUrl").GetString());
        Assert.Equal("awaiting_payment", (await ReadAsync(http, clientId, depositId)).GetProperty("status").GetString());
        var paymentId = (await DepositBook.LoadAsync(app, depositId)).ProviderOrderId!;

        // What the processor posts; keys unsorted and spaced as a real sender might.
        var ipn = Encoding.UTF8.GetBytes(
            $"{{ \"payment_status\": \"finished\", \"payment_id\": {paymentId}, \"order_id\": \"{reference}\", \"price_amount\": 400, \"price_currency\": \"usd\", \"pay_amount\": 400.16, \"actually_paid\": 400.16, \"pay_currency\": \"usdttrc20\", \"pay_address\": \"TAbc\" }}");
        using var anonymous = app.CreateClient();
        var forged = new HttpRequestMessage(HttpMethod.Post, "/webhooks/payments/crypto") { Content = new ByteArrayContent(ipn) };
        forged.Headers.TryAddWithoutValidation(CryptoIpn.SignatureHeader, CryptoIpn.Sign(ipn, "not-the-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(forged)).StatusCode);
        Assert.Equal("awaiting_payment", (await ReadAsync(http, clientId, depositId)).GetProperty("status").GetString());

        var signed = new HttpRequestMessage(HttpMethod.Post, "/webhooks/payments/crypto") { Content = new ByteArrayContent(ipn) };
        signed.Headers.TryAddWithoutValidation(CryptoIpn.SignatureHeader, CryptoIpn.Sign(ipn, CryptoSecret));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(signed)).StatusCode);

        var read = await ReadAsync(http, clientId, depositId);
        Assert.Equal("credited", read.GetProperty("status").GetString());
        Assert.Equal(398m, read.GetProperty("credited").GetDecimal()); // less the 0.5 % fee
    }

    [Fact]
    public async Task Bad_requests_from_the_portal_are_refused_with_a_reason()
    {
        var issued = await app.SendAs("admin", new IssueApiKey("Client portal", [ApiScopes.Portal]));
        using var http = app.CreateClient();
        http.DefaultRequestHeaders.Add("X-Api-Key", issued.Value!.Key);
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var before = await app.Db(db => db.Deposits.CountAsync());

        var tooPrecise = await http.PostAsJsonAsync($"/api/v1/clients/{clientId}/deposits", new { login = account.Login, channel = "card", amount = 10.005m, currency = "USD" });
        Assert.Equal(HttpStatusCode.BadRequest, tooPrecise.StatusCode);
        var other = await http.PostAsJsonAsync($"/api/v1/clients/{clientId + 100_000}/deposits", new { login = account.Login, channel = "card", amount = 100m, currency = "USD" });
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var unknownCurrency = await http.PostAsJsonAsync($"/api/v1/clients/{clientId}/deposits", new { login = account.Login, channel = "card", amount = 100m, currency = "XYZ" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownCurrency.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/v1/clients/{clientId}/deposits/999999")).StatusCode);
        Assert.Equal(before, await app.Db(db => db.Deposits.CountAsync()));
    }

    private static async Task<JsonElement> ReadAsync(HttpClient http, long clientId, long depositId)
    {
        var answer = await http.GetAsync($"/api/v1/clients/{clientId}/deposits/{depositId}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }
}
