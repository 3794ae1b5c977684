using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Staff;
using BackOffice.Core.Staff.Access;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Review;

/// <summary>A compliance officer takes a case from the queue, so two people do not review the same client.</summary>
[RequiresPermission(KycPermissions.Review)]
public sealed record ClaimKycCase(long ClientId) : IBackOfficeCommand<Result>;

/// <summary>A supervisor gives a case to someone (or back to the queue, with no assignee).</summary>
[RequiresPermission(KycPermissions.Assign)]
public sealed record AssignKycCase(long ClientId, string? AssigneeId, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() => AssigneeId is null ? $"Return the case of client {ClientId} to the queue" : $"Assign the case of client {ClientId}";
}

public sealed class CaseAssignmentHandler(BackOfficeDb db, Effects effects, CommandContext context, StaffAccess access, TimeProvider clock) :
    ICommandHandler<ClaimKycCase, Result>,
    ICommandHandler<AssignKycCase, Result>
{
    public async ValueTask<Result> Handle(ClaimKycCase command, CancellationToken ct)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == command.ClientId, ct)) return Error.NotFound("The client");
        var kycCase = await KycQueue.CaseAsync(db, command.ClientId, ct);
        var me = context.Actor;
        if (kycCase.AssigneeId == me.StaffId) return Result.Ok();
        if (kycCase.AssigneeId is not null)
            return Error.Rule("case.claimed", $"{kycCase.AssigneeName} is already working on this case; a supervisor can reassign it.");
        Assign(kycCase, me.StaffId, await StaffNames.DisplayNameAsync(db, me, ct), command.ClientId);
        return Result.Ok();
    }

    public async ValueTask<Result> Handle(AssignKycCase command, CancellationToken ct)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == command.ClientId, ct)) return Error.NotFound("The client");
        string? name = null;
        if (command.AssigneeId is { } id)
        {
            var staff = await db.Users.Where(u => u.Id == id && !u.Disabled).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
            if (staff is null) return Error.NotFound("The staff member");
            var permissions = await access.GetPermissionsAsync(id, ct);
            if (permissions is null || !permissions.Contains(KycPermissions.Review))
                return Error.Rule("case.assignee_cannot_review", $"{staff} cannot review documents; choose a compliance officer.");
            name = staff;
        }
        Assign(await KycQueue.CaseAsync(db, command.ClientId, ct), command.AssigneeId, name, command.ClientId);
        return Result.Ok();
    }

    private void Assign(KycCase kycCase, string? staffId, string? name, long clientId)
    {
        kycCase.AssigneeId = staffId;
        kycCase.AssigneeName = name;
        kycCase.AssignedAt = staffId is null ? null : clock.GetUtcNow().UtcDateTime;
        effects.About(nameof(Accounts.Clients.Client), clientId.ToString());
        effects.Touch(KycCounters.Queue);
    }
}
