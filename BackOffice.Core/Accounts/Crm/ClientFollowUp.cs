using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Crm;

/// <summary>Records a call, e-mail, meeting or note on the client's timeline.</summary>
[RequiresPermission(AccountsPermissions.Crm)]
public sealed record RecordCommunication(long ClientId, CommunicationKind Kind, string Summary, DateTime? At = null) : IBackOfficeCommand<Result<long>>;

public sealed class RecordCommunicationValidator : AbstractValidator<RecordCommunication>
{
    public RecordCommunicationValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Summary).NotEmpty().WithMessage("Write what was said or done.").MaximumLength(4000);
    }
}

[RequiresPermission(AccountsPermissions.Crm)]
public sealed record CreateClientTask(long ClientId, string Title, DateTime DueAt, string AssigneeId) : IBackOfficeCommand<Result<long>>;

public sealed class CreateClientTaskValidator : AbstractValidator<CreateClientTask>
{
    public CreateClientTaskValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage("Say what needs doing.").MaximumLength(300);
        RuleFor(x => x.AssigneeId).NotEmpty().WithMessage("Assign the task to someone.");
    }
}

[RequiresPermission(AccountsPermissions.Crm)]
public sealed record CompleteClientTask(long TaskId) : IBackOfficeCommand<Result>;

public sealed class ClientFollowUpHandlers(BackOfficeDb db, Effects effects, CommandContext context, TimeProvider clock) :
    ICommandHandler<RecordCommunication, Result<long>>,
    ICommandHandler<CreateClientTask, Result<long>>,
    ICommandHandler<CompleteClientTask, Result>
{
    public async ValueTask<Result<long>> Handle(RecordCommunication command, CancellationToken ct)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == command.ClientId, ct)) return Error.NotFound("The client");
        var now = clock.GetUtcNow().UtcDateTime;
        var at = command.At?.ToUniversalTime() ?? now;
        if (at > now.AddMinutes(5))
            return Error.Validation(new Dictionary<string, string[]> { ["At"] = ["A communication cannot be in the future."] });
        var record = new Communication
        {
            ClientId = command.ClientId,
            Kind = command.Kind,
            At = at,
            StaffId = context.Actor.StaffId ?? "",
            StaffName = context.Actor.Name,
            Summary = command.Summary.Trim(),
        };
        db.Communications.Add(record);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(Clients.Client), command.ClientId.ToString());
        return record.Id;
    }

    public async ValueTask<Result<long>> Handle(CreateClientTask command, CancellationToken ct)
    {
        if (!await db.Clients.AnyAsync(c => c.Id == command.ClientId, ct)) return Error.NotFound("The client");
        if (!await db.Users.AnyAsync(u => u.Id == command.AssigneeId && !u.Disabled, ct))
            return Error.Validation(new Dictionary<string, string[]> { ["AssigneeId"] = ["Choose an active staff member."] });
        var task = new ClientTask
        {
            ClientId = command.ClientId,
            Title = command.Title.Trim(),
            DueAt = command.DueAt.ToUniversalTime(),
            AssigneeId = command.AssigneeId,
            CreatedById = context.Actor.StaffId ?? "",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ClientTasks.Add(task);
        await db.SaveChangesAsync(ct);
        effects.About(nameof(Clients.Client), command.ClientId.ToString());
        return task.Id;
    }

    public async ValueTask<Result> Handle(CompleteClientTask command, CancellationToken ct)
    {
        var task = await db.ClientTasks.FirstOrDefaultAsync(t => t.Id == command.TaskId, ct);
        if (task is null) return Error.NotFound("The task");
        if (task.CompletedAt is not null) return Error.Conflict("This task is already done.");
        task.CompletedAt = clock.GetUtcNow().UtcDateTime;
        effects.About(nameof(Clients.Client), task.ClientId.ToString());
        return Result.Ok();
    }
}
