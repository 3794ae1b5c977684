using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>
/// Something a client did, reported for transaction monitoring: stored, judged by the rules against the client's
/// last year, and each hit kept as an AML alert. Returns the stored event's id and the alerts it raised.
/// </summary>
[SystemCommand]
public sealed record RecordMonitoringEvent(MonitoringEvent Event) : IBackOfficeCommand<Result<RecordedEvent>>;

public sealed record RecordedEvent(long EventId, IReadOnlyList<long> AlertIds);

public sealed class RecordMonitoringEventValidator : AbstractValidator<RecordMonitoringEvent>
{
    public RecordMonitoringEventValidator()
    {
        RuleFor(x => x.Event).NotNull();
        RuleFor(x => x.Event.ClientId).GreaterThan(0);
        RuleFor(x => x.Event.Kind).IsInEnum();
        RuleFor(x => x.Event.AmountMinor).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Event.AmountUsd).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Event.TradedVolumeUsd).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Event.Currency).Length(3).When(x => x.Event.Currency is not null);
        RuleFor(x => x.Event.IpCountry).Length(2).When(x => x.Event.IpCountry is not null);
        RuleFor(x => x.Event.Method!.Fingerprint).NotEmpty().MaximumLength(120).When(x => x.Event.Method is not null);
        RuleFor(x => x.Event.Method!.HolderName).MaximumLength(200).When(x => x.Event.Method is not null);
    }
}

public sealed class RecordMonitoringEventHandler(BackOfficeDb db, Effects effects, TimeProvider clock)
    : ICommandHandler<RecordMonitoringEvent, Result<RecordedEvent>>
{
    public async ValueTask<Result<RecordedEvent>> Handle(RecordMonitoringEvent command, CancellationToken ct)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == command.Event.ClientId, ct)) return Error.NotFound("The client");
        var (row, alerts) = await MonitoringEvents.RecordAsync(db, effects, command.Event, clock.GetUtcNow().UtcDateTime, ct);
        if (row.Id == 0) await db.SaveChangesAsync(ct); // for the id this command answers with
        effects.About(nameof(ActivityEvent), row.Id.ToString());
        return new RecordedEvent(row.Id, [.. alerts.Select(a => a.Id)]);
    }
}
