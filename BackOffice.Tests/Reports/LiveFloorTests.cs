using BackOffice.Core.Common;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Operations;
using BackOffice.Core.Reports.Floor;
using BackOffice.Core.Staff.FourEyes;
using BackOffice.Core.Staff.Profile;
using BackOffice.Tests.Funds.Deposits;
using BackOffice.Tests.Funds.Withdrawals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Tests.Reports;

/// <summary>The floor with one queue's service level set in the configuration (open alerts: 2 h instead of 4 h).</summary>
public sealed class FloorApp() : TestApp(settings: new() { ["Reports:Floor:SlaHours:alerts.open"] = "2" });

[Trait("Category", "Database")]
public sealed class LiveFloorTests(FloorApp app) : IClassFixture<FloorApp>
{
    private static readonly DateTime Now = new(2026, 11, 26, 9, 0, 0, DateTimeKind.Utc);

    private Task Write(Func<Core.Common.Data.BackOfficeDb, Task> change) => app.Db(async db =>
    {
        await change(db);
        return 0;
    });

    private static PendingOperation Operation(string type, TimeSpan age, PendingOperationStatus status = PendingOperationStatus.Pending, TimeSpan? expiresIn = null) => new()
    {
        CommandType = type + ", BackOffice.Core", Payload = "{}", Summary = "Test operation", CheckerPermission = OperationsPermissions.DecidePendingOperations,
        MakerId = "someone", MakerName = "Someone", CreatedAt = Now - age, ExpiresAt = Now + (expiresIn ?? TimeSpan.FromDays(2)), Status = status,
    };

    private static OperationalAlert Alert(string kind, TimeSpan age, AlertStatus status = AlertStatus.Open) => new()
    {
        Kind = kind, Severity = AlertSeverity.Warning, Message = $"Test alert {kind}", RaisedAt = Now - age, Status = status,
    };

