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
}
