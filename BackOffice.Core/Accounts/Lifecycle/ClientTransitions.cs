using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Sync;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Platform;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Lifecycle;

/// <summary>A move along the lifecycle: every one names its client and gives a reason.</summary>
public interface IClientTransition : IDescribedCommand
{
    long ClientId { get; }
    ClientStatus Target { get; }

    /// <summary>The one status this move starts from, when the lifecycle allows several.</summary>
    ClientStatus? From => null;
}

/// <summary>The client (or staff on their behalf) has filled in the application: it goes to the review queue.</summary>
[RequiresPermission(AccountsPermissions.Review)]
public sealed record SubmitClientForReview(long ClientId, string Reason) : IBackOfficeCommand<Result>, IClientTransition
{
    public ClientStatus Target => ClientStatus.PendingReview;
    public ClientStatus? From => ClientStatus.Registered;
    public string Describe() => $"Submit client {ClientId} for review";
}

[RequiresPermission(AccountsPermissions.Review)]
public sealed record RequestClientDocuments(long ClientId, string Reason) : IBackOfficeCommand<Result>, IClientTransition
{
    public ClientStatus Target => ClientStatus.PendingDocuments;
    public string Describe() => $"Ask client {ClientId} for more documents";
}

/// <summary>The documents asked for have arrived: the client goes back to the review queue.</summary>
[RequiresPermission(AccountsPermissions.Review)]
public sealed record ReturnClientToReview(long ClientId, string Reason) : IBackOfficeCommand<Result>, IClientTransition
{
    public ClientStatus Target => ClientStatus.PendingReview;
    public ClientStatus? From => ClientStatus.PendingDocuments;
    public string Describe() => $"Return client {ClientId} to review";
}

[RequiresPermission(AccountsPermissions.Review)]
public sealed record ApproveClient(long ClientId, string Reason) : IBackOfficeCommand<Result>, IClientTransition
{
    public ClientStatus Target => ClientStatus.Approved;

    // Approving a restricted client would unfreeze them without a second approver: that is LiftClientRestriction.
    public ClientStatus? From => ClientStatus.PendingReview;
    public string Describe() => $"Approve client {ClientId}";
}

/// <summary>
/// Restricts an approved client. The category says why; <paramref name="Allows"/> what the client
/// may still do (empty: the category's usual allowances, e.g. close-only for abnormal activity).
/// </summary>
[RequiresPermission(AccountsPermissions.Restrict)]
public sealed record RestrictClient(long ClientId, RestrictionCategory Category, string Reason, Capability[]? Allows = null)
    : IBackOfficeCommand<Result>, IClientTransition
{
    public ClientStatus Target => ClientStatus.Restricted;
    public string Describe() => $"Restrict client {ClientId} ({Category.Describe()})";
}

/// <summary>Unfreezing an account is four-eyes: a second compliance officer approves it.</summary>
[RequiresPermission(AccountsPermissions.Restrict)]
[FourEyes(AccountsPermissions.Restrict)]
public sealed record LiftClientRestriction(long ClientId, string Reason) : IBackOfficeCommand<Result>, IClientTransition
{
    public ClientStatus Target => ClientStatus.Approved;
    public ClientStatus? From => ClientStatus.Restricted;
    public string Describe() => $"Lift the restriction of client {ClientId}";
}

/// <summary>The client asked to leave. Refused while positions are open or money is left on an account.</summary>
[RequiresPermission(AccountsPermissions.Close)]
public sealed record CloseClient(long ClientId, string Reason) : IBackOfficeCommand<Result>, IClientTransition
{
    public ClientStatus Target => ClientStatus.Closed;
    public string Describe() => $"Close client {ClientId} at their request";
}

/// <summary>The broker ends the relationship. Four-eyes; open positions and balances are dealt with by the desk and finance.</summary>
[RequiresPermission(AccountsPermissions.Close)]
[FourEyes(AccountsPermissions.Close)]
public sealed record TerminateClient(long ClientId, string Reason) : IBackOfficeCommand<Result>, IClientTransition
{
    public ClientStatus Target => ClientStatus.Closed;
    public string Describe() => $"Terminate client {ClientId}";
}

