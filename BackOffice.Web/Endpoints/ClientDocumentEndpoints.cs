using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Common;
using BackOffice.Core.Kyc;
using BackOffice.Core.Kyc.Documents;
using BackOffice.Core.Kyc.Review;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace BackOffice.Web.Endpoints;

/// <summary>
/// Documents in the client API: the portal uploads a document (multipart/form-data) and reads which
/// documents are still needed, which were refused and why.
/// </summary>
public static class ClientDocumentEndpoints
{
    public sealed record ApiDocumentState(string Type, string Name, bool RequiredForApproval, long? DocumentId, string? Status,
        string? RejectionReason, string? Message, DateTime? UploadedAt);

    public static void MapClientDocuments(this RouteGroupBuilder api)
    {
        api.MapPost("/{id:long}/documents", async (long id, HttpContext http, IServiceScopeFactory scopes, IOptions<KycOptions> options, CancellationToken ct) =>
        {
            if (await ClientApiEndpoints.CallerAsync(http, scopes, ApiScopes.Portal) is not { } caller) return ClientApiEndpoints.Refused(http);
            var limit = options.Value.MaxUploadBytes;
            // Form fields and multipart framing around the file: a few kilobytes on top of the file limit.
            const long framing = 64 * 1024;
            if (http.Request.ContentLength > limit + framing)
                return Results.Problem(statusCode: 413, title: $"The file is larger than the {options.Value.MaxUploadMegabytes} MB limit.");
            if (!http.Request.HasFormContentType || !http.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
                return Results.Problem(statusCode: 415, title: "Send the document as multipart/form-data with the fields type and file.");
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + framing;
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit + framing, ValueCountLimit = 20 }, ct);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                return Results.Problem(statusCode: e is BadHttpRequestException { StatusCode: 413 } ? 413 : 400,
                    title: $"The upload could not be read as multipart/form-data within the {options.Value.MaxUploadMegabytes} MB limit.");
            }
            if (form.Files.GetFile("file") is not { } file)
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Attach the document in the field 'file'."] });
            if (file.Length > limit)
                return Results.Problem(statusCode: 413, title: $"The file is larger than the {options.Value.MaxUploadMegabytes} MB limit.");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var data = new DocumentData(
                Number: form["number"].FirstOrDefault(),
                IssuingCountry: form["issuingCountry"].FirstOrDefault(),
                IssuedOn: DateOnly.TryParse(form["issuedOn"].FirstOrDefault(), out var issued) ? issued : null,
                ExpiresOn: DateOnly.TryParse(form["expiresOn"].FirstOrDefault(), out var expires) ? expires : null);
            long? replaces = long.TryParse(form["replacesId"].FirstOrDefault(), out var r) ? r : null;
            var result = await scopes.SendAsAsync(
                new UploadDocumentFromApi(id, form["type"].FirstOrDefault() ?? "", file.FileName, buffer.ToArray(), data, replaces),
                ClientApiEndpoints.ActorOf(http, caller), ct);
            return result.Succeeded
                ? Results.Created($"/api/v1/clients/{id}/documents", new { documentId = result.Value })
                : ClientApiEndpoints.Problem(result.Error!);
        })
        .WithSummary("Upload a document (multipart/form-data)")
        .WithDescription("Fields: type (identity, address, suitability; incorporation, shareholders, directors, beneficial_owners, board_authorisation for companies), file (PDF, JPEG or PNG, checked by content; 10 MB by default), optional number, issuingCountry, issuedOn, expiresOn, replacesId. A new document replaces the latest one of its type; once nothing required is missing or refused, the client goes to review. Scope: portal.")
        .DisableAntiforgery()
        .Produces(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/{id:long}/documents", async (long id, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await ClientApiEndpoints.CallerAsync(http, scopes, ApiScopes.Portal, ApiScopes.Crm) is not { } caller) return ClientApiEndpoints.Refused(http);
            var view = await scopes.QueryAsAsync(new GetKycCase(id), Actor.System("client-api"), ct);
            if (view is null) return Results.Problem(statusCode: 404, title: "The client was not found.");
            return Results.Ok(view.Requirements.Select(req => new ApiDocumentState(req.Type, req.Name, req.RequiredForApproval, req.Latest?.Id,
                req.Latest?.Status.ToString(), req.Latest?.RejectionReason?.ToString(),
                req.Latest?.RejectionReason is { } why ? $"Please upload a new {req.Name.ToLowerInvariant()}: {why.Describe()}." : null,
                req.Latest?.UploadedAt)).ToList());
        })
        .WithSummary("Which documents the client still needs to send, and why any was refused")
        .Produces<List<ApiDocumentState>>()
        .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
