using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;

namespace BackOffice.Core.Operations.Alerts;

[RequiresPermission(OperationsPermissions.ManageAlerts)]
public sealed record AcknowledgeAlert(Guid AlertId) : IBackOfficeCommand<Result>;

public sealed class AcknowledgeAlertHandler(BackOfficeDb db, Effects effects, CommandContext context, TimeProvider clock)
    : ICommandHandler<AcknowledgeAlert, Result>
{
    public async ValueTask<Result> Handle(AcknowledgeAlert command, CancellationToken ct)
    {
        var alert = await db.Alerts.FindAsync([command.AlertId], ct);
        if (alert is null) return Error.NotFound("The alert");
        if (alert.Status != AlertStatus.Open)
            return Error.Conflict($"This alert was already {alert.Status.ToString().ToLowerInvariant()} by {alert.ResolvedBy ?? alert.AcknowledgedBy}.");
        alert.Status = AlertStatus.Acknowledged;
        alert.AcknowledgedBy = context.Actor.Name;
        alert.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
        effects.Touch(SpineCounters.OpenAlerts);
        return Result.Ok();
    }
}

[RequiresPermission(OperationsPermissions.ManageAlerts)]
public sealed record ResolveAlert(Guid AlertId, string Resolution) : IBackOfficeCommand<Result>;

public sealed class ResolveAlertValidator : AbstractValidator<ResolveAlert>
{
    public ResolveAlertValidator() => RuleFor(x => x.Resolution).NotEmpty().WithMessage("Say how the alert was resolved.").MaximumLength(1000);
}

public sealed class ResolveAlertHandler(BackOfficeDb db, Effects effects, CommandContext context, TimeProvider clock)
    : ICommandHandler<ResolveAlert, Result>
{
    public async ValueTask<Result> Handle(ResolveAlert command, CancellationToken ct)
    {
        var alert = await db.Alerts.FindAsync([command.AlertId], ct);
        if (alert is null) return Error.NotFound("The alert");
        if (alert.Status == AlertStatus.Resolved)
            return Error.Conflict($"This alert was already resolved by {alert.ResolvedBy}.");
        alert.Resolve(context.Actor.Name, clock.GetUtcNow().UtcDateTime, command.Resolution);
        effects.Touch(SpineCounters.OpenAlerts);
        return Result.Ok();
    }
}

/// <summary>Raised by the system itself (background jobs, sign-in monitoring).</summary>
[SystemCommand]
public sealed record RaiseAlert(string Kind, AlertSeverity Severity, string Message, string? EntityType = null, string? EntityId = null)
    : IBackOfficeCommand<Result<Guid>>;

public sealed class RaiseAlertHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<RaiseAlert, Result<Guid>>
{
    public ValueTask<Result<Guid>> Handle(RaiseAlert command, CancellationToken ct)
    {
        var alert = AlertKinds.Raise(db, effects, clock.GetUtcNow().UtcDateTime, command.Kind, command.Severity, command.Message, command.EntityType, command.EntityId);
        return ValueTask.FromResult<Result<Guid>>(alert.Id);
    }
}
