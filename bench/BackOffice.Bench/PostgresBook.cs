using System.Diagnostics;
using System.Globalization;
using Npgsql;
using static BackOffice.Bench.Stats;

namespace BackOffice.Bench;

/// <summary>
/// A seeded book on PostgreSQL: tables copied row for row from the seeded SQLite file with binary
/// COPY into a database the app has migrated. Each database seeded its own demo staff, so staff ids
/// are translated by user name. The copy is skipped when the database already holds as many rows.
/// </summary>
public static class PostgresBook
{
    /// <summary>A server connection string (as for the tests' BACKOFFICE_TEST_POSTGRES); the database name is the runner's own.</summary>
    public static string? Server => Environment.GetEnvironmentVariable("BACKOFFICE_BENCH_POSTGRES") is { Length: > 0 } s ? s : null;

    public static string Database(string server, string name) => new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString();

    public static void Drop(string server, string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(Database(server, "postgres"));
        connection.Open();
        Execute(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Copies <paramref name="tables"/> (parents first) unless every one already holds as many rows as in the file.</summary>
    public static void Copy(string databaseFile, string postgres, params string[] tables)
    {
        using var sqlite = ClientBookSeed.Open(databaseFile);
        using var pg = new NpgsqlConnection(postgres);
        pg.Open();
        var counts = tables.Select(t => ClientBookSeed.Scalar(sqlite, $"SELECT COUNT(*) FROM \"{t}\"")).ToArray();
        if (tables.Select((t, i) => Scalar(pg, $"SELECT COUNT(*) FROM \"{t}\"") == counts[i]).All(same => same))
        {
            Console.WriteLine($"PostgreSQL: {pg.Database} already holds the book's {string.Join(", ", tables.Select((t, i) => $"{counts[i]:N0} {t}"))} (not copied now)");
            return;
        }

        var staff = new Dictionary<string, string>();
        using (var read = sqlite.CreateCommand())
        {
            read.CommandText = "SELECT Id, UserName FROM AspNetUsers";
            using var reader = read.ExecuteReader();
            var byName = Rows(pg, "SELECT \"UserName\", \"Id\" FROM \"AspNetUsers\"").ToDictionary(r => r[0], r => r[1]);
            while (reader.Read())
                if (byName.TryGetValue(reader.GetString(1), out var id))
                    staff[reader.GetString(0)] = id;
        }

        var started = Stopwatch.StartNew();
        var list = string.Join(", ", tables.Select(t => $"'{t}'"));
        // Indexes are built once at the end, and the foreign keys are not checked row by row (the rows come from a database that checked them).
        var indexes = Rows(pg, $"""
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename IN ({list}) AND indexname NOT IN (SELECT conname FROM pg_constraint)
            """);
        Execute(pg, $"TRUNCATE {string.Join(", ", tables.Select(t => $"\"{t}\""))} CASCADE");
        foreach (var index in indexes)
            Execute(pg, $"DROP INDEX \"{index[0]}\"");
        Execute(pg, "SET session_replication_role = replica");
        foreach (var table in tables)
        {
            var columns = Rows(pg, $"SELECT column_name, udt_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position");
            using var read = sqlite.CreateCommand();
            read.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c[0]}\""))} FROM \"{table}\" ORDER BY rowid";
            using var reader = read.ExecuteReader();
            using var import = pg.BeginBinaryImport(
                $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c[0]}\""))}) FROM STDIN (FORMAT BINARY)");
            long rows = 0;
            while (reader.Read())
            {
                import.StartRow();
                for (var c = 0; c < columns.Count; c++)
                    Write(import, reader.GetValue(c), columns[c][1], staff);
                rows++;
            }
            import.Complete();
            Console.WriteLine($"  {table}: {rows:N0} rows ({F(started.Elapsed.TotalSeconds, "0.0")} s)");
        }
        Execute(pg, "SET session_replication_role = DEFAULT");
        var copied = started.Elapsed;
        foreach (var index in indexes)
            Execute(pg, index[1]);
        var indexed = started.Elapsed;
        foreach (var identity in Rows(pg, $"SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ({list}) AND is_identity = 'YES'"))
            Execute(pg, $"SELECT setval(pg_get_serial_sequence('\"{identity[0]}\"', '{identity[1]}'), (SELECT MAX(\"{identity[1]}\") FROM \"{identity[0]}\"))");
        // As autovacuum would leave them: statistics for the planner, and the visibility map index-only scans need.
        foreach (var table in tables)
            Execute(pg, $"VACUUM (ANALYZE) \"{table}\"");
        Console.WriteLine($"PostgreSQL: copied into {pg.Database}: COPY {F(copied.TotalSeconds, "0.0")} s, indexes {F((indexed - copied).TotalSeconds, "0.0")} s, " +
            $"VACUUM ANALYZE {F((started.Elapsed - indexed).TotalSeconds, "0.0")} s");
    }

    /// <summary>A value as SQLite's EF Core provider stored it, written as the PostgreSQL column's type.</summary>
    private static void Write(NpgsqlBinaryImporter import, object value, string type, Dictionary<string, string> staff)
    {
        if (value is DBNull)
        {
            import.WriteNull();
            return;
        }
        switch (type)
        {
            case "int8": import.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture), type); break;
            case "int4": import.Write(Convert.ToInt32(value, CultureInfo.InvariantCulture), type); break;
            case "int2": import.Write(Convert.ToInt16(value, CultureInfo.InvariantCulture), type); break;
            case "bool": import.Write(Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0, type); break;
            case "float8": import.Write(Convert.ToDouble(value, CultureInfo.InvariantCulture), type); break;
            case "numeric": import.Write(decimal.Parse(Convert.ToString(value, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture), type); break;
            case "timestamptz":
                import.Write(DateTime.SpecifyKind(DateTime.Parse((string)value, CultureInfo.InvariantCulture), DateTimeKind.Utc), type);
                break;
            case "date": import.Write(DateOnly.Parse((string)value, CultureInfo.InvariantCulture), type); break;
            case "uuid": import.Write(Guid.Parse((string)value), type); break;
            case "bytea": import.Write((byte[])value, type); break;
            case "varchar" or "text" or "bpchar":
                var text = (string)value;
                import.Write(staff.GetValueOrDefault(text, text), type);
                break;
            default: throw new NotSupportedException($"No copy for PostgreSQL type {type}.");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }

    private static long Scalar(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static List<string[]> Rows(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToArray());
        return rows;
    }
}
