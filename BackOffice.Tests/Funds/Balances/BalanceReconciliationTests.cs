using BackOffice.Core.Common;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Operations;
using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Payments;
using BackOffice.Infrastructure.Platform.Simulator;
using BackOffice.Tests.Accounts;
using BackOffice.Tests.Funds.Deposits;
using BackOffice.Tests.Funds.Withdrawals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Funds.Balances;

/// <summary>The ledger against the platform's balance operations, and withdrawals waiting past their service level.</summary>
[Trait("Category", "Database")]
public sealed class BalanceReconciliationTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Task<int> ReconcileAsync() =>
        BalanceReconciliation.RunAsync(app.Scopes, ClientBook.Simulator(app), NullLogger.Instance, CancellationToken.None);

    private Task<bool> DriftAlertAsync(long accountId) =>
        app.Db(db => db.Alerts.AnyAsync(a => a.Kind == AlertKinds.PlatformBalanceDrift && a.EntityId == accountId.ToString()));

    [Fact]
    public async Task Money_added_on_the_platform_behind_the_ledgers_back_raises_a_drift_alert_and_money_on_its_way_does_not()
    {
        var (_, account, bank) = await WithdrawalBook.FundedAsync(app, 3_000m);
        var simulator = ClientBook.Simulator(app);
        await ReconcileAsync();
        Assert.False(await DriftAlertAsync(account.Id));

        // A withdrawal whose platform debit waits while the platform is down is not drift.
        await WithdrawalBook.RequestAsync(app, account.Id, bank, 1_000m);
        simulator.Mode = SimulatorMode.Down;
        try
        {
            await DepositBook.DispatchAsync(app);
        }
        finally
        {
            simulator.Mode = SimulatorMode.Normal;
        }
        await ReconcileAsync();
        Assert.False(await DriftAlertAsync(account.Id));

        await simulator.BalanceOperationAsync(account.Login, new BalanceOperation(BalanceOperationType.Balance, new Money(50_000, "USD"), "manual top-up", false), CancellationToken.None);
        await ReconcileAsync();
        var alert = await app.Db(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Kind == AlertKinds.PlatformBalanceDrift && a.EntityId == account.Id.ToString()));
        Assert.Contains("manual top-up", alert.Message);
        Assert.Contains("difference 500.00 USD", alert.Message);
        await ReconcileAsync();
        Assert.Equal(1, await app.Db(db => db.Alerts.CountAsync(a => a.Kind == AlertKinds.PlatformBalanceDrift && a.EntityId == account.Id.ToString())));
    }

    [Fact]
    public async Task A_withdrawal_waiting_past_its_level_service_level_is_alerted_once()
    {
        var (_, account, bank) = await WithdrawalBook.FundedAsync(app, 3_000m);
        var requested = await WithdrawalBook.RequestAsync(app, account.Id, bank, 2_000m);
        var system = Actor.System("tests");
        Assert.Equal(0, (await app.Scopes.SendAsAsync(new CheckWithdrawalSlas(), system)).Value);
        app.Clock.Advance(TimeSpan.FromHours(5));
        Assert.True((await app.Scopes.SendAsAsync(new CheckWithdrawalSlas(), system)).Value >= 1);
        Assert.Equal(0, (await app.Scopes.SendAsAsync(new CheckWithdrawalSlas(), system)).Value);
        var alert = await app.Db(db => db.Alerts.AsNoTracking().SingleAsync(a => a.Kind == AlertKinds.WithdrawalSla && a.EntityId == requested.WithdrawalId.ToString()));
        Assert.Contains("for L1 approval", alert.Message);
        var row = await app.QueryAs("finance", new GetWithdrawal(requested.WithdrawalId));
        Assert.True(row!.SlaBreached);
    }
}
