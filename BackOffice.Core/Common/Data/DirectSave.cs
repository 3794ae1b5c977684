using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace BackOffice.Core.Common.Data;

/// <summary>
/// The final save of a command whose changes are plain new and changed rows, written with prepared statements kept on the
/// connection instead of EF Core's update pipeline (which builds each statement's SQL anew, batches, orders and reads back
/// every row). New rows go first, principals before their dependents; a key the database makes comes back through
/// <c>RETURNING</c> and is passed on to the rows that point at it. Changed rows are updated in the columns that changed,
/// guarded by their concurrency tokens exactly as EF Core guards them. Anything else (a removed row, a type with
/// inheritance, owned or complex parts, database defaults, a changed key or unique column, rows of one type pointing at
/// each other) is left to EF Core.
/// </summary>
internal static class DirectSave
{
    /// <summary>The entries in the order they are written, or null when EF Core must save them.</summary>
    public static List<EntityEntry>? Order(IReadOnlyList<EntityEntry> entries)
    {
        if (entries.Count == 0) return null;
        var added = new List<EntityEntry>(entries.Count);
        var modified = new List<EntityEntry>();
        var addedTypes = new HashSet<IEntityType>();
        foreach (var entry in entries)
        {
            var type = entry.Metadata;
            if (entry.State == EntityState.Added)
            {
                if (Shape(type) is not { Insertable: true }) return null;
                added.Add(entry);
                addedTypes.Add(type);
            }
            else if (entry.State == EntityState.Modified)
            {
                if (Shape(type) is not { Insertable: true } shape) return null;
                foreach (var p in shape.Frozen)
                    if (entry.Property(p.Name).IsModified) return null;
                modified.Add(entry);
            }
            else return null;
        }
        // Principals first: a type's new rows go after the new rows of every type they point at.
        var rank = new Dictionary<IEntityType, int>();
        foreach (var type in addedTypes)
            if (Rank(type, addedTypes, rank, []) < 0) return null;
        // A row pointing at a row the database has not keyed yet must point at one written before it, by a single column.
        foreach (var entry in entries)
            foreach (var p in Shape(entry.Metadata)!.MayBeTemporary)
                if (entry.Property(p.Name).IsTemporary && !(entry.State == EntityState.Added && p.IsPrimaryKey())
                    && !p.GetContainingForeignKeys().Any(fk => fk.Properties.Count == 1 && addedTypes.Contains(fk.PrincipalEntityType)
                                                               && !ReferenceEquals(fk.PrincipalEntityType, entry.Metadata)))
                    return null;
        // Rows of one type pointing at each other are ordered by EF Core.
        foreach (var type in addedTypes)
            if (type.GetForeignKeys().Any(fk => ReferenceEquals(fk.PrincipalEntityType, type)) && added.Count(e => ReferenceEquals(e.Metadata, type)) > 1)
                return null;
        var ordered = added.OrderBy(e => rank[e.Metadata]).ToList(); // stable: rows of one type keep the order they were added in
        ordered.AddRange(modified);
        return ordered;
    }

    private static int Rank(IEntityType type, HashSet<IEntityType> added, Dictionary<IEntityType, int> rank, HashSet<IEntityType> visiting)
    {
        if (rank.TryGetValue(type, out var known)) return known;
        if (!visiting.Add(type)) return -1; // a cycle among the new rows' types
        var r = 0;
        foreach (var fk in type.GetForeignKeys())
        {
            var principal = fk.PrincipalEntityType;
            if (!added.Contains(principal) || ReferenceEquals(principal, type)) continue;
            var p = Rank(principal, added, rank, visiting);
            if (p < 0) return -1;
            r = Math.Max(r, p + 1);
        }
        visiting.Remove(type);
        rank[type] = r;
        return r;
    }