public abstract class ClientTransitionValidator<T> : AbstractValidator<T> where T : IClientTransition
{
    public ClientTransitionValidator()
    {
        RuleFor(x => x.ClientId).GreaterThan(0).WithMessage("Choose a client.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(500);
    }
}

public sealed class SubmitClientForReviewValidator : ClientTransitionValidator<SubmitClientForReview>;
public sealed class RequestClientDocumentsValidator : ClientTransitionValidator<RequestClientDocuments>;
public sealed class ReturnClientToReviewValidator : ClientTransitionValidator<ReturnClientToReview>;
public sealed class ApproveClientValidator : ClientTransitionValidator<ApproveClient>;
public sealed class LiftClientRestrictionValidator : ClientTransitionValidator<LiftClientRestriction>;
public sealed class CloseClientValidator : ClientTransitionValidator<CloseClient>;
public sealed class TerminateClientValidator : ClientTransitionValidator<TerminateClient>;

public sealed class RestrictClientValidator : ClientTransitionValidator<RestrictClient>
{
    public RestrictClientValidator()
    {
        RuleFor(x => x.Category).IsInEnum().WithMessage("Choose a restriction category.");
    }
}

/// <summary>Moves the client, records the reason, queues the platform and tells subscribers.</summary>
public sealed class ClientTransitionHandler(BackOfficeDb db, Effects effects, TimeProvider clock) :
    ICommandHandler<SubmitClientForReview, Result>,
    ICommandHandler<RequestClientDocuments, Result>,
    ICommandHandler<ReturnClientToReview, Result>,
    ICommandHandler<ApproveClient, Result>,
    ICommandHandler<RestrictClient, Result>,
    ICommandHandler<LiftClientRestriction, Result>,
    ICommandHandler<CloseClient, Result>,
    ICommandHandler<TerminateClient, Result>
{
    public ValueTask<Result> Handle(SubmitClientForReview command, CancellationToken ct) => Move(command, null, ct);
    public ValueTask<Result> Handle(RequestClientDocuments command, CancellationToken ct) => Move(command, null, ct);
    public ValueTask<Result> Handle(ReturnClientToReview command, CancellationToken ct) => Move(command, null, ct);
    public ValueTask<Result> Handle(ApproveClient command, CancellationToken ct) => Move(command, null, ct);
    public ValueTask<Result> Handle(LiftClientRestriction command, CancellationToken ct) => Move(command, null, ct);
    public ValueTask<Result> Handle(TerminateClient command, CancellationToken ct) => Move(command, null, ct);

    public ValueTask<Result> Handle(RestrictClient command, CancellationToken ct) => Move(command, async client =>
    {
        var matrix = await ClientCapabilities.MatrixAsync(db, ct);
        // Null: the category's usual allowances. Empty: nothing at all (a full freeze).
        var allows = command.Allows is { } chosen ? chosen.Distinct().ToList() : ClientLifecycle.DefaultAllowances(command.Category);
        var beyond = allows.Where(c => !matrix.GetValueOrDefault((ClientStatus.Restricted, c))).ToList();
        if (beyond.Count > 0)
            return Error.Rule("client.restriction_too_wide",
                $"Restricted clients cannot {string.Join(" or ", beyond.Select(c => c.Describe()))} under the capability matrix; remove it from what the restriction allows.");
        client.RestrictionCategory = command.Category;
        client.RestrictionAllows = allows.Count == 0 ? "" : string.Join(",", allows.Order());
        return null;
    }, ct);

    /// <summary>Positions and money were checked on the platform before the transaction opened (<see cref="CloseClientPrecheck"/>).</summary>
    public ValueTask<Result> Handle(CloseClient command, CancellationToken ct) => Move(command, null, ct);

    private async ValueTask<Result> Move(IClientTransition command, Func<Client, Task<Error?>>? prepare, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null) return Error.NotFound("The client");
        if (ClientLifecycle.Check(client.Status, command.Target, command.From) is { } refused) return refused;
        if (prepare is not null && await prepare(client) is { } notNow) return notNow;
        if (command is ApproveClient && await Kyc.Review.KycApproval.RefusalAsync(db, client, clock, ct) is { } notReady) return notReady;
        return await ClientMoves.ApplyAsync(db, effects, client, command.Target, command.Reason!, clock.GetUtcNow().UtcDateTime, ct) is { } error
            ? error
            : Result.Ok();
    }
}

/// <summary>
/// A voluntary closure needs the platform to confirm no open positions and no money on any live
/// account. Asked before the transaction opens: a slow platform must not hold the database's write lock.
/// </summary>
public sealed class CloseClientPrecheck(BackOfficeDb db, ITradingPlatform platform) : ICommandPrecheck<CloseClient>
{
    public async ValueTask<Error?> CheckAsync(CloseClient command, CancellationToken ct)
    {
        var logins = await db.TradingAccounts.Where(a => a.ClientId == command.ClientId && a.OnPlatform && a.Enabled && !a.IsDemo)
            .Select(a => a.Login).ToListAsync(ct);
        foreach (var login in logins)
        {
            AccountState state;
            try
            {
                state = await platform.GetStateAsync(login, ct);
            }
            catch (PlatformException e) when (e.Unreachable)
            {
                return Error.Rule("platform.unavailable",
                    $"The trading platform cannot be reached to confirm account {login} has no open positions and no money; nothing was changed. Try again later.");
            }
            if (state.Positions.Count > 0)
                return Error.Rule("client.open_positions",
                    $"Account {login} still has {state.Positions.Count} open position(s); they must be closed before the client can be closed.");
            if (state.Balance != 0 || state.Credit != 0)
                return Error.Rule("client.money_left",
                    $"Account {login} still holds {state.Balance:N2} {state.Currency}; pay out or transfer the balance before closing.");
        }
        return null;
    }
}
