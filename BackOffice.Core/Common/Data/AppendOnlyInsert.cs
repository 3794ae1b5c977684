using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackOffice.Core.Common.Data;

/// <summary>
/// Inserts rows that are only ever appended (audit entries, outbox messages, a commission run's lines)
/// with one prepared INSERT on the command's own connection and transaction, bypassing change
/// tracking: they are written on every command, or by the million, and never updated through the
/// context that wrote them. Column names, quoting and value conversion come from the EF model, so
/// the stored form is exactly EF's.
/// </summary>
public static class AppendOnlyInsert
{
    private sealed record Plan(string Table, string ColumnList, (IProperty Property, RelationalTypeMapping Mapping, string Name)[] Columns, IClrPropertyGetter[] Getters)
    {
        /// <summary>A row's value of column <paramref name="column"/> as the provider stores it (after the model's conversion).</summary>
        public object? ProviderValue(object row, int column) => Stored(Columns[column].Mapping, Getters[column].GetClrValue(row));

        /// <summary>The INSERT of one row.</summary>
        public string Single { get; } = $"INSERT INTO {Table} ({ColumnList}) VALUES ({string.Join(", ", Columns.Select(c => c.Name))})";

        /// <summary>The INSERT of <paramref name="rows"/> rows, the parameters of row r named after the column's with "_r".</summary>
        public string Many(int rows) => $"INSERT INTO {Table} ({ColumnList}) VALUES "
            + string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Columns.Select(c => $"{c.Name}_{r}")) + ")"));

        // A plan keys the command cache: by reference, not by comparing its SQL on every command.
        public bool Equals(Plan? other) => ReferenceEquals(this, other);
        public override int GetHashCode() => RuntimeHelpers.GetHashCode(this);
    }

    /// <summary>A fixed parameterised statement and how its parameters are converted.</summary>
    private sealed class Fixed(string sql, (IProperty Property, RelationalTypeMapping Mapping, string Name)[] columns)
    {
        public string Sql { get; } = sql;
        public (IProperty Property, RelationalTypeMapping Mapping, string Name)[] Columns { get; } = columns;
    }

    private static readonly ConcurrentDictionary<(Type, bool, bool), Plan> Plans = new();

    public static Task InsertAsync<T>(this BackOfficeDb db, T row, CancellationToken ct) where T : class
    {
        var plan = PlanOf(db, typeof(T), generatedKeys: false);
        return InsertOneAsync(db, plan, column => plan.Getters[column].GetClrValue(row), typeof(T), ct);
    }

    /// <summary>
    /// True when rows of this type can be inserted by a prepared statement exactly as EF Core would insert them; the
    /// <paramref name="generatedKey"/>, if any, is the one value the database may make (the statement leaves it out).
    /// </summary>
    internal static bool DirectType(IEntityType entity, IProperty? generatedKey = null)
    {
        if (entity.GetTableName() is not { } name || entity.BaseType is not null || entity.GetDerivedTypes().Any() || entity.IsOwned()
            || entity.GetComplexProperties().Any() || entity.GetNavigations().Any(n => n.TargetEntityType.IsOwned()))
            return false;
        if (entity.Model.GetRelationalModel().FindTable(name, entity.GetSchema()) is not { } table || table.EntityTypeMappings.Count() != 1)
            return false;
        var store = StoreObjectIdentifier.Table(name, entity.GetSchema());
        return entity.GetProperties().All(p =>
            ReferenceEquals(p, generatedKey)
            || ((p.ValueGenerated == ValueGenerated.Never || (p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(Guid)))
                && p.GetDefaultValueSql(store) is null && p.GetComputedColumnSql(store) is null && !p.TryGetDefaultValue(store, out _)));
    }

    /// <summary>One row through the plan's prepared INSERT, kept with the connection; a failure is reported as EF's save reports it.</summary>
    private static async Task InsertOneAsync(BackOfficeDb db, Plan plan, Func<int, object?> value, Type type, CancellationToken ct)
    {
        var values = new object?[plan.Columns.Length];
        for (var i = 0; i < values.Length; i++) values[i] = value(i);
        try
        {
            await RunAsync(db, plan, plan.Single, plan.Columns, values, returnsKey: false, ct);
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"Inserting a {type.Name} row failed: {e.Message}", e);
        }
    }

    /// <summary>
    /// A kept one-row statement run inside the command's transaction with <paramref name="values"/> (the model's values, in
    /// the order of <paramref name="columns"/>): bound by position through the provider's own API where it has one
    /// (<see cref="BackOfficeDb.RunBound"/>), else through the kept ADO.NET command. Returns the rows changed, or with
    /// <paramref name="returnsKey"/> the key the statement returned.
    /// </summary>
    internal static async ValueTask<object?> RunAsync(BackOfficeDb db, object key, string sql, (IProperty Property, RelationalTypeMapping Mapping, string Name)[] columns,
        object?[] values, bool returnsKey, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Rows are written directly only inside a command's transaction.");
        if (db.BindsDirectly)
        {
            var stored = new object?[values.Length];
            for (var i = 0; i < values.Length; i++) stored[i] = Stored(columns[i].Mapping, values[i]);
            if (db.RunBound(key, sql, stored, returnsKey) is { } done) return done;
        }
        var command = CommandWith(db, key, sql, columns, values);
        return returnsKey ? await command.ExecuteScalarAsync(ct) : await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The kept ADO.NET command for <paramref name="sql"/> with <paramref name="values"/> set as its parameters.</summary>
    private static DbCommand CommandWith(BackOfficeDb db, object key, string sql, (IProperty Property, RelationalTypeMapping Mapping, string Name)[] columns,
        object?[] values)
    {
        var command = StatementOf(db, key, sql);
        var fresh = command.Parameters.Count == 0;
        for (var i = 0; i < columns.Length; i++)
            SetParameter(command, columns[i], i, values[i], fresh);
        return command;
    }

    /// <summary>
    /// Reads rows with a fixed statement on the command's own connection and transaction, without EF's query pipeline:
    /// for the small reads every command makes (the chain's tip, the active subscribers). <paramref name="sql"/> builds
    /// the statement once per provider from the model's names (see <see cref="Names{T}"/>).
    /// </summary>
    public static async Task<List<TRow>> ReadAsync<TRow>(this BackOfficeDb db, string key, Func<BackOfficeDb, string> sql, Func<DbDataReader, TRow> map, CancellationToken ct)
    {
        var command = StatementOf(db, key, Statements.GetOrAdd((key, db.IsPostgres), _ => sql(db)));
        return await RowsOf(db, command, map, ct);
    }

    /// <summary>Runs a read, opening the connection for it if it is closed (a read outside a command, on a provider that closes between queries).</summary>
    internal static async Task<List<TRow>> RowsOf<TRow>(BackOfficeDb db, DbCommand command, Func<DbDataReader, TRow> map, CancellationToken ct)
    {
        var open = command.Connection!.State != System.Data.ConnectionState.Open;
        if (open) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            var rows = new List<TRow>();
            while (await reader.ReadAsync(ct))
                rows.Add(map(reader));
            return rows;
        }
        finally
        {
            if (open) await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Runs a fixed UPDATE or DELETE on the command's own connection and transaction, without EF's query pipeline. Its
    /// parameters are <c>@p0</c>, <c>@p1</c>… in the order of <paramref name="values"/>, each converted as the named property
    /// of <typeparamref name="T"/> is stored. Returns the number of rows changed.
    /// </summary>
    public static async Task<int> ExecuteAsync<T>(this BackOfficeDb db, string key, Func<BackOfficeDb, string> sql, CancellationToken ct,
        params (string Property, object? Value)[] values) where T : class
    {
        var plan = FixedOf<T>(db, key, sql, values);
        var bound = new object?[values.Length];
        for (var i = 0; i < bound.Length; i++) bound[i] = values[i].Value;
        return Convert.ToInt32(await RunAsync(db, plan, plan.Sql, plan.Columns, bound, returnsKey: false, ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Reads rows with a fixed SELECT on <typeparamref name="T"/>'s table, its parameters bound as in
    /// <see cref="ExecuteAsync{T}"/>: for the reads of many rows where EF's materialisation would cost more than the read.
    /// </summary>
    public static async Task<List<TRow>> ReadAsync<T, TRow>(this BackOfficeDb db, string key, Func<BackOfficeDb, string> sql, Func<DbDataReader, TRow> map,
        CancellationToken ct, params (string Property, object? Value)[] values) where T : class
    {
        return await RowsOf(db, BoundOf<T>(db, key, sql, values), map, ct);
    }

    internal static DbCommand BoundOf<T>(BackOfficeDb db, string key, Func<BackOfficeDb, string> sql, (string Property, object? Value)[] values) where T : class
    {
        var plan = FixedOf<T>(db, key, sql, values);
        return CommandWith(db, plan, plan.Sql, plan.Columns, [.. values.Select(v => v.Value)]);
    }

    private static Fixed FixedOf<T>(BackOfficeDb db, string key, Func<BackOfficeDb, string> sql, (string Property, object? Value)[] values) where T : class =>
        Parameterised.GetOrAdd((key, db.IsPostgres), _ =>
        {
            var (entity, helper, _) = Mapped(db, typeof(T));
            var columns = values.Select((v, i) =>
            {
                var property = entity.FindProperty(v.Property) ?? throw new InvalidOperationException($"{typeof(T).Name}.{v.Property} is not mapped.");
                return (property, (RelationalTypeMapping)property.GetRelationalTypeMapping(), helper.GenerateParameterName("p" + i));
            }).ToArray();
            return new Fixed(sql(db), columns);
        });

    private static readonly ConcurrentDictionary<(string, bool), Fixed> Parameterised = new();

    // The commands of fixed statements, kept with their connection. On a connection that stays open between commands
    // (SQLite's, see the database registration) each statement is prepared once; on any other, it is prepared again
    // after each open, as a new command would be.
    private static readonly ConditionalWeakTable<DbConnection, Dictionary<object, DbCommand>> Commands = new();

    internal static DbCommand StatementOf(BackOfficeDb db, object key, string sql)
    {
        var connection = db.Database.GetDbConnection();
        var commands = Commands.GetOrCreateValue(connection);
        if (!commands.TryGetValue(key, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[key] = command;
        }
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    internal static void SetParameter(DbCommand command, (IProperty Property, RelationalTypeMapping Mapping, string Name) column, int index, object? value, bool fresh)
    {
        var (property, mapping, name) = column;
        if (fresh) command.Parameters.Add(mapping.CreateParameter(command, name, value, property.IsNullable));
        else command.Parameters[index].Value = Stored(mapping, value) ?? DBNull.Value;
    }

    /// <summary>A value as the provider stores it, after the model's conversion.</summary>
    private static object? Stored(RelationalTypeMapping mapping, object? value) =>
        value is not null && mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;

    /// <summary>The quoted table name of <typeparamref name="T"/> and a function quoting its properties' column names.</summary>
    public static (string Table, Func<string, string> Column) Names<T>(BackOfficeDb db)
    {
        var (entity, sql, table) = Mapped(db, typeof(T));
        return (sql.DelimitIdentifier(table.Name, table.Schema),
            property => sql.DelimitIdentifier(entity.FindProperty(property)?.GetColumnName(table)
                ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not mapped.")));
    }

    internal static (IEntityType Entity, ISqlGenerationHelper Sql, StoreObjectIdentifier Table) Mapped(BackOfficeDb db, Type type)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
        return (entity, db.GetService<ISqlGenerationHelper>(), StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()));
    }

    private static readonly ConcurrentDictionary<(string, bool), string> Statements = new();

    /// <summary>
    /// Many rows through the provider's own append path (<see cref="BackOfficeDb.AppendRowsAsync"/>), or else prepared
    /// multi-row INSERTs (<see cref="RowsPerStatement"/> rows a statement: fewer round trips), their keys left to the
    /// database (the rows' own keys are not set). A unique violation is reported as EF's save reports it, so the pipeline
    /// answers it the same way (a conflict).
    /// </summary>
    public static async Task InsertManyAsync<T>(this BackOfficeDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var plan = PlanOf(db, typeof(T), generatedKeys: true);
        var perStatement = Math.Max(1, Math.Min(RowsPerStatement, MaxParameters / plan.Columns.Length));
        try
        {
            if (await db.AppendRowsAsync(plan.Single, plan.Columns.Length, rows.Count, (r, c) => plan.ProviderValue(rows[r]!, c), ct)) return;
            var done = 0;
            if (rows.Count >= perStatement)
            {
                await using var full = CommandOf(db, plan, perStatement);
                for (; done + perStatement <= rows.Count; done += perStatement)
                    await InsertBatchAsync(full, plan, rows, done, perStatement, prepare: done == 0, ct);
            }
            if (done < rows.Count)
            {
                await using var rest = CommandOf(db, plan, rows.Count - done);
                await InsertBatchAsync(rest, plan, rows, done, rows.Count - done, prepare: false, ct);
            }
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"Inserting {typeof(T).Name} rows failed: {e.Message}", e);
        }
    }

    /// <summary>Rows bound to one INSERT: enough to make the statement's own cost small, few enough to stay a quick bind.</summary>
    private const int RowsPerStatement = 64;

    /// <summary>Well under both providers' limits on bound values in one statement (SQLite 32,766, PostgreSQL 65,535).</summary>
    private const int MaxParameters = 4000;

    private static async Task InsertBatchAsync<T>(DbCommand command, Plan plan, IReadOnlyList<T> rows, int first, int count, bool prepare, CancellationToken ct)
    {
        var width = plan.Columns.Length;
        for (var r = 0; r < count; r++)
        {
            var row = rows[first + r]!;
            for (var i = 0; i < width; i++)
            {
                var (property, mapping, name) = plan.Columns[i];
                var index = r * width + i;
                if (index >= command.Parameters.Count)
                    command.Parameters.Add(mapping.CreateParameter(command, $"{name}_{r}", plan.Getters[i].GetClrValue(row), property.IsNullable));
                else
                    command.Parameters[index].Value = plan.ProviderValue(row, i) ?? DBNull.Value;
            }
        }
        if (prepare) await command.PrepareAsync(ct);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static Plan PlanOf(BackOfficeDb db, Type type, bool generatedKeys) =>
        Plans.GetOrAdd((type, db.IsPostgres, generatedKeys), _ => Build(db, type, generatedKeys));

    private static DbCommand CommandOf(BackOfficeDb db, Plan plan, int? rows = null)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Append-only rows are written inside a command's transaction.");
        command.CommandText = rows is { } n ? plan.Many(n) : plan.Single;
        return command;
    }

    private static Plan Build(BackOfficeDb db, Type type, bool generatedKeys)
    {
        var (entity, sql, table) = Mapped(db, type);
        var columns = entity.GetProperties().Where(p => !(generatedKeys && p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select((p, i) => (Property: p, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping(), Name: sql.GenerateParameterName("p" + i)))
            .ToArray();
        return new Plan(sql.DelimitIdentifier(table.Name, table.Schema), string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!))),
            columns, [.. columns.Select(c => c.Property.GetGetter())]);
    }
}
