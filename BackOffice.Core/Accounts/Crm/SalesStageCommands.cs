using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Crm;

/// <summary>Adds a step to the sales funnel (or brings a retired one back) at a position.</summary>
[RequiresPermission(AccountsPermissions.ConfigureTypes)]
public sealed record DefineSalesStage(string Name, int Order) : IBackOfficeCommand<Result>;

public sealed class DefineSalesStageValidator : AbstractValidator<DefineSalesStage>
{
    public DefineSalesStageValidator() =>
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the stage.").Matches("^[\\p{L}0-9 _.-]{1,40}$").WithMessage("A stage name is 1–40 letters, digits or spaces.");
}

/// <summary>Retires a stage: clients keep it as history, new assignments cannot choose it.</summary>
[RequiresPermission(AccountsPermissions.ConfigureTypes)]
public sealed record RetireSalesStage(string Name) : IBackOfficeCommand<Result>;

public sealed class SalesStageHandlers(BackOfficeDb db, Effects effects) :
    ICommandHandler<DefineSalesStage, Result>,
    ICommandHandler<RetireSalesStage, Result>
{
    public async ValueTask<Result> Handle(DefineSalesStage command, CancellationToken ct)
    {
        var name = command.Name.Trim();
        var stage = await db.SalesStages.FirstOrDefaultAsync(s => s.Name == name, ct);
        if (stage is { Active: true } && stage.Order == command.Order) return Error.Conflict($"{name} is already a stage at that position.");
        if (stage is null) db.SalesStages.Add(stage = new SalesStage { Name = name });
        stage.Order = command.Order;
        stage.Active = true;
        effects.About(nameof(SalesStage), name);
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(RetireSalesStage command, CancellationToken ct)
    {
        var stage = await db.SalesStages.FirstOrDefaultAsync(s => s.Name == command.Name, ct);
        if (stage is null) return Error.NotFound("The sales stage");
        if (!stage.Active) return Error.Conflict($"{stage.Name} is already retired.");
        if (await db.SalesStages.CountAsync(s => s.Active, ct) == 1) return Error.Rule("stage.last", "At least one sales stage must stay in use.");
        stage.Active = false;
        effects.About(nameof(SalesStage), stage.Name);
        return Result.Ok();
    }
}
