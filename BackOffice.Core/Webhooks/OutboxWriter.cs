using System.Text.Json;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Webhooks;

/// <summary>Turns a command's published events into one outbox message per interested subscriber.</summary>
public sealed class OutboxWriter(BackOfficeDb db, TimeProvider clock)
{
    internal async Task WriteAsync(IReadOnlyList<PublishedEvent> events, CancellationToken ct)
    {
        if (events.Count == 0) return;
        var subscribers = await db.ReadAsync("outbox.subscribers", SubscribersSql,
            r => new WebhookSubscription { Id = r.GetGuid(0), EventTypes = r.GetString(1), Active = true }, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var e in events)
        {
            var eventId = Guid.CreateVersion7();
            var body = JsonSerializer.Serialize(new { id = eventId, type = e.Type, createdAt = now, data = e.Payload }, PayloadJsonOptions);
            foreach (var s in subscribers.Where(s => s.Wants(e.Type)))
                await db.InsertAsync(new OutboxMessage
                {
                    EventId = eventId,
                    EventType = e.Type,
                    SubscriptionId = s.Id,
                    Payload = body,
                    CreatedAt = now,
                    NextAttemptAt = now,
                    Status = OutboxStatus.Pending,
                }, ct);
        }
    }

    // Runs on every command that publishes: a fixed statement rather than a LINQ query; only what Wants needs is read.
    private static string SubscribersSql(BackOfficeDb db)
    {
        var (table, column) = AppendOnlyInsert.Names<WebhookSubscription>(db);
        return $"SELECT {column(nameof(WebhookSubscription.Id))}, {column(nameof(WebhookSubscription.EventTypes))} FROM {table} WHERE {column(nameof(WebhookSubscription.Active))}";
    }

    private static readonly JsonSerializerOptions PayloadJsonOptions = new(JsonSerializerDefaults.Web);
}
