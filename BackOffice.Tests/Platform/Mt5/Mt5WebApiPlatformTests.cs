using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Platform.Mt5;
using BackOffice.Tests.Common;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BackOffice.Tests.Platform.Mt5;

/// <summary>One fake MT5 server for the tests that only read and write accounts (each on its own logins).</summary>
public sealed class SharedFakeMt5Server : IAsyncLifetime
{
    public const string VipGroup = @"real\vip";

    public FakeMt5Server Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await FakeMt5Server.StartAsync();
        Server.AddGroup(VipGroup, "USD");
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class Mt5WebApiPlatformTests(SharedFakeMt5Server shared) : IClassFixture<SharedFakeMt5Server>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly PlatformSettings Retail = new(FakeMt5Server.UsdGroup, 100, new PlatformRights(true, TradingMode.Full));
    private static long _lastLogin = 100_000;

    private FakeMt5Server Shared => shared.Server;

    private static long NewLogin() => Interlocked.Increment(ref _lastLogin);

    private static Mt5WebApiPlatform Connect(FakeMt5Server server, TimeProvider? clock = null, string password = FakeMt5Server.ManagerPassword) =>
        new(Options.Create(new Mt5Options
        {
            BaseUrl = server.BaseUrl,
            ManagerLogin = FakeMt5Server.ManagerLogin,
            Password = password,
            RequestTimeoutSeconds = 5,
        }), clock ?? TimeProvider.System, NullLogger<Mt5WebApiPlatform>.Instance);

    private static PlatformAccountSpec Spec(long login, string name = "Maria Ionescu", PlatformSettings? settings = null) =>
        new(login, name, "maria@example.com", "Romania", "USD", settings ?? Retail);

    private static BalanceOperation Deposit(long amountMinor, string comment) =>
        new(BalanceOperationType.Balance, new BackOffice.Core.Common.Money(amountMinor, "USD"), comment, CheckMargin: false);

    // Sign-in and sessions

    [Fact]
    public async Task Signing_in_with_a_wrong_password_fails_with_a_clear_message()
    {
        await using var platform = Connect(Shared, password: "Manager#2");

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.GetAccountAsync(NewLogin(), None));

