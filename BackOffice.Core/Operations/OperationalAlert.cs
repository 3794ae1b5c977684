using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Operations;

public enum AlertStatus
{
    Open,
    Acknowledged,
    Resolved,
}

public enum AlertSeverity
{
    Info,
    Warning,
    Critical,
}

/// <summary>An exception that needs a person: persisted, pushed to whoever may see its kind, acknowledged and resolved by commands.</summary>
public sealed class OperationalAlert : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Kind { get; set; } = "";
    public AlertSeverity Severity { get; set; }
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public string Message { get; set; } = "";
    public DateTime RaisedAt { get; set; }
    public AlertStatus Status { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTime? ResolvedAt { get; set; }
    public string? Resolution { get; set; }
    public long Version { get; set; }

    public void Resolve(string by, DateTime at, string resolution)
    {
        Status = AlertStatus.Resolved;
        ResolvedBy = by;
        ResolvedAt = at;
        Resolution = resolution;
    }
}
