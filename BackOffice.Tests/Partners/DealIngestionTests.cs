using BackOffice.Core.Platform;
using BackOffice.Infrastructure.Platform;
using BackOffice.Infrastructure.Platform.Simulator;
using BackOffice.Tests.Funds.Withdrawals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BackOffice.Tests.Partners;

[Trait("Category", "Database")]
public sealed class DealIngestionTests(SharedApp app) : IClassFixture<SharedApp>
{
    private Task<int> IngestAsync() =>
        DealIngestion.RunAsync(app.Scopes, Accounts.ClientBook.Simulator(app), app.Clock, NullLogger.Instance, CancellationToken.None);

    [Fact]
    public async Task Trades_are_read_from_the_platform_once_by_ticket_from_each_accounts_cursor_and_a_platform_outage_loses_nothing()
    {
        var (clientId, account, _) = await WithdrawalBook.FundedAsync(app, 5_000m);
        var simulator = Accounts.ClientBook.Simulator(app);
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var opened = simulator.OpenPosition(account.Login, "EURUSD", buy: true, lots: 1.5m);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        simulator.ClosePosition(account.Login, opened);
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await IngestAsync();
        var deals = await app.Db(db => db.TradeDeals.AsNoTracking().Where(d => d.TradingAccountId == account.Id).OrderBy(d => d.TimeUtc).ToListAsync());
        Assert.Equal([(DealAction.Buy, DealEntry.In, 1.5m), (DealAction.Sell, DealEntry.Out, 1.5m)], deals.Select(d => (d.Side, d.Entry, d.Lots)));
        Assert.All(deals, d => Assert.Equal((clientId, "EURUSD"), (d.ClientId, d.Symbol)));
        Assert.Equal(opened, deals[0].Ticket);

        // Reading again (the window overlaps the last read by an hour) stores nothing twice.
        Assert.Equal(0, await IngestAsync());
        Assert.Equal(2, await app.Db(db => db.TradeDeals.CountAsync(d => d.TradingAccountId == account.Id)));

        simulator.Mode = SimulatorMode.Down;
        try
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            simulator.Mode = SimulatorMode.Normal;
            simulator.OpenPosition(account.Login, "XAUUSD", buy: false, lots: 0.1m);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            simulator.Mode = SimulatorMode.Down;
            Assert.Equal(0, await IngestAsync());
        }
        finally
        {
            simulator.Mode = SimulatorMode.Normal;
        }
        Assert.Equal(1, await IngestAsync());
        Assert.Equal(3, await app.Db(db => db.TradeDeals.CountAsync(d => d.TradingAccountId == account.Id)));
    }
}