        Assert.Equal(PlatformErrorKind.AuthenticationFailed, e.Kind);
        Assert.False(e.Transient);
        Assert.Equal($"The trading platform refused the manager sign-in for login {FakeMt5Server.ManagerLogin}: Invalid account (1001). "
            + "Check Platform:Mt5:ManagerLogin and Password.", e.Message);
    }

    [Fact]
    public async Task A_server_that_cannot_prove_it_knows_the_password_is_refused()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AnswersWithoutKnowingThePassword = true;
        server.AddAccount(7001);
        await using var platform = Connect(server);

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.GetAccountAsync(7001, None));

        Assert.Equal(PlatformErrorKind.AuthenticationFailed, e.Kind);
        Assert.Contains("could not prove it knows the manager password", e.Message);
        Assert.Equal(0, server.Count("/api/user/get"));
    }

    [Fact]
    public async Task A_session_idle_past_three_minutes_is_reopened_and_the_request_succeeds()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7002);
        await using var platform = Connect(server);
        await platform.GetAccountAsync(7002, None);

        server.Clock.Advance(FakeMt5Server.IdleLimit + TimeSpan.FromSeconds(1));
        var account = await platform.GetAccountAsync(7002, None);

        Assert.Equal(7002, account.Login);
        Assert.Equal(2, server.Count("/api/auth/start"));
    }

    [Fact]
    public async Task A_session_the_server_forgot_is_reopened_and_the_request_succeeds()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7003, balance: 10);
        await using var platform = Connect(server);
        await platform.GetAccountAsync(7003, None);

        server.DropAllSessions();
        var ticket = await platform.BalanceOperationAsync(7003, Deposit(500, "BO#3"), None);

        Assert.True(ticket > 0);
        Assert.Equal(15m, server.Balance(7003));
        Assert.Equal(2, server.Count("/api/auth/start"));
    }

    [Fact]
    public async Task A_closed_connection_is_reopened_and_the_request_succeeds()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7004);
        await using var platform = Connect(server);
        await platform.GetAccountAsync(7004, None);

        server.DropAllSessions(closeConnections: true);
        var account = await platform.GetAccountAsync(7004, None);

        Assert.Equal(7004, account.Login);
        Assert.Equal(2, server.Count("/api/auth/start"));
    }

    [Fact]
    public async Task Keep_alive_pings_are_sent_while_the_session_is_open()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7005);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var platform = Connect(server, clock: clock);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, server.Count("/api/test/access")); // no session yet, nothing to keep alive

        await platform.GetAccountAsync(7005, None);
        clock.Advance(TimeSpan.FromSeconds(20));
        await FakeHttp.Eventually(() => server.Count("/api/test/access") == 1);
        await platform.GetAccountAsync(7005, None); // waits for the ping's answer: requests go one at a time
        clock.Advance(TimeSpan.FromSeconds(20));
        await FakeHttp.Eventually(() => server.Count("/api/test/access") == 2);
        await platform.GetAccountAsync(7005, None);

        Assert.Equal(1, server.Count("/api/auth/start"));
    }

    // Accounts

    [Fact]
    public async Task An_opened_account_reads_back_with_its_settings()
    {
        var login = NewLogin();
        await using var platform = Connect(Shared);

        var opened = await platform.OpenAccountAsync(Spec(login), None);
        var read = await platform.GetAccountAsync(login, None);

        Assert.Equal(new PlatformAccount(login, "Maria Ionescu", "maria@example.com", "Romania", Retail), opened);
        Assert.Equal(opened, read);
        var stored = Shared.User(login)!;
        Assert.Equal("35", stored["Rights"]!.ToString()); // enabled, password change, trailing
        Assert.Null(stored["PassMain"]);
    }

    [Fact]
    public async Task Opening_an_existing_login_again_returns_it()
    {
        var login = NewLogin();
        await using var platform = Connect(Shared);
        var first = await platform.OpenAccountAsync(Spec(login), None);

        var again = await platform.OpenAccountAsync(Spec(login), None);

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Opening_a_login_another_client_holds_is_refused()
    {
        var login = NewLogin();
        Shared.AddAccount(login);
        await using var platform = Connect(Shared);

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.OpenAccountAsync(Spec(login), None));

        Assert.Equal(PlatformErrorKind.Rejected, e.Kind);
        Assert.Equal(3004, e.Retcode);
        Assert.Equal($"Client {login}", Shared.User(login)!["Name"]!.ToString());
    }

    [Fact]
    public async Task Opening_in_a_group_of_another_currency_is_refused()
    {
        await using var platform = Connect(Shared);

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.OpenAccountAsync(
            Spec(NewLogin(), settings: Retail with { Group = FakeMt5Server.EurGroup }), None));

        Assert.Equal(PlatformErrorKind.InvalidParameters, e.Kind);
        Assert.Equal(@"Group real\eur on the trading platform keeps accounts in EUR, not USD.", e.Message);
    }

    [Fact]
    public async Task Updating_settings_keeps_every_other_field_of_the_account()
    {
        var login = NewLogin();
        Shared.AddAccount(login);
        Shared.SetUserField(login, "Rights", (Mt5Rights.Enabled | Mt5Rights.ChangePassword | Mt5Rights.Reports).ToString());
        var before = Shared.User(login)!;
        var updates = Shared.Count("/api/user/update");
        await using var platform = Connect(Shared);
        var vip = new PlatformSettings(SharedFakeMt5Server.VipGroup, 500, new PlatformRights(true, TradingMode.CloseOnly));

        await platform.UpdateAccountAsync(login, vip, None);
        await platform.UpdateAccountAsync(login, vip, None);

        var after = Shared.User(login)!;
        Assert.Equal(SharedFakeMt5Server.VipGroup, after["Group"]!.ToString());
        Assert.Equal("500", after["Leverage"]!.ToString());
        Assert.Equal((Mt5Rights.Enabled | Mt5Rights.TradingDisabled | Mt5Rights.ChangePassword | Mt5Rights.Reports).ToString(), after["Rights"]!.ToString());
        foreach (var field in new[] { "Login", "Name", "Email", "Country", "City", "Phone", "Comment", "LeadSource", "Registration" })
            Assert.Equal(before[field]!.ToString(), after[field]?.ToString());
        Assert.Equal(updates + 1, Shared.Count("/api/user/update")); // the second call changed nothing and sent nothing
    }

    [Fact]
    public async Task A_close_only_account_read_back_from_MT5_matches_what_BackOffice_expects()
    {
        var login = NewLogin();
        await using var mt5 = Connect(Shared);
        ITradingPlatform platform = mt5;
        var closeOnly = Retail with { Rights = new PlatformRights(true, TradingMode.CloseOnly) };
        await platform.OpenAccountAsync(Spec(login), None);

        await platform.UpdateAccountAsync(login, closeOnly, None);
        var actual = (await platform.GetAccountAsync(login, None)).Settings;

        Assert.Equal(TradingMode.Disabled, actual.Rights.Trading);
        Assert.True(platform.Matches(closeOnly, actual));
        Assert.False(platform.Matches(Retail, actual));
        Assert.False(platform.Matches(closeOnly with { Leverage = 200 }, actual));
    }

    [Fact]
    public async Task The_account_state_reports_money_positions_and_the_group_currency()
    {
        var login = NewLogin();
        Shared.AddAccount(login, FakeMt5Server.EurGroup, balance: 1000m, credit: 50m);
        var buy = Shared.AddPosition(login, "EURUSD", buy: true, lots: 0.5m, priceOpen: 1.0850m, priceCurrent: 1.0901m, profit: 25.50m, margin: 200m);
        Shared.AddPosition(login, "XAUUSD", buy: false, lots: 0.1m, priceOpen: 2400.10m, priceCurrent: 2400.65m, profit: -5.50m, margin: 100m);
        var idle = NewLogin();
        Shared.AddAccount(idle, balance: 10m);
        await using var platform = Connect(Shared);

        var state = await platform.GetStateAsync(login, None);
        var idleState = await platform.GetStateAsync(idle, None);

        Assert.Equal(("EUR", 1000m, 50m, 1070m, 300m, 770m, 356.67m), (state.Currency, state.Balance, state.Credit, state.Equity, state.Margin, state.FreeMargin, state.MarginLevel));
        Assert.Equal(new OpenPosition(buy, "EURUSD", true, 0.5m, 1.0850m, 1.0901m, 25.50m), state.Positions[0]);
        Assert.Equal(("XAUUSD", false, 0.1m, -5.50m), (state.Positions[1].Symbol, state.Positions[1].Buy, state.Positions[1].Lots, state.Positions[1].Profit));
        Assert.Equal(("USD", 10m, null, 0), (idleState.Currency, idleState.Balance, idleState.MarginLevel, idleState.Positions.Count));
    }

    // Refusals

    [Fact]
    public async Task An_unknown_login_is_not_found()
    {
        await using var platform = Connect(Shared);

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.GetAccountAsync(424242, None));

        Assert.Equal((PlatformErrorKind.NotFound, 13), (e.Kind, e.Retcode));
        Assert.Equal("The trading platform refused the request for account 424242: not found (13).", e.Message);
    }

    [Fact]
    public async Task A_withdrawal_beyond_the_free_margin_is_refused_for_not_enough_money()
    {
        var login = NewLogin();
        Shared.AddAccount(login, balance: 100m);
        Shared.AddPosition(login, "EURUSD", true, 0.1m, 1.08m, 1.08m, profit: 0m, margin: 80m);
        await using var platform = Connect(Shared);

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.BalanceOperationAsync(login,
            new BalanceOperation(BalanceOperationType.Balance, new BackOffice.Core.Common.Money(-5_000, "USD"), "BO#11", CheckMargin: true), None));

        Assert.Equal((PlatformErrorKind.NotEnoughMoney, 10019), (e.Kind, e.Retcode));
        Assert.Equal($"The trading platform refused the balance operation on account {login}: not enough money (10019).", e.Message);
        Assert.Equal(100m, Shared.Balance(login));
        Assert.Equal(0, Shared.DealCount(login));
    }

    [Fact]
    public async Task A_zero_balance_operation_is_refused_as_invalid()
    {
        var login = NewLogin();
        Shared.AddAccount(login);
        await using var platform = Connect(Shared);

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.BalanceOperationAsync(login, Deposit(0, "BO#12"), None));

        Assert.Equal((PlatformErrorKind.InvalidParameters, 3), (e.Kind, e.Retcode));
    }

    [Fact]
    public async Task A_comment_longer_than_MT5_keeps_is_refused_before_anything_is_sent()
    {
        var login = NewLogin();
        Shared.AddAccount(login);
        var sent = Shared.Count("/api/trade/balance");
        await using var platform = Connect(Shared);

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.BalanceOperationAsync(login, Deposit(100, "BO#" + new string('9', 30)), None));

        Assert.Equal(PlatformErrorKind.InvalidParameters, e.Kind);
        Assert.Equal(sent, Shared.Count("/api/trade/balance"));
    }

    [Fact]
    public async Task A_manager_without_the_right_is_told_so()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7006);
        server.Inject(Mt5Fault.Retcode, "/api/user/get", retcode: "8 Not enough permissions");
        await using var platform = Connect(server);

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.GetAccountAsync(7006, None));

        Assert.Equal((PlatformErrorKind.NotEnoughPermissions, 8, false), (e.Kind, e.Retcode, e.Transient));
    }

    // Outages

    [Fact]
    public async Task A_stopped_server_is_reported_as_transient()
    {
        var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7007);
        await using var platform = Connect(server);
        await platform.GetAccountAsync(7007, None);

        await server.DisposeAsync();
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.GetStateAsync(7007, None));

        Assert.True(e.Transient);
        Assert.Equal("The trading platform cannot be reached.", e.Message);
    }

    [Fact]
    public async Task A_server_error_is_reported_as_transient()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7008);
        server.Inject(Mt5Fault.ServerError, "/api/user/account/get");
        await using var platform = Connect(server);

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.GetStateAsync(7008, None));

        Assert.True(e.Transient);
        Assert.Equal("The trading platform is unavailable (HTTP 500).", e.Message);
    }

    [Fact]
    public async Task A_server_hanging_past_the_timeout_is_reported_as_transient_and_the_next_request_works()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7009);
        server.Inject(Mt5Fault.Hang, "/api/user/get");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var platform = Connect(server, clock: clock);

        var hanging = platform.GetAccountAsync(7009, None);
        await TimeOutAsync(clock, server, "/api/user/get");
        var e = await Assert.ThrowsAsync<PlatformException>(() => hanging);

        Assert.True(e.Transient);
        Assert.Equal("The trading platform did not answer within 5 seconds.", e.Message);
        Assert.Equal(7009, (await platform.GetAccountAsync(7009, None)).Login);
        Assert.Equal(2, server.Count("/api/auth/start"));
    }

    // Balance operations whose answer is lost

    [Fact]
    public async Task A_balance_operation_whose_answer_never_comes_returns_the_deal_already_posted()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7010, balance: 20m);
        server.Inject(Mt5Fault.ApplyThenHang, "/api/trade/balance");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var platform = Connect(server, clock: clock);

        var posting = platform.BalanceOperationAsync(7010, Deposit(10_000, "BO#41"), None);
        await TimeOutAsync(clock, server, "/api/trade/balance");
        var ticket = await posting;

        await AssertPostedOnceAsync(server, platform, 7010, 120m, ticket);
    }

    [Fact]
    public async Task A_balance_operation_whose_connection_drops_after_applying_returns_the_deal_already_posted()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7013, balance: 20m);
        server.Inject(Mt5Fault.ApplyThenDrop, "/api/trade/balance");
        await using var platform = Connect(server);

        var ticket = await platform.BalanceOperationAsync(7013, Deposit(10_000, "BO#44"), None);

        await AssertPostedOnceAsync(server, platform, 7013, 120m, ticket);
    }

    [Fact]
    public async Task A_balance_operation_lost_before_it_was_applied_is_posted_once_on_retry()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7011);
        server.Inject(Mt5Fault.Drop, "/api/trade/balance");
        await using var platform = Connect(server);

        await platform.BalanceOperationAsync(7011, Deposit(2_500, "BO#42"), None);

        Assert.Equal(25m, server.Balance(7011));
        Assert.Equal(1, server.DealCount(7011));
        Assert.Equal(2, server.Count("/api/trade/balance"));
    }

    [Fact]
    public async Task A_balance_operation_sent_again_after_an_unknown_outcome_is_not_posted_twice()
    {
        await using var server = await FakeMt5Server.StartAsync();
        server.AddAccount(7012);
        server.Inject(Mt5Fault.ApplyThenHang, "/api/trade/balance");
        server.Inject(Mt5Fault.ServerError, "/api/deal/get_batch");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var platform = Connect(server, clock: clock);

        var posting = platform.BalanceOperationAsync(7012, Deposit(7_000, "BO#43"), None);
        await TimeOutAsync(clock, server, "/api/trade/balance");
        var e = await Assert.ThrowsAsync<PlatformException>(() => posting);
        var ticket = await platform.BalanceOperationAsync(7012, Deposit(7_000, "BO#43"), None);

        Assert.True(e.Transient);
        Assert.Equal(70m, server.Balance(7012));
        Assert.Equal(1, server.Count("/api/trade/balance"));
        Assert.True(ticket > 0);
    }

    // Deals

    [Fact]
    public async Task Deals_in_a_window_are_mapped_ordered_and_counted_once()
    {
        var login = NewLogin();
        Shared.AddAccount(login);
        var from = Shared.Clock.GetUtcNow().AddDays(-30);
        Shared.AddDeal(login, from.AddSeconds(-1), action: 2, entry: 0, "", 0, 0, profit: 1m, comment: "before");
        var boundary = Shared.AddDeal(login, from.AddDays(7), action: 1, entry: 1, "EURUSD", 0.5m, 1.0901m, profit: 42.10m, commission: -3.50m, swap: -1.20m);
        var open = Shared.AddDeal(login, from.AddHours(1), action: 0, entry: 0, "EURUSD", 0.5m, 1.0850m, profit: 0m, commission: -3.50m);
        var bonus = Shared.AddDeal(login, from.AddDays(12), action: 6, entry: 0, "", 0, 0, profit: 50m, comment: "welcome bonus");
        var credit = Shared.AddDeal(login, from.AddDays(10), action: 3, entry: 0, "", 0, 0, profit: 200m, comment: "BO#7");
        Shared.AddDeal(login, from.AddDays(21), action: 2, entry: 0, "", 0, 0, profit: 1m, comment: "at the end, excluded");
        var batches = Shared.Count("/api/deal/get_batch");
        await using var platform = Connect(Shared);

        var deals = await platform.GetDealsAsync(login, from.UtcDateTime, from.AddDays(21).UtcDateTime, None);

        Assert.Equal([open, boundary, credit, bonus], deals.Select(d => d.Deal));
        Assert.Equal(new PlatformDeal(boundary, login, from.AddDays(7).UtcDateTime, DealAction.Sell, DealEntry.Out, "EURUSD", 0.5m, 1.0901m, 42.10m, -3.50m, -1.20m, ""), deals[1]);
        Assert.Equal((DealAction.Credit, 200m, "BO#7"), (deals[2].Action, deals[2].Profit, deals[2].Comment));
        Assert.Equal(DealAction.Balance, deals[3].Action);
        Assert.Equal(batches + 3, Shared.Count("/api/deal/get_batch")); // three weeks, a week per request
    }

    /// <summary>The balance changed once, by one deal, whose ticket the adapter returned; it was looked up, not posted twice.</summary>
    private static async Task AssertPostedOnceAsync(FakeMt5Server server, Mt5WebApiPlatform platform, long login, decimal balance, long ticket)
    {
        Assert.Equal(balance, server.Balance(login));
        Assert.Equal(1, server.DealCount(login));
        Assert.Equal(1, server.Count("/api/trade/balance"));
        Assert.Equal(1, server.Count("/api/deal/get_batch"));
        var deals = await platform.GetDealsAsync(login, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddHours(1), None);
        Assert.Equal(ticket, Assert.Single(deals).Deal);
    }

    /// <summary>Once the request has reached the server, moves the adapter's clock past its request timeout.</summary>
    private static async Task TimeOutAsync(FakeTimeProvider clock, FakeMt5Server server, string path)
    {
        await FakeHttp.Eventually(() => server.Count(path) == 1);
        clock.Advance(TimeSpan.FromSeconds(5));
    }
}