    [Fact]
    public async Task Queues_are_counted_by_age_against_their_service_levels_and_todays_money_starts_at_midnight_in_the_viewers_time_zone()
    {
        Assert.Equal(Now, app.Clock.GetUtcNow().UtcDateTime);
        // Tokyo is UTC+9: at 09:00 UTC it is 18:00 there, and the day there began at 15:00 UTC yesterday.
        Must.Succeed(await app.SendAs("manager", new SetPreferences("Asia/Tokyo", false)));

        // Money: 2 × 10,000 credited now (today everywhere); 1,000 credited at 16:00 UTC yesterday (01:00 today in Tokyo, yesterday in
        // UTC); 500 credited at 14:30 UTC yesterday (23:30 yesterday in Tokyo too). 300 withdrawn and paid now.
        // Two clients: a client's withdrawal soon after its deposits opens an AML alert, which holds its next withdrawal.
        var (_, account, bank) = await WithdrawalBook.FundedAsync(app, 10_000m);
        var (_, other, otherBank) = await WithdrawalBook.FundedAsync(app, 10_000m);
        var small = await WithdrawalBook.RequestAsync(app, account.Id, bank, 300m);
        Assert.Equal(WithdrawalStatus.Approved, small.Status);
        Must.Succeed(await app.SendAs("finance", new RecordPaymentVoucher(small.WithdrawalId, "OUT-300", null, null)));

        // A 9,000 withdrawal that has waited 5 h at L1, whose service level is 4 h (Funds:SlaHours).
        var large = await WithdrawalBook.RequestAsync(app, other.Id, otherBank, 9_000m);
        await Write(db => db.Withdrawals.Where(w => w.Id == large.WithdrawalId).ExecuteUpdateAsync(s => s.SetProperty(w => w.WaitingSince, Now.AddHours(-5))));

        foreach (var (amount, credited) in new[] { (1_000m, Now.AddHours(-17)), (500m, Now.AddHours(-18.5)) })
        {
            var wire = await DepositBook.StartAsync(app, account.Id, "wire", amount);
            var holder = await app.Db(db => db.Clients.Where(c => c.Id == account.ClientId).Select(c => c.DisplayName).FirstAsync());
            Must.Succeed(await app.SendAs("finance2", new Core.Funds.Deposits.ConfirmWireDeposit(wire.DepositId, amount, "USD", holder, "STMT-" + wire.Reference)));
            await Write(db => db.Deposits.Where(d => d.Id == wire.DepositId).ExecuteUpdateAsync(s => s.SetProperty(d => d.CreditedAt, credited)));
        }

        // Four-eyes: waiting 30 min, 2 h, 5 h, 9 h and 30 h (service level 8 h), and two that no longer wait.
        Assert.Equal(0, await app.Db(db => db.PendingOperations.CountAsync()));
        await Write(async db =>
        {
            db.PendingOperations.AddRange(
                Operation("BackOffice.Core.Staff.Roles.ChangeRolePermissions", TimeSpan.FromMinutes(30)),
                Operation("BackOffice.Core.Staff.Roles.ChangeRolePermissions", TimeSpan.FromHours(30)),
                Operation("BackOffice.Core.Funds.Adjustments.CorrectBalance", TimeSpan.FromHours(2)),
                Operation("BackOffice.Core.Funds.Adjustments.CorrectBalance", TimeSpan.FromHours(5)),
                Operation("BackOffice.Core.Funds.Adjustments.CorrectBalance", TimeSpan.FromHours(9), expiresIn: TimeSpan.FromHours(3)),
                Operation("BackOffice.Core.Funds.Adjustments.CorrectBalance", TimeSpan.FromHours(50), expiresIn: TimeSpan.FromHours(-1)),
                Operation("BackOffice.Core.Funds.Adjustments.CorrectBalance", TimeSpan.FromHours(1), PendingOperationStatus.Approved));
            // Alerts: a security one (administrators only), a payment one 3 h old (over the configured 2 h), a resolved KYC one.
            db.Alerts.AddRange(
                Alert(AlertKinds.LoginBurst, TimeSpan.FromMinutes(10)),
                Alert(AlertKinds.PaymentCallbackFailed, TimeSpan.FromHours(3)),
                Alert(AlertKinds.DocumentExpired, TimeSpan.FromMinutes(50), AlertStatus.Resolved));
            await db.SaveChangesAsync();
        });

        var manager = await app.QueryAs("manager", new LiveFloor());
        var admin = await app.QueryAs("admin", new LiveFloor());

        Assert.Equal(Now, manager.AsOfUtc);
        var atL1 = manager.Queue(WithdrawalCounters.PendingL1)!;
        Assert.Equal((FloorBoard.Funds, 1, new FloorAges(0, 0, 1, 0), 4, 1, Now.AddHours(-5)),
            (atL1.Module, atL1.Count, atL1.Ages, atL1.SlaHours, atL1.Breached, atL1.OldestSinceUtc));
        Assert.Equal(0, manager.Queue(WithdrawalCounters.PendingL2)!.Count);
        Assert.Null(manager.Queue(WithdrawalCounters.PendingL2)!.OldestSinceUtc);

        var fourEyes = manager.Queue(SpineCounters.PendingOperations)!;
        Assert.Equal((5, new FloorAges(1, 1, 2, 1), 8, 2, Now.AddHours(-30)),
            (fourEyes.Count, fourEyes.Ages, fourEyes.SlaHours, fourEyes.Breached, fourEyes.OldestSinceUtc));
        Assert.Equal(
            [("Correct balance", 3, Now.AddHours(-9), Now.AddHours(3)), ("Change role permissions", 2, Now.AddHours(-30), Now.AddDays(2))],
            manager.FourEyes.OrderByDescending(f => f.Count).Select(f => (f.Operation, f.Count, f.OldestSinceUtc, f.FirstExpiryUtc)));

        var alerts = manager.Queue(SpineCounters.OpenAlerts)!;
        Assert.Equal(2, alerts.SlaHours);
        Assert.Equal(await app.Db(db => db.Alerts.CountAsync(a => a.Status != AlertStatus.Resolved)), alerts.Count);
        Assert.Equal(1, alerts.Breached);

        // Every queue says what its live counter says.
        await using (var scope = app.Scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Core.Common.Data.BackOfficeDb>();
            var live = app.Services.GetRequiredService<LiveOperations>();
            foreach (var queue in manager.Queues)
                Assert.Equal((queue.Name, await live.Find(queue.Name)!.Compute(db, Now, CancellationToken.None)), (queue.Name, queue.Count));
        }
        Assert.Equal(manager.Queues, admin.Queues);

        // Today in Tokyo holds the 1,000 credited at 01:00 there; today in UTC does not. The 500 is yesterday in both.
        Assert.Equal(("Asia/Tokyo", new DateOnly(2026, 11, 26), 3, 21_000m, 1, 300m, 20_700m),
            (manager.TimeZone, manager.Today.Day, manager.Today.Deposits, manager.Today.DepositsUsd, manager.Today.Withdrawals, manager.Today.WithdrawalsUsd,
                manager.Today.NetUsd));
        Assert.Equal(new FloorCurrency("USD", 2_100_000, 30_000, 0), Assert.Single(manager.Today.Currencies));
        Assert.Equal(("UTC", 2, 20_000m, 19_700m), (admin.TimeZone, admin.Today.Deposits, admin.Today.DepositsUsd, admin.Today.NetUsd));

        // The alert stream holds only the kinds each may see, newest first.
        Assert.Equal([AlertKinds.DocumentExpired, AlertKinds.PaymentCallbackFailed], manager.Alerts.Where(a => a.RaisedAtUtc <= Now.AddMinutes(-10)).Select(a => a.Kind));
        Assert.DoesNotContain(manager.Alerts, a => a.Kind == AlertKinds.LoginBurst);
        Assert.Contains(admin.Alerts, a => a.Kind == AlertKinds.LoginBurst);
        Assert.DoesNotContain(admin.Alerts, a => a.Kind == AlertKinds.DocumentExpired);
    }

    [Fact]
    public async Task Staff_without_the_floor_permission_are_refused_it()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await app.QueryAs("support", new LiveFloor()));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await app.QueryAs("finance", new LiveFloor()));
    }

    [Theory]
    [InlineData("BackOffice.Core.Staff.Roles.ChangeRolePermissions, BackOffice.Core, Version=1.0.0.0", "Change role permissions")]
    [InlineData("BackOffice.Core.Funds.Withdrawals.ApproveWithdrawal", "Approve withdrawal")]
    public void An_operation_is_named_in_words(string type, string name) => Assert.Equal(name, FloorBoard.OperationName(type));
}
