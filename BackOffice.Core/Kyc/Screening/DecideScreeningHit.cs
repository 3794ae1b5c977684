using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Monitoring;
using BackOffice.Core.Operations;
using BackOffice.Core.Staff;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Screening;

/// <summary>
/// The client (or their related person) is the listed party. A sanctioned party: an approved client is
/// restricted, an alert goes to compliance and an AML case is opened for the report; approval stays refused.
/// A politically exposed person: the risk score counts it and enhanced due diligence opens.
/// </summary>
[RequiresPermission(KycPermissions.Screening)]
public sealed record ConfirmScreeningMatch(long HitId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Confirm screening hit {HitId} as a true match";

    string? IDescribedCommand.Reason => Reason;
}

/// <summary>Not the same party: remembered for this client and entry, and raised again only if the entry changes.</summary>
[RequiresPermission(KycPermissions.Screening)]
public sealed record DismissScreeningHit(long HitId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Close screening hit {HitId} as a false positive";

    string? IDescribedCommand.Reason => Reason;
}

public sealed class ConfirmScreeningMatchValidator : AbstractValidator<ConfirmScreeningMatch>
{
    public ConfirmScreeningMatchValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say what confirms the match (date of birth, passport, address…).").MaximumLength(1000);
}

public sealed class DismissScreeningHitValidator : AbstractValidator<DismissScreeningHit>
{
    public DismissScreeningHitValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say what tells the client and the listed party apart.").MaximumLength(1000);
}

public sealed class ScreeningHitHandlers(BackOfficeDb db, Effects effects, CommandContext context, TimeProvider clock) :
    ICommandHandler<ConfirmScreeningMatch, Result>,
    ICommandHandler<DismissScreeningHit, Result>
{
    public const string SanctionsRule = "sanctions_match";

    public async ValueTask<Result> Handle(ConfirmScreeningMatch command, CancellationToken ct)
    {
        var (hit, error) = await OpenHitAsync(command.HitId, ct);
        if (error is not null) return error;
        var now = clock.GetUtcNow().UtcDateTime;
        var who = await StaffNames.DisplayNameAsync(db, context.Actor, ct);
        Decide(hit!, ScreeningHitStatus.TrueMatch, who, command.Reason, now);
        var client = await db.Clients.FirstAsync(c => c.Id == hit!.ClientId, ct);
        var entry = await db.ScreeningEntries.AsNoTracking().FirstAsync(e => e.Id == hit!.EntryId, ct);
        var listed = $"{entry.Name} ({ListName(entry.Source)} {entry.ExternalId}{(entry.Programs.Length > 0 ? "; " + entry.Programs : "")})";
        var subject = hit!.PartyId is null ? client.DisplayName : $"{hit.SubjectName}, related to {client.DisplayName}";

        if (!hit.EntryIsPep)
        {
            // One AML case per client: a second list naming the same party adds to the case already open.
            var alert = await db.AmlAlerts.FirstOrDefaultAsync(a => a.ClientId == client.Id && a.RuleCode == SanctionsRule
                                                                   && (a.Status == AmlAlertStatus.Open || a.Status == AmlAlertStatus.Investigating), ct);
            if (alert is null)
            {
                alert = new AmlAlert
                {
                    ClientId = client.Id, RuleCode = SanctionsRule, Severity = Risk.RiskLevel.High, RaisedAt = now, Status = AmlAlertStatus.Open,
                    Sentence = $"{subject} confirmed as the sanctioned party {listed}. {command.Reason.Trim()}",
                    EventIds = $"screening-hit:{hit.Id}",
                };
                db.AmlAlerts.Add(alert);
                AlertKinds.Raise(db, effects, now, AlertKinds.SanctionsMatch, AlertSeverity.Critical,
                    $"Confirmed sanctions match: {subject} (No. {client.Number}) is {listed}", nameof(Client), client.Id.ToString());
            }
            else
            {
                alert.AddNote(who, $"Also confirmed as {listed}: {command.Reason.Trim()}", now);
            }
            await db.SaveChangesAsync(ct);
            hit.AmlAlertId = alert.Id;
            effects.Touch(KycCounters.AmlAlerts);
            if (await ClientMoves.RestrictOrTightenAsync(db, effects, client, RestrictionCategory.SanctionsMatch, $"Confirmed sanctions match: {listed}", now, ct)
                is { } moveError)
                return moveError;
            effects.Publish("kyc.sanctions_match", new { clientId = client.Id, clientNumber = client.Number, hitId = hit.Id, entry = entry.Key, alertId = alert.Id });
        }
        else
        {
            effects.Publish("kyc.pep_confirmed", new { clientId = client.Id, clientNumber = client.Number, hitId = hit.Id, entry = entry.Key });
        }
        return await FinishAsync(client, "screening hit confirmed as a true match", now, ct);
    }

    public async ValueTask<Result> Handle(DismissScreeningHit command, CancellationToken ct)
    {
        var (hit, error) = await OpenHitAsync(command.HitId, ct);
        if (error is not null) return error;
        var now = clock.GetUtcNow().UtcDateTime;
        Decide(hit!, ScreeningHitStatus.FalsePositive, await StaffNames.DisplayNameAsync(db, context.Actor, ct), command.Reason, now);
        var client = await db.Clients.FirstAsync(c => c.Id == hit!.ClientId, ct);
        return await FinishAsync(client, "screening hit closed as a false positive", now, ct);
    }

    public static string ListName(string source) => source switch
    {
        ListEntry.Ofac => "OFAC SDN",
        ListEntry.OpenSanctions => "OpenSanctions",
        _ => source,
    };

    private async Task<Result> FinishAsync(Client client, string trigger, DateTime now, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        effects.Touch(KycCounters.ScreeningHits);
        return await Risk.KycRisk.RecomputeAsync(db, effects, client, trigger, now, ct) is { } refused ? refused : Result.Ok();
    }

    private void Decide(ScreeningHitRecord hit, ScreeningHitStatus status, string who, string reason, DateTime now)
    {
        hit.Status = status;
        hit.DecidedBy = who;
        hit.DecidedAt = now;
        hit.DecisionNote = reason.Trim();
        effects.About(nameof(ScreeningHitRecord), hit.Id.ToString());
    }

    private async Task<(ScreeningHitRecord? Hit, Error? Error)> OpenHitAsync(long id, CancellationToken ct)
    {
        var hit = await db.ScreeningHits.FirstOrDefaultAsync(h => h.Id == id, ct);
        if (hit is null) return (null, Error.NotFound("The screening hit"));
        if (!hit.IsOpen) return (null, Error.Rule("screening.decided", $"This hit is already {ScreeningHitRecord.Describe(hit.Status)}."));
        return (hit, null);
    }
}
