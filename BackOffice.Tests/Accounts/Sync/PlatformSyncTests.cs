using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.Sync;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Operations;
using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Platform;
using BackOffice.Infrastructure.Platform.Simulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Accounts.Sync;

/// <summary>Each test gets its own app: the simulator's mode and the alerts are shared state.</summary>
[Trait("Category", "Database")]
public sealed class PlatformSyncTests
{
    [Fact]
    public async Task Opening_an_account_creates_it_on_the_platform_with_the_rights_the_status_implies()
    {
        using var app = new TestApp();
        var (_, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Assert.True(account.OnPlatform);
        Assert.Equal(SyncState.InSync, account.Sync);
        var onPlatform = await ClientBook.Simulator(app).GetAccountAsync(account.Login, CancellationToken.None);
        Assert.Equal(new PlatformSettings("real\\standard", 100, new PlatformRights(true, TradingMode.Full)), onPlatform.Settings);
    }

    [Fact]
    public async Task A_restriction_made_while_the_account_is_being_opened_still_reaches_the_platform()
    {
        using var app = new TestApp();
        var clientId = await ClientBook.InStatusAsync(app, ClientStatus.Approved);
        var typeId = await app.Db(db => db.AccountTypes.Where(t => t.Name == "Standard").Select(t => t.Id).FirstAsync());
        var opened = await app.SendAs("support", new OpenTradingAccount(clientId, typeId, "USD"));
        var login = (await ClientBook.AccountAsync(app, opened.Value)).Login;

        // The dispatcher has read the account (full trading) and is on its way when compliance restricts the client.
        var simulator = ClientBook.Simulator(app);
        simulator.Lag = TimeSpan.FromMilliseconds(400);
        var sync = ClientBook.SyncAsync(app);
        await Task.Delay(150);
        Must.Succeed(await app.SendAs("compliance", new RestrictClient(clientId, RestrictionCategory.ComplianceHold, "List near-match")));
        await sync;
        simulator.Lag = TimeSpan.Zero;
        Assert.NotEqual(SyncState.InSync, (await ClientBook.AccountAsync(app, opened.Value)).Sync);

        await ClientBook.SyncAsync(app);
        Assert.Equal(SyncState.InSync, (await ClientBook.AccountAsync(app, opened.Value)).Sync);
        Assert.Equal(TradingMode.Disabled, (await simulator.GetAccountAsync(login, CancellationToken.None)).Settings.Rights.Trading);
    }

    [Fact]
    public async Task Changing_the_capability_matrix_reaches_every_account_of_that_status_on_the_platform()
    {
        using var app = new TestApp();
        var (_, account) = await ClientBook.ApprovedWithAccountAsync(app);
        Must.Succeed(await app.SendAs("admin", new BackOffice.Core.Accounts.AccountTypes.SetStatusCapability(
            ClientStatus.Approved, Capability.OpenPositions, false, "Market closed for the holiday: close-only")));
        Assert.Equal(TradingMode.CloseOnly, (await ClientBook.AccountAsync(app, account.Id)).Trading);
        await ClientBook.SyncAsync(app);
        Assert.Equal(TradingMode.CloseOnly, (await ClientBook.Simulator(app).GetAccountAsync(account.Login, CancellationToken.None)).Settings.Rights.Trading);
    }

    [Fact]
    public async Task A_restriction_made_while_the_platform_is_down_waits_raises_one_alert_and_applies_exactly_once_when_it_returns()
    {
        using var app = new TestApp();
        var simulator = ClientBook.Simulator(app);
        var (clientId, account) = await ClientBook.ApprovedWithAccountAsync(app);
        var updatesBefore = simulator.UpdatesApplied[account.Login];

        simulator.Mode = SimulatorMode.Down;
        Must.Succeed(await app.SendAs("compliance", new RestrictClient(clientId, RestrictionCategory.AbnormalActivity, "Card chargebacks")));
        Assert.Equal(1, await ClientBook.SyncAsync(app));
        var waiting = await ClientBook.AccountAsync(app, account.Id);
        Assert.Equal(SyncState.Pending, waiting.Sync);
        Assert.Contains("not answering", waiting.SyncError, StringComparison.Ordinal);
        Assert.Equal(TradingMode.CloseOnly, waiting.Trading);

        // Not due again before its back-off; once due, still down: one outage alert, not two.
        Assert.Equal(0, await ClientBook.SyncAsync(app));
        app.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, await ClientBook.SyncAsync(app));
        Assert.Equal(1, await app.Db(db => db.Alerts.CountAsync(a => a.Kind == AlertKinds.PlatformOutage)));

        simulator.Mode = SimulatorMode.Normal;
        app.Clock.Advance(TimeSpan.FromSeconds(25));
        Assert.Equal(1, await ClientBook.SyncAsync(app));
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await ClientBook.SyncAsync(app));

