using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

[Collection("Browser")]
public sealed class DepositWorkflowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_client_pays_by_card_and_by_crypto_on_the_sandbox_finance_confirms_the_large_one_and_both_reach_the_platform()
    {
        var app = fixture.App;
        var issued = await app.SendAs("admin", new IssueApiKey("Client portal", [ApiScopes.Portal]));
        Must.Succeed(issued);
        using var portal = new HttpClient { BaseAddress = app.BaseAddress };
        portal.DefaultRequestHeaders.Add("X-Api-Key", issued.Value!.Key);
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var simulator = ClientBook.Simulator(app);
        var before = (await simulator.GetStateAsync(account.Login, CancellationToken.None)).Balance;

        async Task<(long Id, string Reference, string Checkout)> StartAsync(string channel, decimal amount)
        {
            var answer = await portal.PostAsJsonAsync($"/api/v1/clients/{clientId}/deposits", new { login = account.Login, channel, amount, currency = "USD" });
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
            return (body.GetProperty("depositId").GetInt64(), body.GetProperty("reference").GetString()!, body.GetProperty("checkoutUrl").GetString()!);
        }

        var manager = await fixture.SignedInPageAsync("manager");
        var toConfirm = manager.Locator("[data-testid='badge-funds.depositsToConfirm']");
        await Expect(toConfirm).ToHaveCountAsync(0);

        // The client pays 150 USD by card: small, low risk, credited at once.
        var card = await StartAsync("card", 150m);
        var client = await (await fixture.Browser.NewContextAsync()).NewPageAsync();
        await client.GotoAsync(new Uri(app.BaseAddress, card.Checkout.TrimStart('/')).ToString());
        await Expect(client.Locator("[data-testid='sandbox-amount']")).ToHaveTextAsync("150.00 USD");
        await BrowserFixture.ScreenshotAsync(client, "deposit-card-checkout");
        await client.ClickAsync("[data-testid='sandbox-pay']");
        await Expect(client.Locator("[data-testid='sandbox-done']")).ToContainTextAsync("Paid", new() { Timeout = 15_000 });
        Assert.Equal(DepositStatus.Credited, (await DepositBook.LoadAsync(app, card.Id)).Status);

        // Then 8,000 USD through the crypto processor: above automatic approval, so finance confirms it.
        var crypto = await StartAsync("crypto", 8_000m);
        await client.GotoAsync(new Uri(app.BaseAddress, crypto.Checkout.TrimStart('/')).ToString());
        await client.ClickAsync("[data-testid='sandbox-pay']");
        await Expect(client.Locator("[data-testid='sandbox-done']")).ToContainTextAsync("Paid", new() { Timeout = 15_000 });
        await Expect(toConfirm).ToHaveTextAsync("1", new() { Timeout = 10_000 });

        var finance = await fixture.SignedInPageAsync("finance2");
        await finance.ClickAsync("[data-testid='nav-funds-deposits-confirm']");
        await BrowserFixture.WaitInteractiveAsync(finance);
        await Expect(finance.Locator($"[data-testid='status-{crypto.Reference}']")).ToHaveTextAsync("awaiting confirmation", new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(finance, "deposit-to-confirm");
        await finance.ClickAsync($"[data-testid='confirm-{crypto.Reference}']");
        await Expect(finance.Locator($"[data-testid='deposit-{crypto.Reference}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(toConfirm).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        // Both reach the trading platform, once each.
        await DepositBook.DispatchAsync(app);
        var after = await simulator.GetStateAsync(account.Login, CancellationToken.None);
        Assert.Equal(before + 150m + 7_960m, after.Balance); // crypto less its 0.5 % fee
        await finance.ClickAsync("[data-testid='nav-funds-deposits-all']");
        await Expect(finance.Locator($"[data-testid='platform-{crypto.Reference}']")).ToHaveTextAsync("on platform", new() { Timeout = 10_000 });
        await Expect(finance.Locator($"[data-testid='platform-{card.Reference}']")).ToHaveTextAsync("on platform");
        await BrowserFixture.ScreenshotAsync(finance, "deposits-on-platform");
    }
}
