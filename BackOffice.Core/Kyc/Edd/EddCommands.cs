using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Edd;

/// <summary>Ticks (or unticks) one item of the EDD checklist, with what was seen.</summary>
[RequiresPermission(KycPermissions.Review)]
public sealed record UpdateEddItem(long EddCaseId, EddItem Item, bool Done, string? Note, long ExpectedVersion) : IBackOfficeCommand<Result>;

/// <summary>Signs off enhanced due diligence once every item is done. A client restricted for it is released.</summary>
[RequiresPermission(KycPermissions.Edd)]
public sealed record SignOffEdd(long EddCaseId, string Reason, long ExpectedVersion) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Sign off enhanced due diligence {EddCaseId}";
}

public sealed class UpdateEddItemValidator : AbstractValidator<UpdateEddItem>
{
    public UpdateEddItemValidator()
    {
        RuleFor(x => x.Item).IsInEnum();
        RuleFor(x => x.Note).MaximumLength(1000);
    }
}

public sealed class SignOffEddValidator : AbstractValidator<SignOffEdd>
{
    public SignOffEddValidator() => RuleFor(x => x.Reason).NotEmpty().WithMessage("Say what the sign-off rests on.").MaximumLength(1000);
}

public sealed class EddHandlers(BackOfficeDb db, Effects effects, CommandContext context, TimeProvider clock) :
    ICommandHandler<UpdateEddItem, Result>,
    ICommandHandler<SignOffEdd, Result>
{
    public async ValueTask<Result> Handle(UpdateEddItem command, CancellationToken ct)
    {
        var edd = await LoadAsync(command.EddCaseId, command.ExpectedVersion, ct);
        if (edd.Error is not null) return edd.Error;
        if (edd.Case!.Status != EddStatus.Open) return Error.Rule("edd.not_open", "This enhanced due diligence is signed off; its checklist is closed.");
        edd.Case.Set(command.Item, command.Done);
        if (!string.IsNullOrWhiteSpace(command.Note))
        {
            var who = await StaffNames.DisplayNameAsync(db, context.Actor, ct);
            var line = $"{clock.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm} {who} — {command.Item.Describe()}: {command.Note.Trim()}";
            edd.Case.Notes = edd.Case.Notes is null ? line : edd.Case.Notes + "\n" + line;
        }
        effects.About(nameof(EddCase), edd.Case.Id.ToString());
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(SignOffEdd command, CancellationToken ct)
    {
        var edd = await LoadAsync(command.EddCaseId, command.ExpectedVersion, ct);
        if (edd.Error is not null) return edd.Error;
        var now = clock.GetUtcNow().UtcDateTime;
        if (edd.Case!.SignOff(await StaffNames.DisplayNameAsync(db, context.Actor, ct), command.Reason.Trim(), now) is { } refused) return refused;
        effects.About(nameof(EddCase), edd.Case.Id.ToString());
        effects.Touch(KycCounters.EddOpen);
        effects.Publish("kyc.edd_signed_off", new { clientId = edd.Case.ClientId, eddCaseId = edd.Case.Id });

        // The restriction that waited for this sign-off is lifted; any other restriction stays.
        var client = await db.Clients.FirstAsync(c => c.Id == edd.Case.ClientId, ct);
        if (client is { Status: ClientStatus.Restricted, RestrictionCategory: RestrictionCategory.EnhancedDueDiligence })
            return await ClientMoves.ApplyAsync(db, effects, client, ClientStatus.Approved, "Enhanced due diligence signed off", now, ct) is { } error
                ? error
                : Result.Ok();
        return Result.Ok();
    }

    private async Task<(EddCase? Case, Error? Error)> LoadAsync(long id, long expectedVersion, CancellationToken ct)
    {
        var edd = await db.EddCases.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (edd is null) return (null, Error.NotFound("The enhanced due diligence case"));
        if (edd.Version != expectedVersion)
            return (null, Error.Conflict("Someone else changed this checklist since you opened it. Nothing was saved: reload and check again."));
        return (edd, null);
    }
}
