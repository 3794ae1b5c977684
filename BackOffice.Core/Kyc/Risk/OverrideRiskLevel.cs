using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Review;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Risk;

/// <summary>
/// Sets the client's risk level by hand, over the score, with a reason (or clears the override with
/// a null level). Four-eyes: a second compliance officer approves it.
/// </summary>
[RequiresPermission(KycPermissions.Risk)]
[FourEyes(KycPermissions.Risk)]
public sealed record OverrideRiskLevel(long ClientId, RiskLevel? Level, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => Level is { } level ? $"Set the risk level of client {ClientId} to {level} by hand" : $"Return client {ClientId} to the scored risk level";
}

public sealed class OverrideRiskLevelValidator : AbstractValidator<OverrideRiskLevel>
{
    public OverrideRiskLevelValidator()
    {
        RuleFor(x => x.ClientId).GreaterThan(0).WithMessage("Choose a client.");
        RuleFor(x => x.Level).IsInEnum();
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.").MaximumLength(1000);
    }
}

public sealed class OverrideRiskLevelHandler(BackOfficeDb db, Effects effects, TimeProvider clock) : ICommandHandler<OverrideRiskLevel, Result>
{
    public async ValueTask<Result> Handle(OverrideRiskLevel command, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == command.ClientId, ct);
        if (client is null) return Error.NotFound("The client");
        var kycCase = await KycQueue.CaseAsync(db, client.Id, ct);
        kycCase.RiskOverride = command.Level;
        kycCase.RiskOverrideReason = command.Level is null ? null : command.Reason.Trim();
        effects.About(nameof(Accounts.Clients.Client), client.Id.ToString());
        var trigger = command.Level is { } level ? $"manual override to {level}: {command.Reason.Trim()}" : $"manual override removed: {command.Reason.Trim()}";
        return await KycRisk.RecomputeAsync(db, effects, client, trigger, clock.GetUtcNow().UtcDateTime, ct) is { } refused ? refused : Result.Ok();
    }
}
