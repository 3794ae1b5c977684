using BackOffice.Core.Common;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Kyc.Risk;
using BackOffice.Core.Operations;
using BackOffice.Tests.Accounts;
using Microsoft.EntityFrameworkCore;
using static BackOffice.Tests.Kyc.Monitoring.MonitoringBook;

namespace BackOffice.Tests.Kyc.Monitoring;

[Trait("Category", "Database")]
public sealed class RecordMonitoringEventTests(SharedApp app) : IClassFixture<SharedApp>
{
    private DateTime Now => app.Clock.GetUtcNow().UtcDateTime;

    private Task<long> ClientAsync() => ClientBook.RegisterAsync(app);

    [Fact]
    public async Task Deposits_returned_with_little_trading_are_round_tripping()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Deposit(id, Now.AddDays(-3), 5_000));
        await RecordAsync(app, Trade(id, Now.AddDays(-2), 1_000));
        var withdrawal = await RecordAsync(app, Withdrawal(id, Now, 4_900));

        var alert = Assert.Single(await AlertsAsync(app, id));
        Assert.Equal(RoundTripping.RuleCode, alert.RuleCode);
        Assert.Equal(AmlAlertStatus.Open, alert.Status);
        Assert.Equal([alert.Id], withdrawal.AlertIds);
        Assert.EndsWith(withdrawal.EventId.ToString(), alert.EventIds);
        Assert.Contains("USD 4,900.00", alert.Sentence);
    }

    [Fact]
    public async Task Deposits_traded_well_before_withdrawal_are_not_round_tripping()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Deposit(id, Now.AddDays(-3), 5_000));
        await RecordAsync(app, Trade(id, Now.AddDays(-2), 50_000));
        await RecordAsync(app, Withdrawal(id, Now, 4_900));

        Assert.Empty(await AlertsAsync(app, id));
    }

    [Fact]
    public async Task Three_deposits_just_under_the_threshold_are_structuring_and_raise_an_operational_alert()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Deposit(id, Now.AddDays(-2), 9_500));
        await RecordAsync(app, Deposit(id, Now.AddDays(-1), 9_800));
        Assert.Empty(await AlertsAsync(app, id));
        await RecordAsync(app, Deposit(id, Now, 9_900));

        var alert = Assert.Single(await AlertsAsync(app, id));
        Assert.Equal(Structuring.RuleCode, alert.RuleCode);
        Assert.Equal(RiskLevel.High, alert.Severity);
        Assert.Equal(3, alert.EventIds.Split(',').Length);
        var raised = await app.Db(db => db.Alerts.Where(a => a.Kind == AlertKinds.AmlAlert && a.EntityId == alert.Id.ToString()).ToListAsync());
        Assert.Single(raised);
        Assert.Equal(Core.Kyc.KycPermissions.Aml, AlertKinds.PermissionFor(AlertKinds.AmlAlert));
    }

    [Fact]
    public async Task Deposits_spread_over_more_than_the_window_are_not_structuring()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Deposit(id, Now.AddDays(-10), 9_500));
        await RecordAsync(app, Deposit(id, Now.AddDays(-5), 9_800));
        await RecordAsync(app, Deposit(id, Now, 9_900));

        Assert.DoesNotContain(Structuring.RuleCode, await RulesFiredAsync(app, id));
    }

    [Fact]
    public async Task Withdrawal_to_an_instrument_never_deposited_from_fires_and_back_to_the_source_does_not()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Deposit(id, Now.AddDays(-30), 500, "card-1"));
        await RecordAsync(app, Withdrawal(id, Now.AddDays(-10), 100, "card-1"));
        Assert.Empty(await AlertsAsync(app, id));

        await RecordAsync(app, Withdrawal(id, Now, 100, "iban-9"));
        var alert = Assert.Single(await AlertsAsync(app, id));
        Assert.Equal(WithdrawalDestination.RuleCode, alert.RuleCode);
        Assert.Contains("never used for a deposit", alert.Sentence);
    }

    [Fact]
    public async Task Withdrawal_to_someone_elses_name_fires_even_to_a_known_instrument()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Deposit(id, Now.AddDays(-30), 500, "card-1"));
        await RecordAsync(app, Withdrawal(id, Now, 100, "card-1", holder: "Maria Other"));

        var alert = Assert.Single(await AlertsAsync(app, id));
        Assert.Contains("'Maria Other'", alert.Sentence);
    }

    [Fact]
    public async Task Deposits_passing_the_declared_yearly_volume_fire_once()
    {
        var id = await ClientAsync();
        Must.Succeed(await app.SendAs("compliance", new RecordClientDeclaration(id, SourceOfFunds.Salary, 10_000, "Engineer", OccupationCategory.Employed, false)));
        await RecordAsync(app, Deposit(id, Now.AddDays(-100), 6_000));
        Assert.Empty(await AlertsAsync(app, id));
        await RecordAsync(app, Deposit(id, Now.AddDays(-50), 5_000));
        await RecordAsync(app, Deposit(id, Now, 5_000));

        var alert = Assert.Single(await AlertsAsync(app, id));
        Assert.Equal(AboveDeclaredVolume.RuleCode, alert.RuleCode);
    }

    [Fact]
    public async Task Without_a_declared_volume_large_deposits_are_not_above_it()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Deposit(id, Now, 90_000));

        Assert.Empty(await AlertsAsync(app, id));
    }

    [Fact]
    public async Task A_third_payment_method_within_a_week_is_rapid_change()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Deposit(id, Now.AddDays(-3), 100, "card-1"));
        await RecordAsync(app, Deposit(id, Now.AddDays(-2), 100, "card-2"));
        await RecordAsync(app, Deposit(id, Now.AddDays(-1), 100, "card-2"));
        Assert.Empty(await AlertsAsync(app, id));
        await RecordAsync(app, Deposit(id, Now, 100, "card-3"));

        var alert = Assert.Single(await AlertsAsync(app, id));
        Assert.Equal(PaymentMethodChurn.RuleCode, alert.RuleCode);
    }

    [Fact]
    public async Task Three_methods_spread_over_a_month_are_not_rapid_change()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Deposit(id, Now.AddDays(-30), 100, "card-1"));
        await RecordAsync(app, Deposit(id, Now.AddDays(-15), 100, "card-2"));
        await RecordAsync(app, Deposit(id, Now, 100, "card-3"));

        Assert.Empty(await AlertsAsync(app, id));
    }

    [Fact]
    public async Task Login_from_a_call_for_action_country_fires_once_and_from_elsewhere_not_at_all()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Login(id, Now.AddDays(-2), "GB"));
        Assert.Empty(await AlertsAsync(app, id));
        await RecordAsync(app, Login(id, Now.AddDays(-1), "KP"));
        await RecordAsync(app, Login(id, Now, "KP"));

        var alert = Assert.Single(await AlertsAsync(app, id));
        Assert.Equal(HighRiskCountryAccess.RuleCode, alert.RuleCode);
        Assert.Contains("North Korea", alert.Sentence);
    }

    [Fact]
    public async Task Money_moving_after_half_a_year_of_stillness_is_dormant_reactivation()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Deposit(id, Now.AddDays(-400), 2_000));
        await RecordAsync(app, Trade(id, Now.AddDays(-390), 10_000));
        await RecordAsync(app, Deposit(id, Now, 2_000));

        var alert = Assert.Single(await AlertsAsync(app, id));
        Assert.Equal(DormantReactivation.RuleCode, alert.RuleCode);
        Assert.Contains("390 days", alert.Sentence);
    }

    [Fact]
    public async Task Money_moving_after_a_month_is_not_dormant_reactivation()
    {
        var id = await ClientAsync();
        await RecordAsync(app, Deposit(id, Now.AddDays(-30), 2_000));
        await RecordAsync(app, Deposit(id, Now, 2_000));

        Assert.Empty(await AlertsAsync(app, id));
    }

    [Fact]
    public async Task An_event_for_an_unknown_client_is_refused()
    {
        var result = await app.Scopes.SendAsAsync(new RecordMonitoringEvent(Login(999_999_999, Now, "KP")), Actor.System("funds"));
        Must.Fail(result, "not_found");
    }
}
