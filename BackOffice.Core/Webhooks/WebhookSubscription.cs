using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Webhooks;

/// <summary>A receiver (the CRM, a data warehouse…) of signed events.</summary>
public sealed class WebhookSubscription : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string Url { get; set; } = "";

    [Secret]
    public string Secret { get; set; } = "";

    /// <summary>Event types separated by commas; <c>*</c> for all.</summary>
    public string EventTypes { get; set; } = "*";

    public bool Active { get; set; } = true;
    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }

    public bool Wants(string eventType) =>
        Active && EventTypes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(t => t == "*" || t == eventType);
}

public enum OutboxStatus
{
    Pending,
    Delivered,
    DeadLettered,
}

/// <summary>
/// A message for the outside world, written in the same transaction as the change it
/// reports and delivered later by the dispatcher, so an outage delays it but never loses it.
/// </summary>
public sealed class OutboxMessage : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Receivers de-duplicate on this id.</summary>
    public Guid EventId { get; set; }

    public string EventType { get; set; } = "";
    public Guid? SubscriptionId { get; set; }
    public string Payload { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public long Version { get; set; }
}
