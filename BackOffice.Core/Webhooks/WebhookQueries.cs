using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Webhooks;

public sealed record SubscriptionRow(Guid Id, string Name, string Url, string EventTypes, bool Active, DateTime CreatedAt);

[RequiresPermission(WebhookPermissions.Manage)]
public sealed record WebhookSubscriptions : IBackOfficeQuery<IReadOnlyList<SubscriptionRow>>;

public sealed class WebhookSubscriptionsHandler(BackOfficeDb db) : IQueryHandler<WebhookSubscriptions, IReadOnlyList<SubscriptionRow>>
{
    public async ValueTask<IReadOnlyList<SubscriptionRow>> Handle(WebhookSubscriptions query, CancellationToken ct) =>
        await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new SubscriptionRow(s.Id, s.Name, s.Url, s.EventTypes, s.Active, s.CreatedAt)).ToListAsync(ct);
}

public sealed record DeliveryRow(Guid Id, Guid EventId, string EventType, string Subscriber, DateTime CreatedAt, OutboxStatus Status,
    int Attempts, DateTime NextAttemptAt, DateTime? DeliveredAt, int? LastStatusCode, string? LastError);

[RequiresPermission(WebhookPermissions.Manage)]
public sealed record DeliveryLog(OutboxStatus? Status = null, int Take = 200) : IBackOfficeQuery<IReadOnlyList<DeliveryRow>>;

public sealed class DeliveryLogHandler(BackOfficeDb db) : IQueryHandler<DeliveryLog, IReadOnlyList<DeliveryRow>>
{
    public async ValueTask<IReadOnlyList<DeliveryRow>> Handle(DeliveryLog query, CancellationToken ct)
    {
        var rows = db.Outbox.AsNoTracking();
        if (query.Status is { } status) rows = rows.Where(m => m.Status == status);
        return await (from m in rows
                      join s in db.WebhookSubscriptions on m.SubscriptionId equals s.Id into subs
                      from s in subs.DefaultIfEmpty()
                      orderby m.CreatedAt descending
                      select new DeliveryRow(m.Id, m.EventId, m.EventType, s != null ? s.Name : "—", m.CreatedAt, m.Status, m.Attempts,
                          m.NextAttemptAt, m.DeliveredAt, m.LastStatusCode, m.LastError)).Take(query.Take).ToListAsync(ct);
    }
}
