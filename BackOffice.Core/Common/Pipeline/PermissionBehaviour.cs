using BackOffice.Core.Staff.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace BackOffice.Core.Common.Pipeline;

/// <summary>The command's declared permission, checked against the data (role → permission matrix), server-side.</summary>
public sealed class PermissionBehaviour<TMessage, TResponse>(
    CommandContext context, StaffAccess access, Data.BackOfficeDb db, ILogger<PermissionBehaviour<TMessage, TResponse>> log)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBackOfficeCommand<TResponse>
    where TResponse : Result
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var actor = context.Actor;
        var required = CommandMetadata<TMessage>.Permission;
        if (actor.IsSystem)
        {
            if (CommandMetadata<TMessage>.IsSystem)
                return await next(message, cancellationToken);
            throw new InvalidOperationException($"{CommandMetadata<TMessage>.Name} is a staff command and has no staff actor.");
        }
        if (required is null)
        {
            if (CommandMetadata<TMessage>.IsSystem)
                return Denied(actor, "system");
            throw new InvalidOperationException($"{CommandMetadata<TMessage>.Name} declares no permission.");
        }

        // One connection for the check and the transaction that follows, rather than opening it twice.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var granted = await access.GetPermissionsAsync(actor.StaffId!, cancellationToken);
            if (granted is null || (required != Permissions.SignedIn && !granted.Contains(required)))
                return Denied(actor, required);
            return await next(message, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private TResponse Denied(Actor actor, string permission)
    {
        log.LogWarning("Permission denied: {Actor} ({StaffId}) tried {Command} without {Permission} from {Ip} [{CorrelationId}]",
            actor.Name, actor.StaffId, CommandMetadata<TMessage>.Name, permission, actor.Ip, actor.CorrelationId);
        return ResultFactory<TResponse>.Fail(Error.Forbidden(permission));
    }
}
