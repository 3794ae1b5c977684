using System.Globalization;
using BackOffice.Core.Reports;

namespace BackOffice.Web.Features.Reports;

/// <summary>How a report value reads on screen; the Excel file uses the same kinds as number formats.</summary>
public static class ReportCells
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Show(object? value, CellKind kind) => value switch
    {
        null => "—",
        DateOnly d => d.ToString("yyyy-MM-dd", Invariant),
        DateTime t => t.ToString(kind == CellKind.Date ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", Invariant),
        long or int or decimal or double when kind == CellKind.Percent => (Convert.ToDecimal(value, Invariant) * 100).ToString("0.0", Invariant) + " %",
        long or int => Convert.ToInt64(value, Invariant).ToString("N0", Invariant),
        decimal or double when kind == CellKind.Hours => Convert.ToDecimal(value, Invariant).ToString("0.0", Invariant) + " h",
        decimal or double => Convert.ToDecimal(value, Invariant).ToString("N2", Invariant),
        _ => value.ToString() ?? "",
    };

    public static double Number(object? value) => value switch
    {
        long or int or decimal or double => Convert.ToDouble(value, Invariant),
        _ => 0,
    };

    public static bool Numeric(CellKind kind) => kind is CellKind.Integer or CellKind.Number or CellKind.Percent or CellKind.Hours;
}
