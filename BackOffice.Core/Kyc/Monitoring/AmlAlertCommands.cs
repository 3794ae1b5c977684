using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Access;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Monitoring;

/// <summary>Gives an AML alert to someone who works AML alerts, or (no assignee) to the officer sending it: a claim.</summary>
[RequiresPermission(KycPermissions.Aml)]
public sealed record AssignAmlAlert(long AlertId, string? AssigneeId = null) : IBackOfficeCommand<Result>;

/// <summary>Adds what the investigation found to the alert's notes, stamped with who and when.</summary>
[RequiresPermission(KycPermissions.Aml)]
public sealed record AddAmlAlertNote(long AlertId, string Note) : IBackOfficeCommand<Result>;

/// <summary>Closes an alert the investigation explained: the activity has a legitimate reason, which is recorded.</summary>
[RequiresPermission(KycPermissions.Aml)]
public sealed record CloseAmlAlertAsFalsePositive(long AlertId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => $"Close AML alert {AlertId} as a false positive";
}

/// <summary>
/// The activity stays suspicious: a suspicious activity report is recorded under a new SAR reference and an
/// approved client is restricted for abnormal activity. A client already restricted keeps that restriction.
/// </summary>
[RequiresPermission(KycPermissions.Aml)]
public sealed record EscalateAmlAlert(long AlertId, string Reason) : IBackOfficeCommand<Result<string>>, IDescribedCommand
{
    public string Describe() => $"Escalate AML alert {AlertId} to a suspicious activity report";
}

public sealed class AddAmlAlertNoteValidator : AbstractValidator<AddAmlAlertNote>
{
    public AddAmlAlertNoteValidator() => RuleFor(x => x.Note).NotEmpty().WithMessage("Write the note.").MaximumLength(1000);
}

public sealed class CloseAmlAlertAsFalsePositiveValidator : AbstractValidator<CloseAmlAlertAsFalsePositive>
{
    public CloseAmlAlertAsFalsePositiveValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say what explains the activity.").MaximumLength(1000);
}

public sealed class EscalateAmlAlertValidator : AbstractValidator<EscalateAmlAlert>
{
    public EscalateAmlAlertValidator() =>
        RuleFor(x => x.Reason).NotEmpty().WithMessage("Say why the activity is suspicious.").MaximumLength(1000);
}

public sealed class AmlAlertHandlers(BackOfficeDb db, Effects effects, CommandContext context, StaffAccess access, TimeProvider clock) :
    ICommandHandler<AssignAmlAlert, Result>,
    ICommandHandler<AddAmlAlertNote, Result>,
    ICommandHandler<CloseAmlAlertAsFalsePositive, Result>,
    ICommandHandler<EscalateAmlAlert, Result<string>>
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async ValueTask<Result> Handle(AssignAmlAlert command, CancellationToken ct)
    {
        var (alert, error) = await OpenAlertAsync(command.AlertId, ct);
        if (error is not null) return error;
        string staffId, name;
        if (command.AssigneeId is { } id)
        {
            var staff = await db.Users.Where(u => u.Id == id && !u.Disabled).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
            if (staff is null) return Error.NotFound("The staff member");
            if (await access.GetPermissionsAsync(id, ct) is not { } permissions || !permissions.Contains(KycPermissions.Aml))
                return Error.Rule("aml.assignee_cannot_work", $"{staff} does not work AML alerts; choose a compliance officer.");
            (staffId, name) = (id, staff);
        }
        else
        {
            if (context.Actor.StaffId is not { } me) return Error.Rule("aml.no_staff", "Only a member of staff can claim an alert.");
            if (alert!.AssigneeId is { } holder && holder != me)
                return Error.Rule("aml.claimed", $"{alert.AssigneeName} is already working on this alert; it can be assigned to you.");
            (staffId, name) = (me, await StaffNames.DisplayNameAsync(db, context.Actor, ct));
        }
        alert!.AssigneeId = staffId;
        alert.AssigneeName = name;
        alert.Status = AmlAlertStatus.Investigating;
        Touch(alert);
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(AddAmlAlertNote command, CancellationToken ct)
    {
        var alert = await db.AmlAlerts.FirstOrDefaultAsync(a => a.Id == command.AlertId, ct);
        if (alert is null) return Error.NotFound("The AML alert");
        // Notes stay possible after closing: a later finding belongs with the alert it explains.
        alert.AddNote(await StaffNames.DisplayNameAsync(db, context.Actor, ct), command.Note, Now);
        Touch(alert);
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(CloseAmlAlertAsFalsePositive command, CancellationToken ct)
    {
        var (alert, error) = await OpenAlertAsync(command.AlertId, ct);
        if (error is not null) return error;
        if (alert!.Close(AmlAlertStatus.ClosedFalsePositive, await StaffNames.DisplayNameAsync(db, context.Actor, ct), command.Reason, Now) is { } refused)
            return refused;
        Touch(alert);
        return Result.Ok();
    }

    public async ValueTask<Result<string>> Handle(EscalateAmlAlert command, CancellationToken ct)
    {
        var (alert, error) = await OpenAlertAsync(command.AlertId, ct);
        if (error is not null) return error;
        var now = Now;
        var who = await StaffNames.DisplayNameAsync(db, context.Actor, ct);
        if (alert!.Close(AmlAlertStatus.Escalated, who, command.Reason, now) is { } refused) return refused;

        // One running number across years; the year in front says when it was filed.
        var reference = $"SAR-{now.Year}-{await Sequences.NextAsync(db, Sequences.SuspiciousActivityReport, ct):000000}";
        alert.SarReference = reference;
        db.SuspiciousActivityReports.Add(new SuspiciousActivityReport
        {
            Reference = reference, ClientId = alert.ClientId, AmlAlertId = alert.Id, Reason = command.Reason.Trim(), FiledBy = who, FiledAt = now,
        });

        var client = await db.Clients.FirstAsync(c => c.Id == alert.ClientId, ct);
        if (client.Status == ClientStatus.Approved)
        {
            client.RestrictionCategory = RestrictionCategory.AbnormalActivity;
            client.RestrictionAllows = string.Join(",", ClientLifecycle.DefaultAllowances(RestrictionCategory.AbnormalActivity).Order());
            if (await ClientMoves.ApplyAsync(db, effects, client, ClientStatus.Restricted,
                    $"Suspicious activity reported ({reference}): {MonitoringEvents.RuleName(alert.RuleCode)}", now, ct) is { } moveError)
                return moveError;
        }
        Touch(alert);
        effects.Publish("kyc.sar_filed", new { clientId = client.Id, clientNumber = client.Number, alertId = alert.Id, reference, rule = alert.RuleCode });
        return reference;
    }

    private async Task<(AmlAlert? Alert, Error? Error)> OpenAlertAsync(long id, CancellationToken ct)
    {
        var alert = await db.AmlAlerts.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (alert is null) return (null, Error.NotFound("The AML alert"));
        if (!alert.IsOpen) return (null, Error.Rule("aml.closed", $"This alert is already {AmlAlert.Describe(alert.Status)}."));
        return (alert, null);
    }

    private void Touch(AmlAlert alert)
    {
        effects.About(nameof(AmlAlert), alert.Id.ToString());
        effects.Touch(KycCounters.AmlAlerts);
    }
}
