namespace BackOffice.Core.Common.Data;

/// <summary>
/// Optimistic concurrency: the version is checked on update and bumped on every save, so
/// two staff acting on the same row at once cannot both win.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>
/// Rows written in bulk (a list of tens of thousands of parties) whose command records a summary row
/// of its own instead: the audit entry carries that summary, not every row.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditedAsSummaryAttribute : Attribute
{
    /// <summary>
    /// Only the bulk insert is summarised: a later change to one row (a statement line linked by hand) is audited
    /// with its before and after like any other.
    /// </summary>
    public bool InsertsOnly { get; init; }
}
