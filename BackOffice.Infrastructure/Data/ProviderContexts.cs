using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BackOffice.Infrastructure.Data;

/// <summary>The embedded default: one file under data/, WAL journal, waits instead of failing when busy.</summary>
public sealed class SqliteBackOfficeDb(DbContextOptions<SqliteBackOfficeDb> options) : BackOfficeDb(options)
{
    public override bool IsPostgres => false;
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
