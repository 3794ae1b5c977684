using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// Appends rows through one prepared statement bound by position with SQLite's own API, each value stored exactly as
/// Microsoft.Data.Sqlite stores it (the same types and text forms), on the connection's open transaction.
/// </summary>
internal static class SqliteAppend
{
    public static bool Rows(SqliteConnection connection, string insert, int columns, int rows, Func<int, int, object?> value, CancellationToken ct)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, insert, out var statement));
        using (statement)
        {
            if (raw.sqlite3_bind_parameter_count(statement) != columns)
                throw new InvalidOperationException($"The statement has {raw.sqlite3_bind_parameter_count(statement)} parameters, not {columns}.");
            for (var r = 0; r < rows; r++)
            {
                if ((r & 4095) == 0) ct.ThrowIfCancellationRequested();
                for (var c = 0; c < columns; c++) Check(db, Bind(statement, c + 1, value(r, c)));
                // The connection's busy timeout makes SQLite itself wait for another writer's lock.
                Check(db, raw.sqlite3_step(statement));
                raw.sqlite3_reset(statement);
            }
        }
        return true;
    }

    /// <summary>The value as Microsoft.Data.Sqlite binds it: integers (and bools, enums) as INTEGER, decimals, dates and strings as TEXT.</summary>
    internal static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        long l => raw.sqlite3_bind_int64(statement, index, l),
        int i => raw.sqlite3_bind_int64(statement, index, i),
        bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
        short s => raw.sqlite3_bind_int64(statement, index, s),
        byte b => raw.sqlite3_bind_int64(statement, index, b),
        string s => raw.sqlite3_bind_text(statement, index, s),
        decimal d => raw.sqlite3_bind_text(statement, index, d.ToString("0.0###########################", CultureInfo.InvariantCulture)),
        DateTime t => raw.sqlite3_bind_text(statement, index, t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        double d when !double.IsNaN(d) => raw.sqlite3_bind_double(statement, index, d),
        Enum e => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(e, CultureInfo.InvariantCulture)),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        Guid g => raw.sqlite3_bind_text(statement, index, g.ToString("D").ToUpperInvariant()),
        _ => throw new InvalidOperationException($"A {value.GetType().Name} value is not appended directly."),
    };

    /// <summary>Whether <see cref="Bind"/> stores a value of this type as the provider does.</summary>
    internal static bool Binds(object? value) =>
        value is null or DBNull or long or int or bool or short or byte or string or decimal or DateTime or double or Enum or byte[] or Guid;

    internal static void Check(sqlite3 db, int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
        throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
    }
}
