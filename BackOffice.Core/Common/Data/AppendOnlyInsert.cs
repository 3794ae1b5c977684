using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackOffice.Core.Common.Data;

/// <summary>
/// Inserts rows that are only ever appended (audit entries, outbox messages) with one prepared
/// INSERT on the command's own connection and transaction, bypassing change tracking: they are
/// written on every command and never updated through the context that wrote them. Column names,
/// quoting and value conversion come from the EF model, so the stored form is exactly EF's.
/// </summary>
public static class AppendOnlyInsert
{
    private sealed record Plan(string Sql, (IProperty Property, RelationalTypeMapping Mapping, string Name)[] Columns);

    private static readonly ConcurrentDictionary<(Type, string), Plan> Plans = new();

    public static async Task InsertAsync<T>(this BackOfficeDb db, T row, CancellationToken ct) where T : class
    {
        var plan = Plans.GetOrAdd((typeof(T), db.Database.ProviderName ?? ""), _ => Build(db, typeof(T)));
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Append-only rows are written inside a command's transaction.");
        command.CommandText = plan.Sql;
        foreach (var (property, mapping, name) in plan.Columns)
            command.Parameters.Add(mapping.CreateParameter(command, name, property.GetGetter().GetClrValue(row), property.IsNullable));
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Reads rows with a fixed statement on the command's own connection and transaction, without EF's query pipeline:
    /// for the small reads every command makes (the chain's tip, the active subscribers). <paramref name="sql"/> builds
    /// the statement once per provider from the model's names (see <see cref="Names{T}"/>).
    /// </summary>
    public static async Task<List<TRow>> ReadAsync<TRow>(this BackOfficeDb db, string key, Func<BackOfficeDb, string> sql, Func<DbDataReader, TRow> map, CancellationToken ct)
    {
        var text = Statements.GetOrAdd((key, db.Database.ProviderName ?? ""), _ => sql(db));
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = text;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<TRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(map(reader));
        return rows;
    }

    /// <summary>The quoted table name of <typeparamref name="T"/> and a function quoting its properties' column names.</summary>
    public static (string Table, Func<string, string> Column) Names<T>(BackOfficeDb db)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return (sql.DelimitIdentifier(table.Name, table.Schema),
            property => sql.DelimitIdentifier(entity.FindProperty(property)?.GetColumnName(table)
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not mapped.")));
    }

    private static readonly ConcurrentDictionary<(string, string), string> Statements = new();

    private static Plan Build(BackOfficeDb db, Type type)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
        var sql = db.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Select((p, i) => (Property: p, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping(), Name: sql.GenerateParameterName("p" + i)))
            .ToArray();
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} (" +
                   string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!))) +
                   ") VALUES (" + string.Join(", ", columns.Select(c => c.Name)) + ")";
        return new Plan(text, columns);
    }
}
