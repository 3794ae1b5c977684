using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Staff.FourEyes;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Accounts.TradingAccounts;

[Trait("Category", "Database")]
public sealed class TradingAccountTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Task<int> TypeId(string name) => app.Db(db => db.AccountTypes.Where(t => t.Name == name).Select(t => t.Id).FirstAsync());

    [Fact]
    public async Task A_live_account_is_refused_before_approval_but_a_demo_account_is_opened()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.PendingReview);
        var error = Must.Fail(await app.SendAs("support", new OpenTradingAccount(id, await TypeId("Standard"), "USD")), "client.not_approved");
        Assert.Contains("pending review", error.Message, StringComparison.Ordinal);
        Must.Succeed(await app.SendAs("support", new OpenTradingAccount(id, await TypeId("Demo"), "USD")));
    }

    [Fact]
    public async Task The_grid_filtered_by_account_type_counts_each_client_once()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var islamic = await TypeId("Islamic");
        Must.Succeed(await app.SendAs("support", new OpenTradingAccount(id, islamic, "USD")));
        Must.Succeed(await app.SendAs("support", new OpenTradingAccount(id, islamic, "EUR")));
        var holders = await app.Db(db => db.TradingAccounts.Where(a => a.AccountTypeId == islamic).Select(a => a.ClientId).Distinct().CountAsync());
        var page = await app.QueryAs("support", new BackOffice.Core.Accounts.Clients.ClientGrid(
            new BackOffice.Core.Accounts.Clients.ClientFilter { AccountTypeId = islamic }, 0, 100));
        Assert.Equal(holders, page.Total);
        Assert.Single(page.Items, r => r.Id == id);
    }

    [Fact]
    public async Task A_currency_or_leverage_the_type_does_not_offer_is_refused()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var currency = Must.Fail(await app.SendAs("support", new OpenTradingAccount(id, await TypeId("Pro"), "EUR")), "validation");
        Assert.Equal(["Pro accounts are held in USD, not EUR."], currency.Fields!["Currency"]);
        var leverage = Must.Fail(await app.SendAs("support", new OpenTradingAccount(id, await TypeId("Pro"), "USD", 500)), "validation");
        Assert.Equal(["1:500 is above the maximum of 1:100 for Pro accounts."], leverage.Fields!["Leverage"]);
        var aboveDefault = Must.Fail(await app.SendAs("support", new OpenTradingAccount(id, await TypeId("Standard"), "USD", 500)), "validation");
        Assert.StartsWith("Accounts open at up to 1:100", aboveDefault.Fields!["Leverage"][0], StringComparison.Ordinal);
        Assert.Equal(0, await app.Db(db => db.TradingAccounts.CountAsync(a => a.ClientId == id)));
    }

    [Fact]
    public async Task A_leverage_change_is_four_eyes_and_reaches_the_platform_after_approval()
    {
        var (_, account) = await ClientBook.ApprovedWithAccountAsync(app);
        var requested = await app.SendAs("risk", new ChangeLeverage(account.Id, 200, "Experienced trader, asked in writing"));
        Assert.True(requested.IsPendingApproval);
        Assert.Equal(100, (await ClientBook.AccountAsync(app, account.Id)).Leverage);

        Must.Succeed(await app.SendAs("compliance", new ApprovePendingOperation(requested.PendingOperationId!.Value, "ok")));
        Assert.Equal(SyncState.Pending, (await ClientBook.AccountAsync(app, account.Id)).Sync);
        await ClientBook.SyncAsync(app);
        Assert.Equal(200, (await ClientBook.Simulator(app).GetAccountAsync(account.Login, CancellationToken.None)).Settings.Leverage);
        var message = await app.Db(db => db.AuditEntries.SingleAsync(a => a.Action == nameof(ChangeLeverage) && a.ApproverName == "compliance" && a.After!.Contains(account.Login.ToString())));
        Assert.Equal("risk", message.ActorName);
    }

    [Theory]
    [InlineData(1000, "above the maximum of 1:500")]
    [InlineData(400, "not offered on Standard accounts")]
    public async Task A_leverage_outside_the_type_is_refused_before_a_checker_is_asked(int leverage, string why)
    {
        var (_, account) = await ClientBook.ApprovedWithAccountAsync(app);
        var pending = await app.Db(db => db.PendingOperations.CountAsync());
        var error = Must.Fail(await app.SendAs("risk", new ChangeLeverage(account.Id, leverage, "asked")), "validation");
        Assert.Contains(why, error.Fields!["Leverage"][0], StringComparison.Ordinal);
        Assert.Equal(pending, await app.Db(db => db.PendingOperations.CountAsync()));
    }

    [Fact]
    public async Task The_capability_panel_explains_why_a_restricted_client_cannot_withdraw()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Restricted);
        var view = await app.QueryAs("support", new BackOffice.Core.Accounts.Clients.GetClient360(id));
        var withdraw = view!.Capabilities.Single(c => c.Capability == Capability.Withdraw);
        Assert.False(withdraw.Allowed);
        Assert.Equal("No: the client is restricted (abnormal activity, since 2026-11-26: \"Third-party deposits\"). This restriction allows only: use the client area, close positions.",
            withdraw.Why);
        Assert.True(view.Capabilities.Single(c => c.Capability == Capability.ClosePositions).Allowed);

        var pending = await ClientBook.InStatusAsync(app, ClientStatus.PendingDocuments);
        var pendingView = await app.QueryAs("support", new BackOffice.Core.Accounts.Clients.GetClient360(pending));
        Assert.Equal("No: the client is waiting for documents, since 2026-11-26, and clients who are waiting for documents cannot withdraw; it is open to approved clients.",
            pendingView!.Capabilities.Single(c => c.Capability == Capability.Withdraw).Why);
    }

    [Fact]
    public async Task An_account_type_edit_from_an_outdated_page_is_refused_and_applies_only_to_new_accounts()
    {
        var (_, existing) = await ClientBook.ApprovedWithAccountAsync(app, "Islamic");
        var type = await app.Db(db => db.AccountTypes.AsNoTracking().FirstAsync(t => t.Name == "Islamic"));
        var settings = new BackOffice.Core.Accounts.AccountTypes.AccountTypeSettings("Islamic", "real\\islamic-2", ["USD", "EUR"], 100, 200,
            [1, 10, 50, 100, 200], 10_000, true, false, true);
        Must.Succeed(await app.SendAs("admin", new BackOffice.Core.Accounts.AccountTypes.UpdateAccountType(type.Id, settings, "New platform group", type.Version)));
        Must.Fail(await app.SendAs("admin", new BackOffice.Core.Accounts.AccountTypes.UpdateAccountType(type.Id, settings with { MaxLeverage = 100, AllowedLeverages = [1, 10, 50, 100] }, "stale", type.Version)), "conflict");
        Assert.Equal("real\\islamic", (await ClientBook.AccountAsync(app, existing.Id)).Group);
        var id = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var opened = await app.SendAs("support", new OpenTradingAccount(id, type.Id, "USD"));
        Assert.Equal("real\\islamic-2", (await ClientBook.AccountAsync(app, opened.Value)).Group);
        Must.Succeed(await app.SendAs("admin", new BackOffice.Core.Accounts.AccountTypes.UpdateAccountType(type.Id,
            settings with { PlatformGroup = "real\\islamic" }, "Back")));
    }

    [Fact]
    public async Task Changing_the_matrix_changes_what_clients_of_that_status_can_do()
    {
        var id = await ClientBook.InStatusAsync(app, ClientStatus.PendingReview);
        Must.Succeed(await app.SendAs("admin", new BackOffice.Core.Accounts.AccountTypes.SetStatusCapability(ClientStatus.PendingReview, Capability.Deposit, true, "Allow deposits during review")));
        try
        {
            var view = await app.QueryAs("support", new BackOffice.Core.Accounts.Clients.GetClient360(id));
            Assert.True(view!.Capabilities.Single(c => c.Capability == Capability.Deposit).Allowed);
            Must.Fail(await app.SendAs("admin", new BackOffice.Core.Accounts.AccountTypes.SetStatusCapability(ClientStatus.Closed, Capability.Deposit, true, "no")), "matrix.closed");
        }
        finally
        {
            Must.Succeed(await app.SendAs("admin", new BackOffice.Core.Accounts.AccountTypes.SetStatusCapability(ClientStatus.PendingReview, Capability.Deposit, false, "Back to default")));
        }
    }
}
