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
        var subscribers = new List<WebhookSubscription>();
        await foreach (var s in ActiveSubscriptions(db).WithCancellation(ct))
            subscribers.Add(s);
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

    private static readonly Func<BackOfficeDb, IAsyncEnumerable<WebhookSubscription>> ActiveSubscriptions = EF.CompileAsyncQuery(
        (BackOfficeDb db) => db.WebhookSubscriptions.AsNoTracking().Where(s => s.Active));

    private static readonly JsonSerializerOptions PayloadJsonOptions = new(JsonSerializerDefaults.Web);
}
