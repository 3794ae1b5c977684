using BackOffice.Core.Staff.FourEyes;
using BackOffice.Core.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Operations;

public static class SpineCounters
{
    public const string PendingOperations = "operations.pending";
    public const string OpenAlerts = "alerts.open";
    public const string DeadLetters = "outbox.deadLetters";

    public static IEnumerable<CounterDefinition> All()
    {
        yield return new(PendingOperations, "Pending approvals", OperationsPermissions.ViewPendingOperations, "/operations/pending",
            (db, now, ct) => db.PendingOperations.CountAsync(o => o.Status == PendingOperationStatus.Pending && o.ExpiresAt > now, ct));
        yield return new(OpenAlerts, "Open alerts", OperationsPermissions.ViewAlerts, "/operations/alerts",
            (db, _, ct) => db.Alerts.CountAsync(a => a.Status != AlertStatus.Resolved, ct));
        yield return new(DeadLetters, "Undelivered webhooks", WebhookPermissions.Manage, "/admin/webhooks",
            (db, _, ct) => db.Outbox.CountAsync(m => m.Status == OutboxStatus.DeadLettered, ct));
    }
}
