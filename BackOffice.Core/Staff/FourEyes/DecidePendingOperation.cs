using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff.FourEyes;

[RequiresPermission(OperationsPermissions.DecidePendingOperations)]
public sealed record RejectPendingOperation(Guid OperationId, string Note) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Reject operation {OperationId}";
    string? IDescribedCommand.Reason => Note;
}

public sealed class RejectPendingOperationValidator : AbstractValidator<RejectPendingOperation>
{
    public RejectPendingOperationValidator() =>
        RuleFor(x => x.Note).NotEmpty().WithMessage("Say why you reject it: the maker reads this.").MaximumLength(1000);
}

public sealed class RejectPendingOperationHandler(BackOfficeDb db, CommandContext context, StaffAccess access, Effects effects, TimeProvider clock)
    : ICommandHandler<RejectPendingOperation, Result>
{
    public async ValueTask<Result> Handle(RejectPendingOperation command, CancellationToken ct)
    {
        var checker = context.Actor;
        var now = clock.GetUtcNow().UtcDateTime;
        var (operation, refused) = await PendingDecision.OpenAsync(db, access, command.OperationId, checker.StaffId!, now, ct);
        if (operation is null) return refused!;

        effects.About(nameof(PendingOperation), operation.Id.ToString());
        effects.Touch(SpineCounters.PendingOperations);
        operation.Decide(PendingOperationStatus.Rejected, checker.StaffId!, checker.Name, command.Note, now);
        return await PendingDecision.SaveOrExplainAsync(db, operation, ct) is { } lost ? lost : Result.Ok();
    }
}

/// <summary>The maker withdraws their own request before anyone decided.</summary>
[RequiresPermission(Common.Pipeline.Permissions.SignedIn)]
public sealed record CancelPendingOperation(Guid OperationId) : IBackOfficeCommand<Result>;

public sealed class CancelPendingOperationHandler(BackOfficeDb db, CommandContext context, Effects effects, TimeProvider clock)
    : ICommandHandler<CancelPendingOperation, Result>
{
    public async ValueTask<Result> Handle(CancelPendingOperation command, CancellationToken ct)
    {
        var actor = context.Actor;
        var operation = await db.PendingOperations.FindAsync([command.OperationId], ct);
        if (operation is null) return Error.NotFound("The operation");
        if (operation.MakerId != actor.StaffId)
            return Error.Rule("four_eyes.not_maker", "Only the staff member who made the request can cancel it.");
        if (operation.Status != PendingOperationStatus.Pending)
            return Error.Conflict($"This operation was already {operation.Status.ToString().ToLowerInvariant()} by {operation.DecidedByName}.");
        effects.About(nameof(PendingOperation), operation.Id.ToString());
        effects.Touch(SpineCounters.PendingOperations);
        operation.Decide(PendingOperationStatus.Cancelled, actor.StaffId!, actor.Name, null, clock.GetUtcNow().UtcDateTime);
        return await PendingDecision.SaveOrExplainAsync(db, operation, ct) is { } lost ? lost : Result.Ok();
    }
}

/// <summary>Run by the scheduler: operations nobody decided in time expire, and the record says so.</summary>
[SystemCommand]
public sealed record ExpirePendingOperations : IBackOfficeCommand<Result<int>>;

public sealed class ExpirePendingOperationsHandler(BackOfficeDb db, Effects effects, TimeProvider clock)
    : ICommandHandler<ExpirePendingOperations, Result<int>>
{
    public async ValueTask<Result<int>> Handle(ExpirePendingOperations command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.PendingOperations.Where(o => o.Status == PendingOperationStatus.Pending && o.ExpiresAt <= now).ToListAsync(ct);
        foreach (var operation in due)
        {
            operation.Status = PendingOperationStatus.Expired;
            operation.DecidedAt = now;
        }
        if (due.Count > 0) effects.Touch(SpineCounters.PendingOperations);
        return due.Count;
    }
}
