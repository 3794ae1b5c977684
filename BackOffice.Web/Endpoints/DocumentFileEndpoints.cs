using BackOffice.Core.Common;
using BackOffice.Core.Kyc;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Review;
using Microsoft.Extensions.Logging;

namespace BackOffice.Web.Endpoints;

/// <summary>
/// The preview of a KYC document for staff who may see it. Served inline with the type detected from
/// its bytes, never sniffed by the browser, so a crafted file cannot run script in the console.
/// </summary>
public static class DocumentFileEndpoints
{
    public static void MapDocumentFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/kyc/documents/{id:long}/file", async (long id, HttpContext http, CommandSender sender, ILoggerFactory logs, CancellationToken ct) =>
        {
            var file = await sender.QueryAsync(new GetDocumentFile(id), ct);
            if (file is null) return Results.NotFound();
            logs.CreateLogger("BackOffice.Documents").LogInformation("Document {DocumentId} viewed by {User}", id, http.User.Identity?.Name);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            // Images get a sandbox; the browser's PDF viewer does not run in one, and a PDF served as exactly application/pdf
            // with nosniff is never read as a page.
            http.Response.Headers.ContentSecurityPolicy = file.ContentType == DocumentFile.Pdf
                ? "default-src 'none'; frame-ancestors 'self'"
                : "sandbox; default-src 'none'; img-src 'self'; frame-ancestors 'self'";
            http.Response.Headers.CacheControl = "private, no-store";
            http.Response.Headers.ContentDisposition = $"inline; filename=\"document-{id}{Path.GetExtension(file.FileName).ToLowerInvariant()}\"";
            return Results.Bytes(file.Content, file.ContentType);
        }).RequireAuthorization(KycPermissions.View);
    }
}
