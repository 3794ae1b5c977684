using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Tests.Funds.Withdrawals;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BackOffice.Tests.Browser;

[Collection("Browser")]
public sealed class WithdrawalWorkflowTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_12000_withdrawal_is_approved_at_L1_and_L2_by_two_finance_officers_paid_by_voucher_while_a_managers_badges_follow()
    {
        var app = fixture.App;
        var issued = await app.SendAs("admin", new IssueApiKey("Client portal", [ApiScopes.Portal]));
        Must.Succeed(issued);
        using var portal = new HttpClient { BaseAddress = app.BaseAddress };
        portal.DefaultRequestHeaders.Add("X-Api-Key", issued.Value!.Key);
        var (clientId, account, bank) = await WithdrawalBook.FundedAsync(app);

        var manager = await fixture.SignedInPageAsync("manager");
        var atL1 = manager.Locator("[data-testid='badge-funds.withdrawalsL1']");
        var atL2 = manager.Locator("[data-testid='badge-funds.withdrawalsL2']");
        var toPay = manager.Locator("[data-testid='badge-funds.awaitingPayout']");
        await Expect(atL1).ToHaveCountAsync(0);

        var asked = await portal.PostAsJsonAsync($"/api/v1/clients/{clientId}/withdrawals",
            new { login = account.Login, channel = "wire", destinationId = bank, amount = 12_000m, currency = "USD" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var body = await asked.Content.ReadFromJsonAsync<JsonElement>();
        var reference = body.GetProperty("reference").GetString()!;
        var id = body.GetProperty("withdrawalId").GetInt64();
        Assert.Equal("processing", body.GetProperty("status").GetString());
        await Expect(atL1).ToHaveTextAsync("1", new() { Timeout = 10_000 });

        // Level 1 by one finance officer …
        var first = await fixture.SignedInPageAsync("finance");
        await first.ClickAsync("[data-testid='nav-funds-withdrawals-l1']");
        await BrowserFixture.WaitInteractiveAsync(first);
        await first.ClickAsync($"[data-testid='decide-{reference}']");
        await Expect(first.Locator("[data-testid='decision-checks']")).ToContainTextAsync("Available balance");
        await BrowserFixture.ScreenshotAsync(first, "withdrawal-decision");
        await first.ClickAsync("[data-testid='decision-approve']");
        await Expect(first.Locator($"[data-testid='decide-{reference}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(atL1).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(atL2).ToHaveTextAsync("1", new() { Timeout = 10_000 });

        // … level 2 by another, in another browser.
        var second = await fixture.SignedInPageAsync("finance2");
        await second.ClickAsync("[data-testid='nav-funds-withdrawals-l2']");
        await BrowserFixture.WaitInteractiveAsync(second);
        await second.ClickAsync($"[data-testid='decide-{reference}']");
        await Expect(second.Locator("[data-testid='decision-approval-L1']")).ToContainTextAsync("L1 by finance");
        await second.ClickAsync("[data-testid='decision-approve']");
        await Expect(atL2).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(toPay).ToHaveTextAsync("1", new() { Timeout = 10_000 });

        // The wire goes out from the bank; the voucher marks it paid.
        await first.ClickAsync("[data-testid='nav-funds-withdrawals-payout']");
        await BrowserFixture.WaitInteractiveAsync(first);
        await first.ClickAsync($"[data-testid='voucher-{reference}']");
        await first.FillAsync("[data-testid='voucher-reference']", "BARC-OUT-7781");
        await first.SetInputFilesAsync("[data-testid='voucher-file']", new FilePayload
        {
            Name = "swift-confirmation.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4 MT103 confirmation"u8.ToArray(),
        });
        await Expect(first.Locator("[data-testid='voucher-file-name']")).ToHaveTextAsync("swift-confirmation.pdf");
        await BrowserFixture.ScreenshotAsync(first, "withdrawal-voucher");
        await first.ClickAsync("[data-testid='voucher-save']");
        await Expect(first.Locator($"[data-testid='withdrawal-{reference}']")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Expect(toPay).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        var paid = await WithdrawalBook.LoadAsync(app, id);
        Assert.Equal((WithdrawalStatus.Paid, "BARC-OUT-7781"), (paid.Status, paid.VoucherReference));
        var read = await (await portal.GetAsync($"/api/v1/clients/{clientId}/withdrawals/{id}")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("paid", read.GetProperty("status").GetString());
        await first.GotoAsync("/funds/withdrawals?view=paid");
        await BrowserFixture.WaitInteractiveAsync(first);
        await Expect(first.Locator($"[data-testid='wstatus-{reference}']")).ToHaveTextAsync("paid", new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(first, "withdrawals-paid");
    }
}