        Assert.Equal(updatesBefore + 1, simulator.UpdatesApplied[account.Login]);
        var synced = await ClientBook.AccountAsync(app, account.Id);
        Assert.Equal(SyncState.InSync, synced.Sync);
        Assert.Null(synced.SyncError);
        var onPlatform = await simulator.GetAccountAsync(account.Login, CancellationToken.None);
        Assert.Equal(new PlatformRights(true, TradingMode.CloseOnly), onPlatform.Settings.Rights);
        var sync = await app.Db(db => db.PlatformSyncs.Where(s => s.TradingAccountId == account.Id).OrderBy(s => s.Id).LastAsync());
        Assert.Equal(PlatformSyncStatus.Applied, sync.Status);
        Assert.Equal(3, sync.Attempts);
    }

    [Fact]
    public async Task A_change_the_platform_refuses_is_marked_failed_with_why_and_a_resync_applies_it_once_fixed()
    {
        using var app = new TestApp();
        var simulator = ClientBook.Simulator(app);
        var (clientId, account) = await ClientBook.ApprovedWithAccountAsync(app);

        simulator.Mode = SimulatorMode.Refusing;
        simulator.RefusalText = "Invalid group real\\standard";
        Must.Succeed(await app.SendAs("compliance", new RestrictClient(clientId, RestrictionCategory.ComplianceHold, "List near-match")));
        await ClientBook.SyncAsync(app);
        var failed = await ClientBook.AccountAsync(app, account.Id);
        Assert.Equal(SyncState.Failed, failed.Sync);
        Assert.Contains("Invalid group", failed.SyncError, StringComparison.Ordinal);
        Assert.True(await app.Db(db => db.Alerts.AnyAsync(a => a.Kind == AlertKinds.PlatformSyncFailed && a.EntityId == account.Id.ToString())));

        simulator.Mode = SimulatorMode.Normal;
        Must.Succeed(await app.SendAs("risk", new ResyncTradingAccount(account.Id, "Group fixed on the platform")));
        await ClientBook.SyncAsync(app);
        Assert.Equal(SyncState.InSync, (await ClientBook.AccountAsync(app, account.Id)).Sync);
        Assert.Equal(TradingMode.Disabled, (await simulator.GetAccountAsync(account.Login, CancellationToken.None)).Settings.Rights.Trading);
    }

    [Fact]
    public async Task Reconciliation_raises_one_drift_alert_per_account_and_a_resync_restores_the_platform()
    {
        using var app = new TestApp();
        var simulator = ClientBook.Simulator(app);
        var (_, account) = await ClientBook.ApprovedWithAccountAsync(app);
        var (_, untouched) = await ClientBook.ApprovedWithAccountAsync(app);
        simulator.Drift(account.Login, leverage: 500);

        Assert.Equal(1, await ReconcileAsync(app));
        Assert.Equal(1, await ReconcileAsync(app)); // still different, but already alerted
        var alerts = await app.Db(db => db.Alerts.Where(a => a.Kind == AlertKinds.PlatformDrift).ToListAsync());
        var alert = Assert.Single(alerts);
        Assert.Equal(account.Id.ToString(), alert.EntityId);
        Assert.Contains("leverage 1:500 instead of 1:100", alert.Message, StringComparison.Ordinal);

        Must.Succeed(await app.SendAs("risk", new ResyncTradingAccount(account.Id, "Dealer changed it by hand")));
        var resolved = await app.Db(db => db.Alerts.SingleAsync(a => a.Id == alert.Id));
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Equal("risk", resolved.ResolvedBy);
        await ClientBook.SyncAsync(app);
        Assert.Equal(100, (await simulator.GetAccountAsync(account.Login, CancellationToken.None)).Settings.Leverage);
        Assert.Equal(0, await ReconcileAsync(app));
        Assert.Equal(SyncState.InSync, (await ClientBook.AccountAsync(app, untouched.Id)).Sync);
    }

    [Fact]
    public async Task Closing_a_client_with_open_positions_or_money_or_while_the_platform_is_down_is_refused()
    {
        using var app = new TestApp();
        var simulator = ClientBook.Simulator(app);
        var (clientId, account) = await ClientBook.ApprovedWithAccountAsync(app);
        await simulator.BalanceOperationAsync(account.Login, new BalanceOperation(BalanceOperationType.Balance, new BackOffice.Core.Common.Money(50_000, "USD"), "BO#1", false), CancellationToken.None);
        var ticket = simulator.OpenPosition(account.Login, "EURUSD", true, 0.1m);

        var positions = Must.Fail(await app.SendAs("compliance", new CloseClient(clientId, "client asked")), "client.open_positions");
        Assert.Contains($"Account {account.Login} still has 1 open position", positions.Message, StringComparison.Ordinal);

        var profit = simulator.ClosePosition(account.Login, ticket);
        var money = Must.Fail(await app.SendAs("compliance", new CloseClient(clientId, "client asked")), "client.money_left");
        Assert.Contains($"{500 + profit:N2} USD", money.Message, StringComparison.Ordinal);

        simulator.Mode = SimulatorMode.Down;
        var down = Must.Fail(await app.SendAs("compliance", new CloseClient(clientId, "client asked")), "platform.unavailable");
        Assert.Contains("cannot be reached", down.Message, StringComparison.Ordinal);
        Assert.Equal(ClientStatus.Approved, (await ClientBook.ClientAsync(app, clientId)).Status);
    }

    private static Task<int> ReconcileAsync(TestApp app) => PlatformReconciliation.RunAsync(
        app.Scopes, app.Services.GetRequiredService<ITradingPlatform>(), NullLogger.Instance, CancellationToken.None);
}
