using BackOffice.Core.Funds.Channels;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Infrastructure.Payments;
using BackOffice.Tests.Funds.Deposits;
using BackOffice.Web.Components.Layout;
using BackOffice.Web.Features.Funds;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BackOffice.Tests.Pages;

public sealed class FundsPagesTests(SharedApp app) : IClassFixture<SharedApp>
{
    [Fact]
    public async Task A_third_party_payment_is_shown_with_its_match_and_accepted_with_a_reason()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "card", 250m);
        await DepositBook.CompleteAsync(app, started, SandboxOutcome.Pay, payer: "Olga Outsider");

        await using var finance = await PageTestContext.AsAsync(app, "finance2");
        var dialogs = finance.Context.Render<MudDialogProvider>();
        var page = finance.Context.Render<DepositsPage>();
        var row = page.WaitForElement($"[data-testid='deposit-{started.Reference}']");
        Assert.Contains("Olga Outsider", row.TextContent);
        Assert.Equal("in manual review", page.Find($"[data-testid='status-{started.Reference}']").TextContent.Trim());

        page.Find($"[data-testid='accept-{started.Reference}']").Click();
        dialogs.WaitForElement("[data-testid='confirm-reason']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Reason is required.", dialogs.Markup), TimeSpan.FromSeconds(5));
        dialogs.Find("[data-testid='reason']").Input("Joint account holder, statement on file");
        dialogs.Find("[data-testid='confirm-reason']").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid='deposit-{started.Reference}']")), TimeSpan.FromSeconds(5));
        Assert.Equal(DepositStatus.Credited, (await DepositBook.LoadAsync(app, started.DepositId)).Status);
    }

    [Fact]
    public async Task A_wire_is_matched_to_its_statement_line_and_a_missing_payer_is_refused_first()
    {
        var (clientId, account) = await DepositBook.LowRiskAccountAsync(app);
        var started = await DepositBook.StartAsync(app, account.Id, "wire", 2_500m);
        var holder = (await Accounts.ClientBook.ClientAsync(app, clientId)).DisplayName;

        await using var finance = await PageTestContext.AsAsync(app, "finance2");
        var dialogs = finance.Context.Render<MudDialogProvider>();
        var page = finance.Context.Render<DepositsPage>();
        var views = page.FindComponent<MudToggleGroup<DepositView>>();
        await page.InvokeAsync(() => views.Instance.ValueChanged.InvokeAsync(DepositView.Awaiting));
        page.WaitForElement($"[data-testid='wire-{started.Reference}']").Click();

        dialogs.WaitForElement("[data-testid='wire-reference']").Change("BARC-7781");
        dialogs.Find("[data-testid='wire-confirm']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("ordering customer", dialogs.Markup), TimeSpan.FromSeconds(5));
        Assert.Equal(DepositStatus.AwaitingPayment, (await DepositBook.LoadAsync(app, started.DepositId)).Status);

        dialogs.Find("[data-testid='wire-payer']").Change(holder);
        dialogs.Find("[data-testid='wire-confirm']").Click();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll($"[data-testid='wire-{started.Reference}']")), TimeSpan.FromSeconds(5));
        Assert.Equal(DepositStatus.Credited, (await DepositBook.LoadAsync(app, started.DepositId)).Status);
    }

    [Fact]
    public async Task Finance_starts_a_card_deposit_by_login_and_gets_the_payment_link()
    {
        var (_, account) = await DepositBook.LowRiskAccountAsync(app);
        await using var finance = await PageTestContext.AsAsync(app, "finance");
        var dialogs = finance.Context.Render<MudDialogProvider>();
        var page = finance.Context.Render<DepositsPage>();
        page.WaitForElement("[data-testid='new-deposit']").Click();

        var login = dialogs.WaitForComponent<MudNumericField<long?>>();
        await dialogs.InvokeAsync(() => login.Instance.ValueChanged.InvokeAsync(account.Login));
        dialogs.WaitForAssertion(() => Assert.Contains("Standard in USD", dialogs.Find("[data-testid='deposit-holder']").TextContent), TimeSpan.FromSeconds(5));
        var channel = dialogs.FindComponent<MudSelect<string>>();
        await dialogs.InvokeAsync(() => channel.Instance.ValueChanged.InvokeAsync("card"));
        var amount = dialogs.FindComponent<MudNumericField<decimal?>>();
        await dialogs.InvokeAsync(() => amount.Instance.ValueChanged.InvokeAsync(50_000m));
        dialogs.Find("[data-testid='deposit-start']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("The maximum through Card is 20000 USD", dialogs.Find("[data-testid='deposit-error']").TextContent), TimeSpan.FromSeconds(5));

        await dialogs.InvokeAsync(() => amount.Instance.ValueChanged.InvokeAsync(300m));
        dialogs.Find("[data-testid='deposit-start']").Click();
        var link = dialogs.WaitForElement("[data-testid='deposit-checkout']");
        Assert.StartsWith("/sandbox/checkout/pi_sbx_", link.GetAttribute("href"));
        Assert.True(await app.Db(db => db.Deposits.AnyAsync(d => d.TradingAccountId == account.Id && d.Status == DepositStatus.AwaitingPayment)));
    }

    [Fact]
    public async Task An_administrator_changes_a_channel_with_a_reason_and_bad_limits_are_refused()
    {
        await using var admin = await PageTestContext.AsAsync(app, "admin");
        var dialogs = admin.Context.Render<MudDialogProvider>();
        var page = admin.Context.Render<PaymentChannelsPage>();
        page.WaitForElement("[data-testid='edit-channel-crypto']").Click();

        var min = dialogs.WaitForComponents<MudNumericField<decimal>>().First(f => f.Instance.Label == "Minimum");
        await dialogs.InvokeAsync(() => min.Instance.ValueChanged.InvokeAsync(0m));
        dialogs.Find("[data-testid='channel-reason']").Change("Lower limit");
        dialogs.Find("[data-testid='channel-save']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("The minimum must be more than zero.", dialogs.Find("[data-testid='channel-error']").TextContent), TimeSpan.FromSeconds(5));

        await dialogs.InvokeAsync(() => min.Instance.ValueChanged.InvokeAsync(50m));
        var auto = dialogs.FindComponent<MudNumericField<decimal?>>();
        await dialogs.InvokeAsync(() => auto.Instance.ValueChanged.InvokeAsync(1_000m));
        dialogs.Find("[data-testid='channel-save']").Click();
        page.WaitForAssertion(() => Assert.Equal("low risk, up to 1,000", page.Find("[data-testid='auto-crypto']").TextContent.Trim()), TimeSpan.FromSeconds(5));
        var crypto = await app.Db(db => db.PaymentChannels.SingleAsync(c => c.Code == "crypto"));
        Assert.Equal((50m, 1_000m), (crypto.MinAmount, crypto.AutoApproveUpTo));

        await using var finance = await PageTestContext.AsAsync(app, "finance");
        Assert.Empty(finance.Context.Render<PaymentChannelsPage>().FindAll("[data-testid='edit-channel-crypto']"));
        Assert.Contains(">Deposits to confirm<", finance.Context.Render<NavMenu>().Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clients_funds_tab_shows_available_and_reserved_money_and_the_movements()
    {
        var (clientId, account, bank) = await Funds.Withdrawals.WithdrawalBook.FundedAsync(app, 3_000m);
        await Funds.Withdrawals.WithdrawalBook.RequestAsync(app, account.Id, bank, 1_000m);
        await using var support = await PageTestContext.AsAsync(app, "support");
        var panel = support.Context.Render<ClientFundsPanel>(p => p.Add(x => x.ClientId, clientId));
        var row = panel.WaitForElement($"[data-testid='funds-{account.Login}']");
        Assert.Contains("2,000.00 USD", panel.Find($"[data-testid='available-{account.Login}']").TextContent);
        Assert.Contains("1,000.00 USD", row.TextContent);
        var movements = panel.Find("[data-testid='funds-movements']").TextContent;
        Assert.Contains("Deposit · Bank wire", movements);
        Assert.Contains("Withdrawal · Bank wire", movements);
        Assert.Contains("IBAN GB33", panel.Markup);
        Assert.Empty(panel.FindAll("[data-testid='funds-deposit']")); // support sees, does not start deposits
    }

    [Fact]
    public async Task The_ledger_explorer_lists_accounts_shows_entries_with_their_other_side_and_runs_the_check()
    {
        var (_, account, _) = await Funds.Withdrawals.WithdrawalBook.FundedAsync(app, 1_500m);
        await using var finance = await PageTestContext.AsAsync(app, "finance");
        var page = finance.Context.Render<LedgerPage>();
        page.WaitForElement("[data-testid='ledger-account-clearing:wire-USD']");
        page.Find($"[data-testid='ledger-account-client:{account.Id}-USD']").Click();
        page.WaitForAssertion(() => Assert.Contains("clearing:wire -1,500.00 USD", page.Find("[data-testid='ledger-entries']").TextContent), TimeSpan.FromSeconds(5));
        page.Find("[data-testid='ledger-check']").Click();
        page.WaitForAssertion(() => Assert.Contains("every balance equal to its entries", page.Find("[data-testid='ledger-check-result']").TextContent), TimeSpan.FromSeconds(5));
    }
}
