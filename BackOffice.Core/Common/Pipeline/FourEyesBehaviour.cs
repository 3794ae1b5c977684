using System.Text.Json;
using BackOffice.Core.Staff.FourEyes;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace BackOffice.Core.Common.Pipeline;

/// <summary>
/// A sensitive command is not executed: it is stored, exactly as sent, as a pending operation
/// for a different staff member to approve. When approved it comes back through the whole
/// pipeline with the approval in its context and runs.
/// </summary>
public sealed class FourEyesBehaviour<TMessage, TResponse>(CommandContext context, IMediator mediator, IServiceProvider services)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBackOfficeCommand<TResponse>
    where TResponse : Result
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var fourEyes = CommandMetadata<TMessage>.FourEyes;
        // A precheck runs when the command is asked for; an approved operation's command is checked by its handler.
        if (context.Approval is null && services.GetService<ICommandPrecheck<TMessage>>() is { } precheck
            && await precheck.CheckAsync(message, cancellationToken) is { } refused)
            return ResultFactory<TResponse>.Fail(refused);
        if (fourEyes is null || context.Approval is not null)
            return await next(message, cancellationToken);

        var described = message as IDescribedCommand
            ?? throw new InvalidOperationException($"{CommandMetadata<TMessage>.Name} is four-eyes and must describe itself.");
        if (string.IsNullOrWhiteSpace(described.Reason))
            return ResultFactory<TResponse>.Fail(Error.Validation(new Dictionary<string, string[]>
            {
                ["Reason"] = ["A reason is required: the checker decides on it."],
            }));


        var stored = await mediator.Send(new RequestFourEyesOperation(
            typeof(TMessage).AssemblyQualifiedName!,
            JsonSerializer.Serialize(message, typeof(TMessage), PayloadJson.Options),
            described.Describe(),
            described.Reason!,
            fourEyes.CheckerPermission,
            fourEyes.ExpiresAfterHours), cancellationToken);
        return stored.Succeeded
            ? ResultFactory<TResponse>.Pending(stored.Value)
            : ResultFactory<TResponse>.Fail(stored.Error!);
    }
}

public static class PayloadJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
