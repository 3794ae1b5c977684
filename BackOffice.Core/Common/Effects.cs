namespace BackOffice.Core.Common;

/// <summary>
/// What a command does besides its own rows: the entity its audit entry is about, the live
/// counters it touched, the events it publishes to subscribers (through the outbox) and the
/// alerts it raised. Collected per command scope; written and pushed by the pipeline.
/// </summary>
public sealed class Effects
{
    private readonly Stack<AuditFrame> _frames = new();
    private readonly HashSet<string> _touched = [];
    private readonly List<RaisedAlert> _alerts = [];

    public IReadOnlyCollection<string> TouchedCounters => _touched;
    public IReadOnlyList<RaisedAlert> RaisedAlerts => _alerts;

    internal AuditFrame? Current => _frames.Count > 0 ? _frames.Peek() : null;
    internal int Depth => _frames.Count;

    /// <summary>Names the entity this command is about (otherwise the first changed entity is used).</summary>
    public void About(string entityType, string entityId)
    {
        if (Current is { } frame)
            frame.Subject = (entityType, entityId);
    }

    public void Touch(params string[] counters)
    {
        foreach (var c in counters) _touched.Add(c);
    }

    /// <summary>Publishes an event to every webhook subscriber of its type, in this command's transaction.</summary>
    public void Publish(string eventType, object payload) =>
        (Current ?? throw new InvalidOperationException("Events are published inside a command.")).Events.Add(new(eventType, payload));

    public void AlertRaised(RaisedAlert alert) => _alerts.Add(alert);

    internal AuditFrame Push(string action)
    {
        var frame = new AuditFrame(action);
        _frames.Push(frame);
        return frame;
    }

    internal void Pop() => _frames.Pop();
}

public sealed record PublishedEvent(string Type, object Payload);

public sealed record RaisedAlert(Guid Id, string Kind, string Severity, string Message, string Permission);

internal sealed class AuditFrame(string action)
{
    public string Action { get; } = action;

    /// <summary>Set once the audit entry is built: the final save records nothing more.</summary>
    public bool Sealed { get; set; }

    public (string Type, string Id)? Subject { get; set; }
    public List<PublishedEvent> Events { get; } = [];
    /// <summary>Each changed row once, by the tracked object itself: its key may change when the database assigns it.</summary>
    public Dictionary<object, EntityChange> Changes { get; } = new(ReferenceEqualityComparer.Instance);
}

internal sealed class EntityChange(string entityType, string entityId, string state)
{
    public string EntityType { get; } = entityType;

    /// <summary>The row's key; for a row added in the command, the key the database gave it once the command's rows are saved.</summary>
    public string EntityId { get; set; } = entityId;

    /// <summary>The tracked row, to read its database-assigned key and references after the command's rows are saved.</summary>
    public Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry? Entry { get; init; }

    public string State { get; set; } = state;
    public Dictionary<string, object?>? Before { get; set; }
    public Dictionary<string, object?>? After { get; set; }
}
