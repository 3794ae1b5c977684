using BackOffice.Core.Common.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BackOffice.Infrastructure.Data;

/// <summary>The embedded default: one file under data/, WAL journal, waits instead of failing when busy.</summary>
public sealed class SqliteBackOfficeDb(DbContextOptions<SqliteBackOfficeDb> options) : BackOfficeDb(options)
{
    public override bool IsPostgres => false;

    /// <summary>
    /// The same file on a pool of its own, keyed apart by a private cache (what a connection has anyway): <see cref="SqlitePragmas"/>
    /// maps those connections into memory.
    /// </summary>
    public override string? ReportReadsConnectionString() =>
        new SqliteConnectionStringBuilder(Database.GetConnectionString()) { Cache = SqliteCacheMode.Private }.ToString();

    /// <summary>
    /// One prepared statement bound by position straight through SQLite's API. The ADO.NET provider finds each parameter
    /// by name, a search through the statement's parameters, for every value of every row (a commission run appends
    /// millions of lines of 26 values).
    /// </summary>
    public override Task<bool> AppendRowsAsync(string insert, int columns, int rows, Func<int, int, object?> value, CancellationToken ct) =>
        Task.FromResult(SqliteAppend.Rows((SqliteConnection)Database.GetDbConnection(), insert, columns, rows, value, ct));

    /// <summary>The statements every command runs, bound by position (<see cref="SqliteBoundStatements"/>).</summary>
    public override long? RunBound(object key, string sql, object?[] values, bool returnsKey) =>
        SqliteBoundStatements.Run((SqliteConnection)Database.GetDbConnection(), key, sql, values, returnsKey);

    public override bool BindsDirectly => true;

    /// <summary>Rows straight from SQLite's API (<see cref="SqliteStoredRows"/>).</summary>
    public override bool ReadStored(string sql, long[] parameters, Action<IStoredRow> read) =>
        SqliteStoredRows.Read((SqliteConnection)Database.GetDbConnection(), sql, parameters, read);

    public override void DeferCheckpoint() => SqlitePragmas.PauseCheckpoints((SqliteConnection)Database.GetDbConnection());

    public override void ResumeCheckpoints() => SqlitePragmas.ResumeCheckpoints(Database.GetDbConnection());

    public override Action? CheckpointApart()
    {
        if (!OnFile(out var reads)) return null;
        return () =>
        {
            using var connection = new SqliteConnection(reads);
            connection.Open();
            SqlitePragmas.ApplyOnce(connection);
            SqlitePragmas.Checkpoint(connection);
        };
    }

    /// <summary>The database is a file (another connection sees it, unlike a database in memory); <paramref name="reads"/>: the reports' connection string.</summary>
    private bool OnFile(out string reads)
    {
        var own = new SqliteConnectionStringBuilder(Database.GetConnectionString());
        reads = ReportReadsConnectionString()!;
        return own.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(own.DataSource) && own.DataSource != ":memory:";
    }

    /// <summary>
    /// On a pooled connection of the reports' kind (mapped into memory), a statement's own snapshot of the file; not for a
    /// database in memory, which another connection would not see.
    /// </summary>
    public override Action<Action<IStoredRow>>? StoredReadApart(string sql, long[] parameters)
    {
        if (!OnFile(out var reads)) return null;
        return read =>
        {
            using var connection = new SqliteConnection(reads);
            connection.Open();
            SqlitePragmas.ApplyOnce(connection);
            SqliteStoredRows.Read(connection, sql, parameters, read);
        };
    }
}

/// <summary>Production and several web nodes.</summary>
public sealed class PostgresBackOfficeDb(DbContextOptions<PostgresBackOfficeDb> options) : BackOfficeDb(options)
{
    public override bool IsPostgres => true;

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // The search box's prefix searches are LIKE 'x%': with a locale collation only pattern-ops indexes serve them.
        b.Entity<Core.Accounts.Clients.Client>(e =>
        {
            e.HasIndex(x => x.NameKey).HasOperators("text_pattern_ops");
            e.HasIndex(x => x.PhoneKey).HasOperators("text_pattern_ops");
            e.HasIndex(x => x.Email).IsUnique().HasOperators("text_pattern_ops");
        });
    }
}

public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteBackOfficeDb>
{
    public SqliteBackOfficeDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteBackOfficeDb>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresBackOfficeDb>
{
    public PostgresBackOfficeDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresBackOfficeDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
