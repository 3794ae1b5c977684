using System.Data;
using BackOffice.Core.Common;
using BackOffice.Core.Operations;
using BackOffice.Core.Operations.Alerts;
using BackOffice.Infrastructure.Data;
using Microsoft.Data.Sqlite;
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
    public async Task A_connection_that_leaves_its_checkpoints_to_another_copies_at_its_commits_again_once_resumed()
    {
        await _app.Db(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                long Pages() => db.Database.SqlQueryRaw<long>("PRAGMA wal_autocheckpoint").AsEnumerable().Single();
                Assert.Equal(1000, Pages());
                db.DeferCheckpoint();
                Assert.Equal(0, Pages());
                var checkpoint = db.CheckpointApart();
                Assert.NotNull(checkpoint);
                await Task.Run(checkpoint); // on a connection of its own, on another thread, while this one is open
                db.ResumeCheckpoints();
                Assert.Equal(1000, Pages());
                return true;
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });
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

    [Fact]
    public async Task Statements_stay_prepared_on_the_connection_and_a_statement_in_use_is_never_shared()
    {
        await _app.Db(async db =>
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Alerts.CountAsync(a => a.Severity == AlertSeverity.Critical);
            var kept = SqliteStatementCache.KeptOn(connection);
            Assert.True(kept > 0);
            for (var i = 0; i < 5; i++)
                await db.Alerts.CountAsync(a => a.Severity == AlertSeverity.Critical);
            Assert.Equal(kept, SqliteStatementCache.KeptOn(connection)); // the same SQL again: the kept statement, not a new one

            // The same query while its reader is still open on the connection runs on a statement of its own, and both answer in full.
            var all = await db.Alerts.AsNoTracking().OrderBy(a => a.RaisedAt).Select(a => a.Id).ToListAsync();
            var pairs = 0;
            await foreach (var id in db.Alerts.AsNoTracking().OrderBy(a => a.RaisedAt).Select(a => a.Id).AsAsyncEnumerable())
            {
                Assert.Contains(id, await db.Alerts.AsNoTracking().OrderBy(a => a.RaisedAt).Select(a => a.Id).ToListAsync());
                pairs++;
            }
            Assert.Equal(all.Count, pairs);
            return 0;
        });
    }

    [Fact]
    public async Task A_connection_keeps_a_bounded_number_of_statements_and_answers_right_beyond_it()
    {
        await _app.Db(async db =>
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            for (var i = 0; i < SqliteStatementCache.Capacity + 40; i++)
            {
                var sql = $"SELECT {i} AS \"Value\"";
                Assert.Equal([i], await db.Database.SqlQueryRaw<int>(sql).ToListAsync());
                Assert.True(SqliteStatementCache.KeptOn(connection) <= SqliteStatementCache.Capacity);
            }
            // The first statements were let go for the later ones, and still answer when asked again.
            Assert.Equal([0], await db.Database.SqlQueryRaw<int>("SELECT 0 AS \"Value\"").ToListAsync());
            return 0;
        });
    }

    [Fact]
    public async Task A_command_given_its_parameters_before_its_SQL_or_a_new_SQL_keeps_them()
    {
        await _app.Db(async db =>
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            var x = command.CreateParameter();
            x.ParameterName = "@x";
            x.Value = 5;
            command.Parameters.Add(x);
            command.CommandText = "SELECT @x";
            Assert.Equal(5L, await command.ExecuteScalarAsync());
            command.CommandText = "SELECT @x + 1";
            Assert.Equal(6L, await command.ExecuteScalarAsync());
            return 0;
        });
    }
}
