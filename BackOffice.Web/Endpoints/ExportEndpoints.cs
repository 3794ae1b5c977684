using BackOffice.Core.Common;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Audit;
using BackOffice.Infrastructure.Excel;

namespace BackOffice.Web.Endpoints;

/// <summary>Excel downloads. Each grid's export runs the same query as the grid, with the grid's filters.</summary>
public static class ExportEndpoints
{
    private static readonly ExportColumn<AuditRow>[] AuditColumns =
    [
        new("Seq", r => r.Sequence, "0", 8),
        new("Time (UTC)", r => r.At, null, 20),
        new("Staff", r => r.ActorName, null, 18),
        new("Approved by", r => r.ApproverName, null, 18),
        new("Action", r => r.Action, null, 26),
        new("Entity", r => r.EntityType, null, 18),
        new("Entity id", r => r.EntityId, null, 38),
        new("Reason", r => r.Reason, null, 40),
        new("IP", r => r.Ip, null, 16),
        new("Correlation id", r => r.CorrelationId, null, 18),
        new("Before", r => r.Before, null, 50),
        new("After", r => r.After, null, 50),
        new("Hash", r => r.Hash, null, 66),
    ];

    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/export/audit", async (DateTime? from, DateTime? to, string? staff, string? action, string? entity,
            HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
        {
            var filter = new AuditFilter(from, to, staff, action, entity);
            var page = await sender.QueryAsync(new AuditTrail(filter, 0, int.MaxValue), ct);
            http.Response.ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmm}.xlsx\"";
            await using var buffer = new MemoryStream();
            await export.WriteAsync(buffer, "Audit trail", AuditColumns, page.Items, page.Total, Filters(filter), ct);
            buffer.Position = 0;
            await buffer.CopyToAsync(http.Response.Body, ct);
        }).RequireAuthorization(StaffPermissions.ViewAudit, StaffPermissions.ExportReports);
    }

    private static Dictionary<string, string> Filters(AuditFilter f)
    {
        var d = new Dictionary<string, string>();
        if (f.FromUtc is { } from) d["From (UTC)"] = from.ToString("u");
        if (f.ToUtc is { } to) d["To (UTC)"] = to.ToString("u");
        if (!string.IsNullOrWhiteSpace(f.Staff)) d["Staff"] = f.Staff;
        if (!string.IsNullOrWhiteSpace(f.Action)) d["Action"] = f.Action;
        if (!string.IsNullOrWhiteSpace(f.Entity)) d["Entity"] = f.Entity;
        return d;
    }
}
