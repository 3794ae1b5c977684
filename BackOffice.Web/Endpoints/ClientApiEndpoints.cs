using System.Text.Json;
using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;

namespace BackOffice.Web.Endpoints;

/// <summary>
/// The client API for the client portal and the CRM: register a client, read their status,
/// capabilities and accounts, update their profile. Callers present an API key (header
/// <c>X-Api-Key</c>) issued by an administrator with the scopes it needs.
/// </summary>
public static class ClientApiEndpoints
{
    public const string KeyHeader = "X-Api-Key";
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static void MapClientApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/clients").WithTags("Clients").DisableAntiforgery();

        api.MapPost("/", async (string? referralCode, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await CallerAsync(http, scopes, ApiScopes.Portal) is not { } caller) return Refused(http);
            if (await ReadAsync<ClientProfile>(http, ct) is not { } profile) return BodyRefused(http);
            var result = await scopes.SendAsAsync(new RegisterClientFromApi(profile, "portal", referralCode), ActorOf(http, caller), ct);
            return result.Succeeded
                ? Results.Created($"/api/v1/clients/{result.Value!.Id}", await scopes.QueryAsAsync(new GetClientForApi(result.Value.Id), ActorOf(http, caller), ct))
                : Problem(result.Error!);
        })
        .WithSummary("Register a client")
        .WithDescription("Creates the client in status Registered and announces client.registered to webhook subscribers. Scope: portal. Body: the client profile (kind, names, date of birth, country as ISO 3166 alpha-2, e-mail, phone, address; company name and registration number for a corporate client). Query `referralCode`: the partner code of the referral link the client came with; the client is attributed to that partner (first touch), and an unknown or inactive code is refused.")
        .Accepts<ClientProfile>("application/json")
        .Produces<ApiClient>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        api.MapGet("/{id:long}", async (long id, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await CallerAsync(http, scopes, ApiScopes.Portal, ApiScopes.Crm) is not { } caller) return Refused(http);
            var client = await scopes.QueryAsAsync(new GetClientForApi(id), ActorOf(http, caller), ct);
            return client is null ? Results.Problem(statusCode: 404, title: "The client was not found.") : Results.Ok(client);
        })
        .WithSummary("Read a client: status, capabilities and why, trading accounts")
        .Produces<ApiClient>()
        .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id:long}/accounts", async (long id, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await CallerAsync(http, scopes, ApiScopes.Portal) is not { } caller) return Refused(http);
            if (await ReadAsync<AccountRequest>(http, ct) is not { } request) return BodyRefused(http);
            var result = await scopes.SendAsAsync(new OpenTradingAccountFromApi(id, request.AccountType, request.Currency, request.Leverage), ActorOf(http, caller), ct);
            return result.Succeeded
                ? Results.Created($"/api/v1/clients/{id}", await scopes.QueryAsAsync(new GetClientForApi(id), ActorOf(http, caller), ct))
                : Problem(result.Error!);
        })
        .WithSummary("Open a trading account at the client's request")
        .WithDescription("Live accounts for approved clients only; demo accounts for any client not closed. Body: accountType (e.g. Standard), currency, optional leverage. The account is created on the trading platform shortly after; its platformSync says when. Scope: portal.")
        .Accepts<AccountRequest>("application/json")
        .Produces<ApiClient>(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPut("/{id:long}/profile", async (long id, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            // The CRM keeps the profile; the portal only registers and reads.
            if (await CallerAsync(http, scopes, ApiScopes.Crm) is not { } caller) return Refused(http);
            if (await ReadAsync<ClientProfile>(http, ct) is not { } profile) return BodyRefused(http);
            var result = await scopes.SendAsAsync(new UpdateClientProfileFromApi(id, profile, caller.Name), ActorOf(http, caller), ct);
            return result.Succeeded ? Results.Ok(await scopes.QueryAsAsync(new GetClientForApi(id), ActorOf(http, caller), ct)) : Problem(result.Error!);
        })
        .WithSummary("Replace a client's profile (scope crm)")
        .Accepts<ClientProfile>("application/json")
        .Produces<ApiClient>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id:long}/logins", async (long id, HttpContext http, IServiceScopeFactory scopes, TimeProvider clock, CancellationToken ct) =>
        {
            if (await CallerAsync(http, scopes, ApiScopes.Portal) is not { } caller) return Refused(http);
            if (await ReadAsync<LoginRequest>(http, ct) is not { } request) return BodyRefused(http);
            var country = string.IsNullOrWhiteSpace(request.Country) ? null : request.Country.Trim().ToUpperInvariant();
            var ev = new Core.Kyc.Monitoring.MonitoringEvent(0, id, Core.Kyc.Monitoring.MonitoringEventKind.Login, request.At ?? clock.GetUtcNow().UtcDateTime)
            {
                IpCountry = country,
            };
            var result = await scopes.SendAsAsync(new Core.Kyc.Monitoring.RecordMonitoringEvent(ev), ActorOf(http, caller), ct);
            return result.Succeeded ? Results.Accepted(value: new { eventId = result.Value!.EventId, alerts = result.Value.AlertIds.Count }) : Problem(result.Error!);
        })
        .WithSummary("Report a client's login to the portal")
        .WithDescription("For transaction monitoring: a login from a high-risk country, or a dormant account suddenly active, raises an AML alert. Body: country (ISO 3166 alpha-2 of the IP address), optional at (UTC). Scope: portal.")
        .Accepts<LoginRequest>("application/json")
        .Produces(StatusCodes.Status202Accepted)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id:long}/deposits", async (long id, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await CallerAsync(http, scopes, ApiScopes.Portal) is not { } caller) return Refused(http);
            if (await ReadAsync<DepositRequest>(http, ct) is not { } request) return BodyRefused(http);
            var result = await scopes.SendAsAsync(new Core.Funds.Deposits.StartDepositFromApi(id, request.Login, request.Channel ?? "", request.Amount,
                request.Currency ?? ""), ActorOf(http, caller), ct);
            if (!result.Succeeded) return Problem(result.Error!);
            var started = result.Value!;
            return Results.Created($"/api/v1/clients/{id}/deposits/{started.DepositId}", new
            {
                depositId = started.DepositId, reference = started.Reference, status = "awaiting_payment",
                checkoutUrl = started.CheckoutUrl, instructions = started.Instructions,
            });
        })
        .WithSummary("Start a deposit")
        .WithDescription("Body: login (the trading account), channel (card, crypto or wire), amount, currency (the account's). Answers with where the client pays (checkoutUrl for card and crypto) or what to write on the wire (instructions, with our reference). The account is credited once the provider confirms the payment, or finance matches the wire. Scope: portal.")
        .Accepts<DepositRequest>("application/json")
        .Produces(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/{id:long}/deposits/{depositId:long}", async (long id, long depositId, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await CallerAsync(http, scopes, ApiScopes.Portal, ApiScopes.Crm) is not { } caller) return Refused(http);
            var d = await scopes.QueryAsAsync(new Core.Funds.Deposits.GetDepositForClient(id, depositId), ActorOf(http, caller), ct);
            if (d is null) return Results.Problem(statusCode: 404, title: "The deposit was not found.");
            return Results.Ok(new
            {
                depositId = d.Id, reference = d.Reference, login = d.Login, channel = d.Channel, amount = d.Amount.Amount, currency = d.Amount.Currency,
                status = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(d.Status.ToString()) switch
                {
                    // What the client sees: checks and reviews are ours, not theirs.
                    "awaiting_confirmation" or "manual_review" => "processing",
                    var s => s,
                },
                credited = d.Status == Core.Funds.Deposits.DepositStatus.Credited ? d.Amount.Amount - d.Fee.Amount : (decimal?)null,
                fee = d.Fee.Amount, failureCode = d.FailureCode, failureMessage = d.FailureMessage, checkoutUrl = d.CheckoutUrl,
                createdAt = d.CreatedAt, creditedAt = d.CreditedAt,
            });
        })
        .WithSummary("Read a deposit's status and result")
        .WithDescription("Status: awaiting_payment, processing, credited, failed or rejected; a failure carries its code and a message to show the client. Scope: portal or crm.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id:long}/payout-destinations", async (long id, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await CallerAsync(http, scopes, ApiScopes.Portal) is not { } caller) return Refused(http);
            if (await ReadAsync<DestinationRequest>(http, ct) is not { } request) return BodyRefused(http);
            var result = await scopes.SendAsAsync(new Core.Funds.Withdrawals.AddPayoutDestinationFromApi(id, request.Kind, request.Identifier ?? "",
                request.HolderName ?? "", request.Bank), ActorOf(http, caller), ct);
            return result.Succeeded
                ? Results.Created($"/api/v1/clients/{id}/payout-destinations/{result.Value}", new { destinationId = result.Value, status = "unverified" })
                : Problem(result.Error!);
        })
        .WithSummary("Add a payout destination (bank account or crypto address)")
        .WithDescription("Body: kind (BankAccount or CryptoAddress), identifier (IBAN or address), holderName, optional bank. Finance verifies it before its first use; a card becomes a destination by paying a deposit. Scope: portal.")
        .Accepts<DestinationRequest>("application/json")
        .Produces(StatusCodes.Status201Created)
        .ProducesValidationProblem();

        api.MapPost("/{id:long}/withdrawals", async (long id, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await CallerAsync(http, scopes, ApiScopes.Portal) is not { } caller) return Refused(http);
            if (await ReadAsync<WithdrawalRequest>(http, ct) is not { } request) return BodyRefused(http);
            var result = await scopes.SendAsAsync(new Core.Funds.Withdrawals.RequestWithdrawalFromApi(id, request.Login, request.Channel ?? "", request.DestinationId,
                request.Amount, request.Currency ?? ""), ActorOf(http, caller), ct);
            if (!result.Succeeded) return Problem(result.Error!);
            return Results.Created($"/api/v1/clients/{id}/withdrawals/{result.Value!.WithdrawalId}", WithdrawalAnswer(
                await scopes.QueryAsAsync(new Core.Funds.Withdrawals.GetWithdrawalForClient(id, result.Value.WithdrawalId), ActorOf(http, caller), ct)));
        })
        .WithSummary("Request a withdrawal")
        .WithDescription("Body: login, channel (wire, card or crypto), destinationId (a verified payout destination), amount, currency. Refused with the failing checks named (balance, open positions, card money back to the card, KYC, status). The amount is reserved at once and taken off the trading account. Scope: portal.")
        .Accepts<WithdrawalRequest>("application/json")
        .Produces(StatusCodes.Status201Created)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/{id:long}/withdrawals/{withdrawalId:long}", async (long id, long withdrawalId, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await CallerAsync(http, scopes, ApiScopes.Portal, ApiScopes.Crm) is not { } caller) return Refused(http);
            var w = await scopes.QueryAsAsync(new Core.Funds.Withdrawals.GetWithdrawalForClient(id, withdrawalId), ActorOf(http, caller), ct);
            return w is null ? Results.Problem(statusCode: 404, title: "The withdrawal was not found.") : Results.Ok(WithdrawalAnswer(w));
        })
        .WithSummary("Read a withdrawal's status and result")
        .WithDescription("Status: processing (waiting for approval), approved, paid, rejected, failed or cancelled, with the reason when refused. Scope: portal or crm.")
        .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapDelete("/{id:long}/withdrawals/{withdrawalId:long}", async (long id, long withdrawalId, HttpContext http, IServiceScopeFactory scopes, CancellationToken ct) =>
        {
            if (await CallerAsync(http, scopes, ApiScopes.Portal) is not { } caller) return Refused(http);
            var result = await scopes.SendAsAsync(new Core.Funds.Withdrawals.CancelWithdrawalFromApi(id, withdrawalId), ActorOf(http, caller), ct);
            return result.Succeeded ? Results.NoContent() : Problem(result.Error!);
        })
        .WithSummary("Cancel a withdrawal before it is approved")
        .WithDescription("The reserved amount returns to the trading account. Refused once anyone approved it. Scope: portal.")
        .Produces(StatusCodes.Status204NoContent)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapClientDocuments();
    }

    public sealed record DestinationRequest(Core.Funds.Withdrawals.DestinationKind Kind, string? Identifier, string? HolderName, string? Bank);

    public sealed record WithdrawalRequest(long Login, string? Channel, long DestinationId, decimal Amount, string? Currency);

    /// <summary>What the client sees: approval levels and who approved are ours, not theirs.</summary>
    private static object? WithdrawalAnswer(Core.Funds.Withdrawals.WithdrawalRow? w) => w is null ? null : new
    {
        withdrawalId = w.Id, reference = w.Reference, login = w.Login, channel = w.Channel, destination = w.Destination, amount = w.Amount.Amount,
        currency = w.Amount.Currency,
        status = w.Status switch
        {
            Core.Funds.Withdrawals.WithdrawalStatus.PendingApproval => "processing",
            var s => s.ToString().ToLowerInvariant(),
        },
        reason = w.Reason, createdAt = w.CreatedAt, paidAt = w.PaidAt,
    };

    public sealed record DepositRequest(long Login, string? Channel, decimal Amount, string? Currency);

    public sealed record AccountRequest(string AccountType, string Currency, int? Leverage);

    public sealed record LoginRequest(string? Country, DateTime? At = null);

    /// <summary>The calling system, acting under its key's name; the audit trail shows it as the actor.</summary>
    internal static Actor ActorOf(HttpContext http, ApiCaller caller) =>
        new(null, $"system:api:{caller.Name} ({caller.Prefix})", http.Connection.RemoteIpAddress?.ToString(), http.Request.Headers.UserAgent.ToString(),
            Actor.NewCorrelationId());

    internal static async Task<ApiCaller?> CallerAsync(HttpContext http, IServiceScopeFactory scopes, params string[] anyOf)
    {
        var key = http.Request.Headers[KeyHeader].ToString();
        if (key.Length == 0)
        {
            http.Items["api.refusal"] = (401, $"An API key is required in the {KeyHeader} header.");
            return null;
        }
        var caller = await scopes.QueryAsAsync(new ResolveApiKey(key), Actor.System("api-keys"));
        if (caller is null)
        {
            http.Items["api.refusal"] = (401, "This API key is not valid or has been revoked.");
            return null;
        }
        if (!anyOf.Any(caller.Scopes.Contains))
        {
            http.Items["api.refusal"] = (403, $"This API key does not have the scope needed here ({string.Join(" or ", anyOf)}).");
            return null;
        }
        return caller;
    }

    internal static IResult Refused(HttpContext http)
    {
        var (status, message) = ((int, string))http.Items["api.refusal"]!;
        return Results.Problem(statusCode: status, title: message);
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>; a larger or malformed body is refused before anything runs.</summary>
    private static async Task<T?> ReadAsync<T>(HttpContext http, CancellationToken ct) where T : class
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            http.Items["api.body"] = (413, $"The body is larger than {MaxBodyBytes / 1024} KB.");
            return null;
        }
        if (http.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            http.Items["api.body"] = (415, "Send the body as application/json.");
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBodyBytes)
            {
                http.Items["api.body"] = (413, $"The body is larger than {MaxBodyBytes / 1024} KB.");
                return null;
            }
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.ToArray(), Json);
            if (value is null) http.Items["api.body"] = (400, "The body is empty.");
            return value;
        }
        catch (JsonException e)
        {
            http.Items["api.body"] = (400, $"The body is not valid JSON for this request ({e.Path ?? "root"}, line {e.LineNumber + 1}).");
            return null;
        }
    }

    private static IResult BodyRefused(HttpContext http)
    {
        var (status, message) = ((int, string))http.Items["api.body"]!;
        return Results.Problem(statusCode: status, title: message);
    }

    internal static IResult Problem(Error error) => error.Code switch
    {
        "validation" => Results.ValidationProblem(error.Fields!.ToDictionary(f => f.Key, f => f.Value), title: error.Message),
        "not_found" => Results.Problem(statusCode: 404, title: error.Message),
        "conflict" => Results.Problem(statusCode: 409, title: error.Message),
        _ => Results.Problem(statusCode: 422, title: error.Message, extensions: new Dictionary<string, object?> { ["code"] = error.Code }),
    };
}
