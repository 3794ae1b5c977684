using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;

namespace BackOffice.Core.Kyc.Verification;

/// <summary>
/// A webhook refused before it was acted on (no or a wrong signature, too large, signed but unreadable),
/// kept for the operations log: a run of these after a secret rotation is how a lost verdict is noticed.
/// </summary>
/// <param name="EventId">The hash of the body when it was read whole.</param>
[SystemCommand]
public sealed record RecordProviderCallback(string? EventId, bool SignatureValid, string Detail) : IBackOfficeCommand<Result>;

public sealed class RecordProviderCallbackHandler(BackOfficeDb db, Effects effects, TimeProvider clock, CommandContext context)
    : ICommandHandler<RecordProviderCallback, Result>
{
    public ValueTask<Result> Handle(RecordProviderCallback command, CancellationToken ct)
    {
        var callback = new ProviderCallback
        {
            ReceivedAt = clock.GetUtcNow().UtcDateTime,
            EventId = command.EventId,
            SignatureValid = command.SignatureValid,
            Outcome = CallbackOutcome.Refused,
            Detail = command.Detail.Length > 500 ? command.Detail[..500] : command.Detail,
            Ip = context.Actor.Ip is { Length: > 64 } ip ? ip[..64] : context.Actor.Ip,
        };
        db.ProviderCallbacks.Add(callback);
        effects.About(nameof(ProviderCallback), command.EventId ?? "unread");
        return ValueTask.FromResult(Result.Ok());
    }
}
