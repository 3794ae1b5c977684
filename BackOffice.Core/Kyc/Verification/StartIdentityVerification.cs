using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Identity;
using BackOffice.Core.Staff;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BackOffice.Core.Kyc.Verification;

/// <summary>
/// Registers the client with the identity provider, which then checks their documents and face and
/// answers by webhook. Starting again for a client already registered changes nothing.
/// </summary>
[RequiresPermission(KycPermissions.Review)]
public sealed record StartIdentityVerification(long ClientId) : IBackOfficeCommand<Result<string>>;

public sealed class StartIdentityVerificationValidator : AbstractValidator<StartIdentityVerification>
{
    public StartIdentityVerificationValidator() => RuleFor(x => x.ClientId).GreaterThan(0).WithMessage("Choose a client.");
}

/// <summary>The applicant the precheck registered at the provider, handed to the handler of the same command.</summary>
public sealed class CreatedApplicant
{
    public string? Provider { get; set; }
    public string? ApplicantId { get; set; }
}

/// <summary>
/// Asks the provider for the applicant before the transaction opens: a slow or absent provider must
/// not hold the database's write lock, and when it cannot be reached nothing is written.
/// </summary>
public sealed class StartIdentityVerificationPrecheck(BackOfficeDb db, IIdentityVerification provider, CreatedApplicant created,
    ILogger<StartIdentityVerificationPrecheck> log) : ICommandPrecheck<StartIdentityVerification>
{
    public async ValueTask<Error?> CheckAsync(StartIdentityVerification command, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (StartIdentityVerificationHandler.Refusal(client) is { } refused) return refused;
        try
        {
            // The provider returns the existing applicant when asked twice, so a retry after a timeout is safe.
            created.ApplicantId = await provider.CreateApplicantAsync(ClientReference.Of(client!.Id),
                new ApplicantInfo(client.FirstName, client.LastName, client.DateOfBirth, client.Country, client.Email, client.Phone), ct);
            created.Provider = provider.Name;
            return null;
        }
        catch (IdentityProviderException e) when (e.Unreachable)
        {
            log.LogWarning(e, "The identity provider could not be reached to register client {ClientId}", client!.Id);
            return Error.Rule("identity.provider_unavailable",
                "The identity provider cannot be reached, so no verification was started and nothing was changed. Try again later.");
        }
        catch (IdentityProviderException e)
        {
            // The adapter words its refusals for operators (what was refused and the provider's description).
            log.LogWarning(e, "The identity provider refused to register client {ClientId}", client!.Id);
            return Error.Rule("identity.provider_refused", e.Message);
        }
    }
}

public sealed class StartIdentityVerificationHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context, CreatedApplicant created)
    : ICommandHandler<StartIdentityVerification, Result<string>>
{
    public async ValueTask<Result<string>> Handle(StartIdentityVerification command, CancellationToken ct)
    {
        if (created is not { ApplicantId: { } applicantId, Provider: { } provider })
            return Error.Rule("identity.not_registered", "The client could not be registered with the identity provider; nothing was changed.");
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (Refusal(client) is { } refused) return refused;

        var check = await db.IdentityChecks.FirstOrDefaultAsync(c => c.ClientId == client!.Id, ct);
        if (check is not null && check.Provider == provider && check.ApplicantId == applicantId)
            return applicantId;
        if (check is null)
        {
            check = new IdentityCheck { ClientId = client!.Id };
            db.IdentityChecks.Add(check);
        }
        // A first start, or a new provider: what an earlier applicant was told no longer describes this one.
        var now = clock.GetUtcNow().UtcDateTime;
        check.Provider = provider;
        check.ApplicantId = applicantId;
        check.Status = ReviewStatus.Init;
        check.LastAnswer = null;
        check.LastRejectType = null;
        check.LastLabels = null;
        check.ReviewedAt = null;
        check.StartedBy = await StaffNames.DisplayNameAsync(db, context.Actor, ct);
        check.StartedAt = now;
        check.UpdatedAt = now;
        effects.About(nameof(Client), client!.Id.ToString());
        return applicantId;
    }

    internal static Error? Refusal(Client? client) => client switch
    {
        null => Error.NotFound("The client"),
        { Status: ClientStatus.Closed } => Error.Rule("identity.client_closed", "The client is closed; there is nothing to verify."),
        { Kind: ClientKind.Corporate } => Error.Rule("identity.corporate_client",
            "The identity provider verifies people; a corporate client's documents are reviewed by compliance."),
        _ => null,
    };
}
