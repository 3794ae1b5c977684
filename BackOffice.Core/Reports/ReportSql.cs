using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;

namespace BackOffice.Core.Reports;

/// <summary>Functions report queries use in SQL, translated for each provider.</summary>
public static class ReportSql
{
    /// <summary>
    /// The UTC hour an instant falls in, as text ("2026-11-28 23"): counted by the database, an hour needs no date arithmetic
    /// per row (SQLite keeps times as text and would parse each one). An hour belongs to one local day in every time zone
    /// whose offset is whole hours.
    /// </summary>
    public static string HourOf(DateTime at) => throw new InvalidOperationException("Only in a query: the database works it out.");

    /// <summary>The start of an hour given by <see cref="HourOf"/>, in UTC.</summary>
    public static DateTime StartOfHour(string hour) =>
        DateTime.SpecifyKind(DateTime.ParseExact(hour, "yyyy-MM-dd HH", System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);

    internal static void Configure(ModelBuilder b, bool postgres)
    {
        // SQLite stores a time as "yyyy-MM-dd HH:mm:ss.fffffff": the hour is its first 13 characters.
        b.HasDbFunction(typeof(ReportSql).GetMethod(nameof(HourOf))!).HasTranslation(args => postgres
            ? new SqlFunctionExpression("to_char", [args[0], new SqlFragmentExpression("'YYYY-MM-DD HH24'")], nullable: true,
                argumentsPropagateNullability: [true, false], typeof(string), null)
            : new SqlFunctionExpression("substr", [args[0], new SqlFragmentExpression("1"), new SqlFragmentExpression("13")], nullable: true,
                argumentsPropagateNullability: [true, false, false], typeof(string), null));
    }

}
