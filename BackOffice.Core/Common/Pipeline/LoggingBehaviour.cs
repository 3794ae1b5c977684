using System.Diagnostics;
using Mediator;
using Microsoft.Extensions.Logging;

namespace BackOffice.Core.Common.Pipeline;

/// <summary>Names and ids only: a command's payload may hold passport numbers or bank details.</summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> log, CommandContext context)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IBackOfficeCommand<TResponse>
    where TResponse : Result
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var actor = context.Actor;
        using var scope = log.BeginScope("CorrelationId:{CorrelationId}", actor.CorrelationId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await next(message, cancellationToken);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (result.Succeeded)
                log.LogInformation("{Command} by {Actor} ({StaffId}) {Outcome} in {Elapsed:0.0} ms [{CorrelationId}]",
                    CommandMetadata<TMessage>.Name, actor.Name, actor.StaffId, result.IsPendingApproval ? "stored for approval" : "done", ms, actor.CorrelationId);
            else
                log.LogWarning("{Command} by {Actor} ({StaffId}) refused: {ErrorCode} in {Elapsed:0.0} ms [{CorrelationId}]",
                    CommandMetadata<TMessage>.Name, actor.Name, actor.StaffId, result.Error!.Code, ms, actor.CorrelationId);
            return result;
        }
        catch (Exception ex)
        {
            log.LogError(ex, "{Command} by {Actor} ({StaffId}) failed [{CorrelationId}]",
                CommandMetadata<TMessage>.Name, actor.Name, actor.StaffId, actor.CorrelationId);
            throw;
        }
    }
}
