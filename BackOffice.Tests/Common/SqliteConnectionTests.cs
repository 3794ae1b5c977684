using System.Data;
using BackOffice.Core.Common;
using BackOffice.Core.Operations;
using BackOffice.Core.Operations.Alerts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Tests.Common;

// SQLite only: the PostgreSQL pass runs the Database category, which this class is not in.
public sealed class SqliteConnectionTests : IClassFixture<SharedApp>
{
    private readonly SharedApp _app;

    public SqliteConnectionTests(SharedApp app) => _app = app;

    [Fact]
    public async Task A_pooled_connection_keeps_its_busy_timeout_foreign_keys_and_sync_level_on_every_use()
    {
        Assert.False(_app.IsPostgres);
        // Each scope opens the pooled connection again; the settings are sent once per native connection and must hold on every use.
        for (var use = 0; use < 3; use++)
        {
            var settings = await _app.Db(async db =>
            {
                await db.Database.OpenConnectionAsync();
                try
                {
                    return (
                        Timeout: await db.Database.SqlQueryRaw<long>("PRAGMA busy_timeout").ToListAsync(),
                        ForeignKeys: await db.Database.SqlQueryRaw<long>("PRAGMA foreign_keys").ToListAsync(),
                        Sync: await db.Database.SqlQueryRaw<long>("PRAGMA synchronous").ToListAsync());
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            });
            Assert.Equal([10000L], settings.Timeout);
            Assert.Equal([1L], settings.ForeignKeys);
            Assert.Equal([1L], settings.Sync); // NORMAL
        }
    }

    [Fact]
    public async Task A_pooled_context_keeps_its_connection_open_between_scopes_and_commands_still_commit_or_roll_back_on_it()
    {
        var connection = await _app.Db(db => Task.FromResult(db.Database.GetDbConnection()));
        // The scope has ended and the context is back in the pool: its connection stays open for the next command.
        Assert.Equal(ConnectionState.Open, connection.State);

        var before = await _app.Db(db => db.Alerts.CountAsync());
        Must.Succeed(await _app.Scopes.SendAsAsync(new RaiseAlert("test.kept", AlertSeverity.Info, "Kept connection, first"), Actor.System("test")));
        Must.Fail(await _app.SendAs("admin", new AcknowledgeAlert(Guid.NewGuid()))); // fails in its handler: rolled back
        Must.Succeed(await _app.Scopes.SendAsAsync(new RaiseAlert("test.kept", AlertSeverity.Info, "Kept connection, second"), Actor.System("test")));
        Assert.Equal(before + 2, await _app.Db(db => db.Alerts.CountAsync()));
        Assert.Equal(ConnectionState.Open, connection.State);
    }
}
