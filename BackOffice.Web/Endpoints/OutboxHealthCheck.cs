using System.Text.Json;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BackOffice.Web.Endpoints;

/// <summary>Healthy when the database answers and the oldest undelivered outbox message is not stuck.</summary>
public sealed class OutboxHealthCheck(BackOfficeDb db, TimeProvider clock, IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var oldest = await db.Outbox.Where(m => m.Status == OutboxStatus.Pending).OrderBy(m => m.CreatedAt)
                .Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(ct);
            var deadLetters = await db.Outbox.CountAsync(m => m.Status == OutboxStatus.DeadLettered, ct);
            var lagSeconds = oldest is null ? 0 : (now - oldest.Value).TotalSeconds;
            var data = new Dictionary<string, object> { ["database"] = "ok", ["outboxLagSeconds"] = Math.Round(lagSeconds, 1), ["deadLetters"] = deadLetters };
            var limit = configuration.GetValue("Outbox:HealthLagSeconds", 900);
            return lagSeconds > limit
                ? HealthCheckResult.Degraded($"The oldest undelivered event is {lagSeconds:0} s old.", data: data)
                : HealthCheckResult.Healthy("Database reachable, outbox flowing.", data);
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }

    public static Task WriteJsonAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        }));
    }
}
