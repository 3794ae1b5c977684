using System.Text.Json;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Common.Pipeline;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff.FourEyes;

/// <summary>
/// The checker approves: the stored command runs now, exactly as the maker sent it, in the
/// same transaction as the decision. If it cannot run (its rules refuse), nothing changes
/// and the operation stays pending for the checker to reject.
/// </summary>
[RequiresPermission(OperationsPermissions.DecidePendingOperations)]
public sealed record ApprovePendingOperation(Guid OperationId, string? Note) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Approve operation {OperationId}";
    string? IDescribedCommand.Reason => Note;
}

public sealed class ApprovePendingOperationHandler(
    BackOfficeDb db, CommandContext context, StaffAccess access, IMediator mediator, Effects effects, TimeProvider clock)
    : ICommandHandler<ApprovePendingOperation, Result>
{
    public async ValueTask<Result> Handle(ApprovePendingOperation command, CancellationToken ct)
    {
        var checker = context.Actor;
        var now = clock.GetUtcNow().UtcDateTime;
        var (operation, refused) = await PendingDecision.OpenAsync(db, access, command.OperationId, checker.StaffId!, now, ct);
        if (operation is null) return refused!;

        effects.About(nameof(PendingOperation), operation.Id.ToString());
        effects.Touch(SpineCounters.PendingOperations);
        operation.Decide(PendingOperationStatus.Approved, checker.StaffId!, checker.Name, command.Note, now);
        if (await PendingDecision.SaveOrExplainAsync(db, operation, ct) is { } lost) return lost;

        var type = Type.GetType(operation.CommandType)
            ?? throw new InvalidOperationException($"Stored command type {operation.CommandType} no longer exists.");
        var stored = JsonSerializer.Deserialize(operation.Payload, type, PayloadJson.Options)!;

        // The stored command runs as the maker's, with the checker recorded as approver.
        context.SetApproval(new ApprovedOperation(operation.Id, operation.MakerId, operation.MakerName, checker.StaffId!, checker.Name, operation.Reason));
        context.Set(checker with { StaffId = operation.MakerId, Name = operation.MakerName });
        try
        {
            var outcome = (Result)(await mediator.Send(stored, ct))!;
            return outcome.Succeeded ? Result.Ok() : outcome.Error!;
        }
        finally
        {
            // The decision itself is the checker's own act, audited as theirs without an approver.
            context.Set(checker);
            context.SetApproval(null);
        }
    }
}

internal static class PendingDecision
{
    /// <summary>The operation, if this checker may decide it now; otherwise the sentence saying why not.</summary>
    public static async Task<(PendingOperation? Operation, Error? Refused)> OpenAsync(
        BackOfficeDb db, StaffAccess access, Guid operationId, string checkerId, DateTime now, CancellationToken ct)
    {
        var operation = await db.PendingOperations.FindAsync([operationId], ct);
        if (operation is null) return (null, Error.NotFound("The operation"));
        if (operation.RefuseDecisionBy(checkerId, now) is { } refused) return (null, refused);
        var permissions = await access.GetPermissionsAsync(checkerId, ct);
        if (permissions is null || !permissions.Contains(operation.CheckerPermission))
            return (null, Error.Forbidden(operation.CheckerPermission));
        return (operation, null);
    }

    /// <summary>Saves a decision; when another checker decided first, says who.</summary>
    public static async Task<Error?> SaveOrExplainAsync(BackOfficeDb db, PendingOperation operation, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await db.PendingOperations.AsNoTracking().FirstAsync(o => o.Id == operation.Id, ct);
            db.Entry(operation).State = EntityState.Detached;
            return Error.Conflict($"This operation was already {current.Status.ToString().ToLowerInvariant()} by {current.DecidedByName ?? "someone else"}.");
        }
    }
}
