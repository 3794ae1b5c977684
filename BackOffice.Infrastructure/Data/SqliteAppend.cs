using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// Appends rows through one prepared statement bound by position with SQLite's own API, each value stored exactly as
/// Microsoft.Data.Sqlite stores it (the same types and text forms), on the connection's open transaction.
/// </summary>
internal static class SqliteAppend
{
    /// <summary>
    /// The page cache while appending, in KiB. SQLite's default (2 MiB) holds a few hundred pages; a run's lines go into
    /// four indexes at thousands of places at once (one per partner), and each page fetched again is a read from the file.
    /// </summary>
    private const int AppendCacheKib = 256 * 1024;

    public static bool Rows(SqliteConnection connection, string insert, int columns, int rows, Func<int, int, object?> value, CancellationToken ct)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var cache = Pragma(db, "PRAGMA cache_size");
        if (cache > -AppendCacheKib) Check(db, raw.sqlite3_exec(db, $"PRAGMA cache_size = {-AppendCacheKib}"));
        Check(db, raw.sqlite3_prepare_v2(db, insert, out var statement));
        try
        {
            using (statement)
            {
                if (raw.sqlite3_bind_parameter_count(statement) != columns)
                    throw new InvalidOperationException($"The statement has {raw.sqlite3_bind_parameter_count(statement)} parameters, not {columns}.");
                var texts = new StoredTexts();
                // A binding stays with the statement from one row to the next: a value equal to the row before's is not bound again.
                var bound = new object?[columns];
                for (var r = 0; r < rows; r++)
                {
                    if ((r & 4095) == 0) ct.ThrowIfCancellationRequested();
                    for (var c = 0; c < columns; c++)
                    {
                        var v = value(r, c);
                        if (r > 0 && (v ?? DBNull.Value).Equals(bound[c] ?? DBNull.Value)) continue;
                        Check(db, Bind(statement, c + 1, v, texts));
                        bound[c] = v;
                    }
                    // The connection's busy timeout makes SQLite itself wait for another writer's lock.
                    Check(db, raw.sqlite3_step(statement));
                    raw.sqlite3_reset(statement);
                }
            }
        }
        finally
        {
            if (cache > -AppendCacheKib) raw.sqlite3_exec(db, $"PRAGMA cache_size = {cache}");
        }
        return true;
    }

    /// <summary>
    /// The value as Microsoft.Data.Sqlite binds it: integers (and bools, enums) as INTEGER, decimals, dates, strings and (as
    /// EF Core's SQLite provider has them stored) GUIDs as TEXT; with <paramref name="texts"/>, repeated texts are made once.
    /// </summary>
    internal static int Bind(sqlite3_stmt statement, int index, object? value, StoredTexts? texts = null) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        long l => raw.sqlite3_bind_int64(statement, index, l),
        int i => raw.sqlite3_bind_int64(statement, index, i),
        bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
        short s => raw.sqlite3_bind_int64(statement, index, s),
        byte b => raw.sqlite3_bind_int64(statement, index, b),
        string s when texts is not null => raw.sqlite3_bind_text(statement, index, texts.Of(s)),
        string s => raw.sqlite3_bind_text(statement, index, s),
        decimal d when texts is not null => raw.sqlite3_bind_text(statement, index, texts.Of(d)),
        decimal d => raw.sqlite3_bind_text(statement, index, StoredText(d)),
        DateTime t => raw.sqlite3_bind_text(statement, index, t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        double d when !double.IsNaN(d) => raw.sqlite3_bind_double(statement, index, d),
        Enum e => raw.sqlite3_bind_int64(statement, index, Convert.ToInt64(e, CultureInfo.InvariantCulture)),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        Guid g => raw.sqlite3_bind_text(statement, index, g.ToString("D").ToUpperInvariant()),
        _ => throw new InvalidOperationException($"A {value.GetType().Name} value is not appended directly."),
    };

    /// <summary>
    /// The UTF-8 text of values met before: a run's lines repeat the same symbols, rates and lot sizes, and formatting them
    /// again for every line is most of the cost of binding them.
    /// </summary>
    internal sealed class StoredTexts
    {
        private const int MaxKept = 100_000;
        private readonly Dictionary<string, byte[]> strings = [];
        private readonly Dictionary<decimal, byte[]> decimals = [];

        public byte[] Of(string value) => Kept(strings, value, static s => Encoding.UTF8.GetBytes(s));

        // Equal decimals of different scales (1.5, 1.50) format alike: the format drops trailing zeros.
        public byte[] Of(decimal value) => Kept(decimals, value, static d => Encoding.UTF8.GetBytes(StoredText(d)));

        private static byte[] Kept<T>(Dictionary<T, byte[]> kept, T value, Func<T, byte[]> text) where T : notnull
        {
            if (kept.TryGetValue(value, out var known)) return known;
            if (kept.Count >= MaxKept) kept.Clear();
            return kept[value] = text(value);
        }
    }

    private static long Pragma(sqlite3 db, string pragma)
    {
        Check(db, raw.sqlite3_prepare_v2(db, pragma, out var statement));
        using (statement)
        {
            Check(db, raw.sqlite3_step(statement));
            return raw.sqlite3_column_int64(statement, 0);
        }
    }

    private static string StoredText(decimal value) => value.ToString("0.0###########################", CultureInfo.InvariantCulture);

    /// <summary>Whether <see cref="Bind"/> stores a value of this type as the provider does.</summary>
    internal static bool Binds(object? value) =>
        value is null or DBNull or long or int or bool or short or byte or string or decimal or DateTime or double or Enum or byte[] or Guid;

    internal static void Check(sqlite3 db, int rc)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW) return;
        throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
    }
}