    /// <summary>Writes the ordered entries; the caller accepts the changes afterwards.</summary>
    public static async Task WriteAsync(BackOfficeDb db, List<EntityEntry> ordered, CancellationToken ct)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            var entry = ordered[i];
            if (entry.State == EntityState.Added) await InsertAsync(db, entry, ordered, i, ct);
            else await UpdateAsync(db, entry, ct);
        }
    }

    private static async Task InsertAsync(BackOfficeDb db, EntityEntry entry, List<EntityEntry> ordered, int index, CancellationToken ct)
    {
        var shape = Shape(entry.Metadata)!;
        var key = shape.GeneratedKey;
        var generated = key is not null && entry.Property(key.Name) is { } k && (k.IsTemporary || Equals(k.CurrentValue, key.ClrType.IsValueType ? Activator.CreateInstance(key.ClrType) : null));
        var id = (entry.Metadata.ClrType, db.IsPostgres, generated ? -1 : 0);
        if (!Statements.TryGetValue(id, out var statement))
            statement = Statements.GetOrAdd(id, InsertStatement(db, entry.Metadata, generated ? key : null));
        var current = entry.CurrentValues;
        var values = new object?[statement.Columns.Length];
        for (var i = 0; i < values.Length; i++) values[i] = current[statement.Columns[i].Property];
        try
        {
            var made = await AppendOnlyInsert.RunAsync(db, statement, statement.Sql, statement.Columns, values, returnsKey: generated, ct);
            if (!generated) return;
            if (made is null or DBNull) throw new DbUpdateException($"Inserting a {entry.Metadata.ClrType.Name} row returned no key.");
            var keyProperty = entry.Property(key!.Name);
            var placeholder = keyProperty.CurrentValue;
            var real = Convert.ChangeType(made, Nullable.GetUnderlyingType(key.ClrType) ?? key.ClrType, System.Globalization.CultureInfo.InvariantCulture);
            keyProperty.CurrentValue = real;
            // Rows written later that point at this one by its placeholder now point at its real key.
            foreach (var later in ordered.Skip(index + 1))
                foreach (var fk in later.Metadata.GetForeignKeys())
                    if (ReferenceEquals(fk.PrincipalEntityType, entry.Metadata) && fk.Properties.Count == 1
                        && later.Property(fk.Properties[0].Name) is { } pointer && Equals(pointer.CurrentValue, placeholder) && !Equals(placeholder, real))
                        pointer.CurrentValue = real;
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"Inserting a {entry.Metadata.ClrType.Name} row failed: {e.Message}", e);
        }
    }

    private static async Task UpdateAsync(BackOfficeDb db, EntityEntry entry, CancellationToken ct)
    {
        var shape = Shape(entry.Metadata)!;
        var changed = new List<IProperty>();
        var mask = new UInt128();
        for (var i = 0; i < shape.Properties.Length; i++)
            if (entry.Property(shape.Properties[i]).IsModified)
            {
                changed.Add(shape.Properties[i]);
                mask |= UInt128.One << i;
            }
        if (changed.Count == 0) return;
        var id = (entry.Metadata.ClrType, db.IsPostgres, mask);
        if (!Updates.TryGetValue(id, out var statement))
            statement = Updates.GetOrAdd(id, UpdateStatement(db, entry.Metadata, changed));
        var (current, original) = (entry.CurrentValues, entry.OriginalValues);
        var values = new object?[statement.Columns.Length];
        // The SET values are current; the key and the concurrency tokens in the WHERE are what was read.
        for (var i = 0; i < values.Length; i++)
            values[i] = i < statement.Set ? current[statement.Columns[i].Property] : original[statement.Columns[i].Property];
        long rows;
        try
        {
            rows = Convert.ToInt64(await AppendOnlyInsert.RunAsync(db, statement, statement.Sql, statement.Columns, values, returnsKey: false, ct),
                System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DbException e)
        {
            throw new DbUpdateException($"Updating a {entry.Metadata.ClrType.Name} row failed: {e.Message}", e);
        }
        if (rows != 1)
            throw new DbUpdateConcurrencyException(
                $"The {entry.Metadata.ClrType.Name} row was changed or removed by someone else since it was read ({rows} rows matched).");
    }

    /// <summary>A statement with its parameters in order; for an UPDATE the first <see cref="Set"/> are the new values.</summary>
    private sealed class Statement(string sql, (IProperty Property, RelationalTypeMapping Mapping, string Name)[] columns, int set)
    {
        public string Sql { get; } = sql;
        public (IProperty Property, RelationalTypeMapping Mapping, string Name)[] Columns { get; } = columns;
        public int Set { get; } = set;
    }

    private static readonly ConcurrentDictionary<(Type, bool, int), Statement> Statements = new();
    private static readonly ConcurrentDictionary<(Type, bool, UInt128), Statement> Updates = new();

    private static Statement InsertStatement(BackOfficeDb db, IEntityType type, IProperty? generatedKey)
    {
        var (_, sql, table) = AppendOnlyInsert.Mapped(db, type.ClrType);
        var columns = Shape(type)!.Properties.Where(p => !ReferenceEquals(p, generatedKey))
            .Select((p, i) => (Property: p, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping(), Name: sql.GenerateParameterName("p" + i)))
            .ToArray();
        var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(table)!)))}) "
                   + $"VALUES ({string.Join(", ", columns.Select(c => c.Name))})"
                   + (generatedKey is null ? "" : $" RETURNING {sql.DelimitIdentifier(generatedKey.GetColumnName(table)!)}");
        return new Statement(text, columns, columns.Length);
    }

    private static Statement UpdateStatement(BackOfficeDb db, IEntityType type, List<IProperty> changed)
    {
        var (_, sql, table) = AppendOnlyInsert.Mapped(db, type.ClrType);
        var guards = type.FindPrimaryKey()!.Properties.Concat(type.GetProperties().Where(p => p.IsConcurrencyToken && !p.IsPrimaryKey())).ToList();
        var columns = changed.Concat(guards)
            .Select((p, i) => (Property: p, Mapping: (RelationalTypeMapping)p.GetRelationalTypeMapping(), Name: sql.GenerateParameterName("p" + i)))
            .ToArray();
        string Column(IProperty p) => sql.DelimitIdentifier(p.GetColumnName(table)!);
        var text = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET "
                   + string.Join(", ", columns.Take(changed.Count).Select(c => $"{Column(c.Property)} = {c.Name}"))
                   + " WHERE " + string.Join(" AND ", columns.Skip(changed.Count).Select(c => c.Property.IsNullable ? $"{Column(c.Property)} {NullSafeEquals(db)} {c.Name}" : $"{Column(c.Property)} = {c.Name}"));
        return new Statement(text, columns, changed.Count);
    }

    /// <summary>Equality that holds for two nulls: a nullable concurrency token matches when both are null.</summary>
    private static string NullSafeEquals(BackOfficeDb db) => db.IsPostgres ? "IS NOT DISTINCT FROM" : "IS";

    /// <summary>What a type allows to be written directly, worked out once per type.</summary>
    /// <param name="MayBeTemporary">Keys and foreign keys: the properties that can hold a placeholder until the save.</param>
    private sealed record TypeShape(bool Insertable, IProperty[] Properties, IProperty? GeneratedKey, HashSet<IProperty> Frozen, IProperty[] MayBeTemporary);

    private static readonly ConcurrentDictionary<IEntityType, TypeShape> Shapes = new();

    private static TypeShape? Shape(IEntityType type) => Shapes.GetOrAdd(type, ShapeOf);

    private static TypeShape ShapeOf(IEntityType type)
    {
        var properties = type.GetProperties().ToArray();
        var key = type.FindPrimaryKey();
        // A single integer key the database makes (an identity column) is left out of the INSERT and read back.
        var generated = key is { Properties: [{ ValueGenerated: ValueGenerated.OnAdd } only] } && (only.ClrType == typeof(long) || only.ClrType == typeof(int))
            ? only : null;
        // An update's statement is chosen by which columns changed, one bit a column.
        var insertable = key is not null && properties.Length <= 128 && AppendOnlyInsert.DirectType(type, generated);
        // A changed key or a changed column of a unique index is left to EF Core, which orders such updates against
        // the command's other rows.
        var frozen = new HashSet<IProperty>(key?.Properties ?? []);
        foreach (var index in type.GetIndexes().Where(i => i.IsUnique))
            frozen.UnionWith(index.Properties);
        foreach (var k in type.GetKeys())
            frozen.UnionWith(k.Properties);
        return new TypeShape(insertable, properties, generated, frozen, [.. properties.Where(p => p.IsKey() || p.IsForeignKey() || p.ValueGenerated != ValueGenerated.Never)]);
    }
}
