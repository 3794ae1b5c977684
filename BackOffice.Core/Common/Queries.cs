using BackOffice.Core.Common.Pipeline;
using BackOffice.Core.Staff.Access;
using Mediator;
using Microsoft.Extensions.Logging;

namespace BackOffice.Core.Common;

/// <summary>A read. It declares its permission like a command does; it changes nothing.</summary>
public interface IBackOfficeQuery<TResult> : IQuery<TResult>
{
}

public sealed class AccessDeniedException(string permission) : Exception($"Permission '{permission}' is required.")
{
    public string Permission { get; } = permission;
}

public sealed record Page<T>(IReadOnlyList<T> Items, int Total);

public sealed class QueryPermissionBehaviour<TMessage, TResponse>(
    CommandContext context, StaffAccess access, ILogger<QueryPermissionBehaviour<TMessage, TResponse>> log)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBackOfficeQuery<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var actor = context.Actor;
        var required = CommandMetadata<TMessage>.Permission
            ?? throw new InvalidOperationException($"{CommandMetadata<TMessage>.Name} declares no permission.");
        if (!actor.IsSystem)
        {
            var granted = await access.GetPermissionsAsync(actor.StaffId!, cancellationToken);
            if (granted is null || (required != Permissions.SignedIn && !granted.Contains(required)))
            {
                log.LogWarning("Permission denied: {Actor} ({StaffId}) tried {Query} without {Permission} [{CorrelationId}]",
                    actor.Name, actor.StaffId, CommandMetadata<TMessage>.Name, required, actor.CorrelationId);
                throw new AccessDeniedException(required);
            }
        }
        return await next(message, cancellationToken);
    }
}
