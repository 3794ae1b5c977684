using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Common.Pipeline;
using BackOffice.Core.Operations;
using Mediator;

namespace BackOffice.Core.Staff.FourEyes;

/// <summary>Sent by the four-eyes stage of the pipeline, never by a page: stores a sensitive command for a checker.</summary>
[RequiresPermission(Permissions.SignedIn)]
public sealed record RequestFourEyesOperation(
    string CommandType, string Payload, string Summary, string Reason, string CheckerPermission, int ExpiresAfterHours)
    : IBackOfficeCommand<Result<Guid>>;

public sealed class RequestFourEyesOperationHandler(BackOfficeDb db, Effects effects, CommandContext context, TimeProvider clock)
    : ICommandHandler<RequestFourEyesOperation, Result<Guid>>
{
    public ValueTask<Result<Guid>> Handle(RequestFourEyesOperation command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var operation = new PendingOperation
        {
            CommandType = command.CommandType,
            Payload = command.Payload,
            Summary = command.Summary,
            Reason = command.Reason,
            CheckerPermission = command.CheckerPermission,
            MakerId = context.Actor.StaffId!,
            MakerName = context.Actor.Name,
            CreatedAt = now,
            ExpiresAt = now.AddHours(command.ExpiresAfterHours),
            Status = PendingOperationStatus.Pending,
        };
        db.PendingOperations.Add(operation);
        effects.About(nameof(PendingOperation), operation.Id.ToString());
        effects.Touch(SpineCounters.PendingOperations);
        return ValueTask.FromResult<Result<Guid>>(operation.Id);
    }
}
