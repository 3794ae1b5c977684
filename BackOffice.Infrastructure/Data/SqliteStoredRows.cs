using BackOffice.Core.Common.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace BackOffice.Infrastructure.Data;

/// <summary>
/// Reads a statement's rows straight through SQLite's API on the connection's open transaction: no reader object per row,
/// no string per text value (a commission run reads millions of deals, and the ADO.NET reader made three strings and parsed
/// four decimals and a date per deal through its general path).
/// </summary>
internal static class SqliteStoredRows
{
    public static bool Read(SqliteConnection connection, string sql, long[] parameters, Action<IStoredRow> read)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteAppend.Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            for (var i = 0; i < parameters.Length; i++) SqliteAppend.Check(db, raw.sqlite3_bind_int64(statement, i + 1, parameters[i]));
            var row = new Row(statement);
            int step;
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW) read(row);
            if (step != raw.SQLITE_DONE) SqliteAppend.Check(db, step);
        }
        return true;
    }

    private sealed class Row(sqlite3_stmt statement) : IStoredRow
    {
        public long Int64(int column) => raw.sqlite3_column_int64(statement, column);

        public ReadOnlySpan<byte> Utf8(int column) => raw.sqlite3_column_blob(statement, column);
    }
}
