using BackOffice.Core.Common;
using BackOffice.Core.Reports;
using BackOffice.Core.Staff;
using BackOffice.Infrastructure.Excel;

namespace BackOffice.Web.Endpoints;

/// <summary>A report's Excel file: the same query as the page, with the filters of the address, and background exports' files.</summary>
public static class ReportEndpoints
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reports/{slug}/export", async (string slug, HttpContext http, CommandSender sender, ExportService export, CancellationToken ct) =>
            {
                if (ReportCatalogue.Find(slug) is not { } definition) return Results.NotFound();
                var (filter, errors) = ReportFilter.Parse(http.Request.Query.Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())));
                if (errors.Count > 0) return Results.Text(string.Join(" ", errors), statusCode: StatusCodes.Status400BadRequest);
                Result<Report> result;
                try
                {
                    result = await sender.QueryAsync(definition.Query(filter, ReportUse.Download), ct);
                }
                catch (AccessDeniedException denied)
                {
                    return Results.Text($"You do not have the permission '{denied.Permission}' this report needs.", statusCode: StatusCodes.Status403Forbidden);
                }
                if (result.Error is { } error) return Results.Text(error.Message, statusCode: StatusCodes.Status400BadRequest);
                // Written to a file first, so a failure is an error response rather than a truncated file; a file, not memory, since every
                // row of every list is in it. The response deletes it once sent.
                var buffer = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                try
                {
                    await export.WriteReportAsync(buffer, result.Value!, null, ct);
                }
                catch
                {
                    await buffer.DisposeAsync();
                    throw;
                }
                buffer.Position = 0;
                return Results.File(buffer, Xlsx, $"{definition.Slug}-report-{DateTime.UtcNow:yyyyMMdd-HHmm}.xlsx");
            })
            .RequireAuthorization(StaffPermissions.ExportReports);

        app.MapGet("/reports/exports/{id:guid}", async (Guid id, ICurrentActorSource actors, ReportExports exports) =>
                exports.Find(id, (await actors.GetActorAsync()).StaffId) is { Succeeded: true } job
                    ? Results.File(job.FilePath!, Xlsx, job.FileName)
                    : Results.NotFound())
            .RequireAuthorization(StaffPermissions.ExportReports);
    }
}
