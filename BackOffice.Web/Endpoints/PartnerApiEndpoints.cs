using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Common;
using BackOffice.Core.Partners.Commissions;

namespace BackOffice.Web.Endpoints;

/// <summary>
/// The partner portal's API: a partner's commission statement and its clients (e-mails masked). Callers present an API key
/// with the <c>partner</c> scope in <c>X-Api-Key</c>.
/// </summary>
public static class PartnerApiEndpoints
{
    public static void MapPartnerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/partners").WithTags("Partners").DisableAntiforgery();

        api.MapGet("/{id:long}/commissions", async (long id, DateTime? from, DateTime? to, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await ClientApiEndpoints.CallerAsync(http, scopes, ApiScopes.Partner) is not { } caller) return ClientApiEndpoints.Refused(http);
            var end = (to ?? DateTime.UtcNow).ToUniversalTime();
            var start = (from ?? end.AddDays(-30)).ToUniversalTime();
            if (end <= start) return Results.Problem(statusCode: 400, title: "The period ends after it starts.");
            if ((end - start).TotalDays > 366) return Results.Problem(statusCode: 400, title: "A statement covers at most a year.");
            var statement = await scopes.QueryAsAsync(new PartnerStatement(id, start, end), ClientApiEndpoints.ActorOf(http, caller), ct);
            return statement is null ? Results.Problem(statusCode: 404, title: "The partner was not found.") : Results.Ok(statement);
        })
        .WithSummary("A partner's commission statement")
        .WithDescription("Opening balance, every posting to the partner's commission account (runs, payouts, dispute adjustments) with the running balance, the closing balance, and the period's posted commission by level. Query `from`, `to` (UTC, default the last 30 days). Scope: partner.")
        .Produces<PartnerStatementResult>()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/{id:long}/clients", async (long id, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await ClientApiEndpoints.CallerAsync(http, scopes, ApiScopes.Partner) is not { } caller) return ClientApiEndpoints.Refused(http);
            var clients = await scopes.QueryAsAsync(new PartnerClientsForApi(id), ClientApiEndpoints.ActorOf(http, caller), ct);
            return clients is null ? Results.Problem(statusCode: 404, title: "The partner was not found.") : Results.Ok(clients);
        })
        .WithSummary("The clients attributed to a partner now")
        .WithDescription("Client number, masked e-mail, country, status, registration and attribution time. Scope: partner.")
        .Produces<IReadOnlyList<ApiPartnerClient>>()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
