using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackOffice.Core.Common.Data;

/// <summary>
/// The small reads a command makes on every call (is this callback a replay, who holds this account, what did this
/// client do this year), run as fixed statements on the command's connection and transaction without EF Core's query
/// pipeline. Values are read as EF Core reads them: the same reader method for each column's store type, then the
/// model's conversion, so an entity read here equals the one a query would return. Rows are not tracked unless read for
/// change (<see cref="TrackedRowsAsync{T}"/>).
/// </summary>
public static class FixedReads
{
    /// <summary>
    /// Whole rows of <typeparamref name="T"/>: <c>SELECT</c> every mapped column <c>FROM</c> its table, then
    /// <paramref name="tail"/> (its <c>WHERE</c>, <c>ORDER BY</c>, <c>LIMIT</c>, built once per provider with
    /// <see cref="AppendOnlyInsert.Names{T}"/>), its parameters <c>@p0</c>, <c>@p1</c>… bound from
    /// <paramref name="values"/> as the named properties are stored.
    /// </summary>
    public static Task<List<T>> RowsAsync<T>(this BackOfficeDb db, string key, Func<BackOfficeDb, string> tail, CancellationToken ct,
        params (string Property, object? Value)[] values) where T : class, new()
    {
        var shape = Shape<T>(db);
        return AppendOnlyInsert.RowsOf(db, AppendOnlyInsert.BoundOf<T>(db, key, d => $"SELECT {shape.Columns} FROM {shape.Table} {tail(d)}", values), shape.Read, ct);
    }

    /// <summary>
    /// Rows read as by <see cref="RowsAsync{T}"/>, then tracked as a tracking query tracks them: a row this context already
    /// tracks is returned as that instance (with its changes); any other is attached unchanged, so a change to it is saved.
    /// </summary>
    public static async Task<List<T>> TrackedRowsAsync<T>(this BackOfficeDb db, string key, Func<BackOfficeDb, string> tail, CancellationToken ct,
        params (string Property, object? Value)[] values) where T : class, new()
    {
        // A property with no setter (a shadow key) is not read, and an attached row would be saved without it.
        if (Shape<T>(db) is not { Whole: true, Key: { } id })
            throw new InvalidOperationException($"{typeof(T).Name} has properties a fixed read cannot set, or a key of several columns; read it for change through EF Core.");
        var rows = await db.RowsAsync<T>(key, tail, ct, values);
        if (rows.Count == 0) return rows;
        var tracked = db.Tracked<T>();
        for (var i = 0; i < rows.Count; i++)
        {
            var value = id.GetClrValue(rows[i]);
            if (tracked.FirstOrDefault(t => Equals(id.GetClrValue(t), value)) is { } same) rows[i] = same;
            else db.Attach(rows[i]);
        }
        return rows;
    }

    /// <summary>
    /// Reads column <paramref name="ordinal"/> of the current row as <typeparamref name="T"/>'s <paramref name="property"/>
    /// is stored, converted back to the model's value (an enum kept as its name, a date, a decimal kept as text). A null
    /// column reads as the default of a nullable <typeparamref name="TValue"/>.
    /// </summary>
    public static TValue Get<T, TValue>(this DbDataReader reader, BackOfficeDb db, int ordinal, string property) =>
        ((Func<DbDataReader, int, TValue>)Columns.GetOrAdd((typeof(T), property, typeof(TValue), db.IsPostgres), _ =>
        {
            var p = db.Model.FindEntityType(typeof(T))?.FindProperty(property) ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} is not mapped.");
            var r = Expression.Parameter(typeof(DbDataReader), "reader");
            var i = Expression.Parameter(typeof(int), "ordinal");
            var value = ValueOf(p, r, i);
            // A column the model never leaves empty can still be read as null (an aggregate over no rows, an outer join).
            var orNull = !p.IsNullable && (!typeof(TValue).IsValueType || Nullable.GetUnderlyingType(typeof(TValue)) is not null);
            value = orNull ? Expression.Condition(Expression.Call(r, IsDbNull, i), Expression.Default(typeof(TValue)), Fit(value, typeof(TValue))) : Fit(value, typeof(TValue));
            return Expression.Lambda<Func<DbDataReader, int, TValue>>(value, r, i).Compile();
        }))(reader, ordinal);

    /// <param name="Whole">Whether every mapped property is read (none is a shadow or read-only property).</param>
    /// <param name="Key">Reads a row's key, to find the row among those tracked; null unless the key is one column.</param>
    private sealed record RowShape<T>(string Table, string Columns, Func<DbDataReader, T> Read, bool Whole, IClrPropertyGetter? Key);

    private static RowShape<T> Shape<T>(BackOfficeDb db) where T : class, new() => (RowShape<T>)Shapes.GetOrAdd((typeof(T), db.IsPostgres), _ =>
    {
        var (entity, sql, table) = AppendOnlyInsert.Mapped(db, typeof(T));
        var properties = entity.GetProperties().Where(p => p.PropertyInfo is { CanWrite: true }).ToArray();
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var body = Expression.MemberInit(Expression.New(typeof(T)),
            properties.Select((p, i) => Expression.Bind(p.PropertyInfo!, Fit(ValueOf(p, reader, Expression.Constant(i)), p.ClrType))));
        return new RowShape<T>(sql.DelimitIdentifier(table.Name, table.Schema),
            string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!))),
            Expression.Lambda<Func<DbDataReader, T>>(body, reader).Compile(), properties.Length == entity.GetProperties().Count(),
            entity.FindPrimaryKey()?.Properties is [var key] ? key.GetGetter() : null);
    });

    /// <summary>The expression reading a column as EF Core does: the store type's reader method, then the model's conversion; null when the column is.</summary>
    private static Expression ValueOf(IProperty property, ParameterExpression reader, Expression ordinal)
    {
        var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        var method = mapping.GetDataReaderMethod();
        Expression value = Expression.Call(method.DeclaringType == typeof(DbDataReader) ? reader : Expression.Convert(reader, method.DeclaringType!), method, ordinal);
        value = mapping.CustomizeDataReaderExpression(value);
        var stored = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        value = Fit(value, stored);
        if (mapping.Converter is { } converter)
        {
            var convert = converter.ConvertFromProviderExpression;
            value = ReplacingExpressionVisitor.Replace(convert.Parameters[0], Fit(value, convert.Parameters[0].Type), convert.Body);
        }
        var clr = property.ClrType;
        value = Fit(value, clr);
        if (!property.IsNullable) return value;
        var nullable = clr.IsValueType && Nullable.GetUnderlyingType(clr) is null ? typeof(Nullable<>).MakeGenericType(clr) : clr;
        return Expression.Condition(Expression.Call(reader, IsDbNull, ordinal), Expression.Default(nullable), Fit(value, nullable));
    }

    private static Expression Fit(Expression value, Type type) => value.Type == type ? value : Expression.Convert(value, type);

    private static readonly MethodInfo IsDbNull = typeof(DbDataReader).GetMethod(nameof(DbDataReader.IsDBNull), [typeof(int)])!;

    private static readonly ConcurrentDictionary<(Type, bool), object> Shapes = new();
    private static readonly ConcurrentDictionary<(Type, string, Type, bool), Delegate> Columns = new();
}
