using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Crm;

/// <summary>Adds and removes tags on one or many clients (the grid's bulk action).</summary>
[RequiresPermission(AccountsPermissions.Crm)]
public sealed record TagClients(long[] ClientIds, string[] Add, string[] Remove) : IBackOfficeCommand<Result<int>>;

[RequiresPermission(AccountsPermissions.Crm)]
public sealed record AssignAccountManager(long[] ClientIds, string? ManagerId) : IBackOfficeCommand<Result<int>>;

[RequiresPermission(AccountsPermissions.Crm)]
public sealed record SetSalesStage(long[] ClientIds, string Stage) : IBackOfficeCommand<Result<int>>;

/// <summary>Restricts several clients as one four-eyes operation; on approval each client is restricted (and audited) on its own.</summary>
[RequiresPermission(AccountsPermissions.Restrict)]
[FourEyes(AccountsPermissions.Restrict)]
public sealed record BulkRestrictClients(long[] ClientIds, RestrictionCategory Category, string Reason) : IBackOfficeCommand<Result>, IDescribedCommand
{
    public string Describe() =>
        $"Restrict {ClientIds.Length} client(s) ({Category.Describe()}): " +
        string.Join(", ", ClientIds.Take(50)) + (ClientIds.Length > 50 ? $" and {ClientIds.Length - 50} more" : "");
}

public static class BulkLimits
{
    public const int MaxClients = 50_000;

    /// <summary>The rule every bulk action puts on its selection.</summary>
    public static IRuleBuilderOptions<T, long[]> Selection<T>(this IRuleBuilder<T, long[]> rule, int max = MaxClients) =>
        rule.NotEmpty().WithMessage("Select at least one client.")
            .Must(ids => ids.Length <= max).WithMessage($"At most {max:N0} clients at a time.");
}

public sealed class TagClientsValidator : AbstractValidator<TagClients>
{
    public TagClientsValidator()
    {
        RuleFor(x => x.ClientIds).Selection();
        RuleFor(x => x).Must(x => (x.Add?.Length ?? 0) + (x.Remove?.Length ?? 0) > 0).WithName("Add").WithMessage("Name a tag to add or remove.");
        RuleForEach(x => x.Add).Matches("^[\\p{L}0-9 _.-]{1,40}$").WithMessage("Tags are 1–40 letters, digits, spaces, dots, dashes or underscores.");
    }
}

public sealed class AssignAccountManagerValidator : AbstractValidator<AssignAccountManager>
{
    public AssignAccountManagerValidator() =>
        RuleFor(x => x.ClientIds).Selection();
}

public sealed class SetSalesStageValidator : AbstractValidator<SetSalesStage>
{
    public SetSalesStageValidator()
    {
        RuleFor(x => x.ClientIds).Selection();
        RuleFor(x => x.Stage).NotEmpty().WithMessage("Choose a sales stage.");
    }
}

public sealed class BulkRestrictClientsValidator : AbstractValidator<BulkRestrictClients>
{
    public BulkRestrictClientsValidator()
    {
        RuleFor(x => x.ClientIds).Selection(max: 1000);
        RuleFor(x => x.Category).IsInEnum().WithMessage("Choose a restriction category.");
        RuleFor(x => x.Reason).NotEmpty().WithMessage("A reason is required.");
    }
}

public sealed class BulkClientHandlers(BackOfficeDb db, Effects effects, IMediator mediator) :
    ICommandHandler<TagClients, Result<int>>,
    ICommandHandler<AssignAccountManager, Result<int>>,
    ICommandHandler<SetSalesStage, Result<int>>,
    ICommandHandler<BulkRestrictClients, Result>
{
    private const int Chunk = 500; // stays under SQLite's parameter limit

    public async ValueTask<Result<int>> Handle(TagClients command, CancellationToken ct)
    {
        var add = (command.Add ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToArray();
        var remove = (command.Remove ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct().ToArray();
        var ids = command.ClientIds.Distinct().ToArray();
        var changed = new Dictionary<long, (List<string> Added, List<string> Removed)>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var chunk in ids.Chunk(Chunk))
            {
                var found = await db.Clients.Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Number, Closed = c.Status == ClientStatus.Closed }).ToListAsync(ct);
                if (found.Count != chunk.Length) return Error.NotFound($"{chunk.Length - found.Count} of the selected clients");
                var existing = await db.ClientTags.Where(t => chunk.Contains(t.ClientId)).ToListAsync(ct);
                var have = existing.Select(t => (t.ClientId, t.Tag)).ToHashSet();
                foreach (var client in found)
                {
                    foreach (var tag in add.Where(t => !have.Contains((client.Id, t))))
                    {
                        db.ClientTags.Add(new ClientTag { ClientId = client.Id, Tag = tag });
                        Note(changed, client.Id).Added.Add(tag);
                    }
                    foreach (var tag in existing.Where(t => t.ClientId == client.Id && remove.Contains(t.Tag)))
                    {
                        db.ClientTags.Remove(tag);
                        Note(changed, client.Id).Removed.Add(tag.Tag);
                    }
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
        if (changed.Count == 0) return 0;
        effects.About(nameof(Client), ids.Length == 1 ? ids[0].ToString() : $"{ids.Length} clients");
        foreach (var (clientId, c) in changed)
            effects.Publish("client.tags_changed", new { clientId, added = c.Added, removed = c.Removed });
        return changed.Count;
    }

    private static (List<string> Added, List<string> Removed) Note(Dictionary<long, (List<string>, List<string>)> changed, long id)
    {
        if (!changed.TryGetValue(id, out var entry))
            changed[id] = entry = ([], []);
        return entry;
    }

    public async ValueTask<Result<int>> Handle(AssignAccountManager command, CancellationToken ct)
    {
        if (command.ManagerId is { } manager && !await db.Users.AnyAsync(u => u.Id == manager && !u.Disabled, ct))
            return Error.Validation(new Dictionary<string, string[]> { ["ManagerId"] = ["Choose an active staff member as account manager."] });
        return await Update(command.ClientIds, c => c.ManagerId == command.ManagerId, c => c.ManagerId = command.ManagerId, ct);
    }

    public async ValueTask<Result<int>> Handle(SetSalesStage command, CancellationToken ct)
    {
        if (!await db.SalesStages.AnyAsync(s => s.Name == command.Stage && s.Active, ct))
            return Error.Validation(new Dictionary<string, string[]> { ["Stage"] = [$"'{command.Stage}' is not a sales stage in use."] });
        return await Update(command.ClientIds, c => c.SalesStage == command.Stage, c => c.SalesStage = command.Stage, ct);
    }

    private async Task<Result<int>> Update(long[] clientIds, Func<Client, bool> already, Action<Client> change, CancellationToken ct)
    {
        var ids = clientIds.Distinct().ToArray();
        var count = 0;
        foreach (var chunk in ids.Chunk(Chunk))
        {
            var clients = await db.Clients.Where(c => chunk.Contains(c.Id)).ToListAsync(ct);
            if (clients.Count != chunk.Length) return Error.NotFound($"{chunk.Length - clients.Count} of the selected clients");
            foreach (var c in clients.Where(c => !already(c)))
            {
                change(c);
                count++;
            }
        }
        effects.About(nameof(Client), ids.Length == 1 ? ids[0].ToString() : $"{ids.Length} clients");
        return count;
    }

    public async ValueTask<Result> Handle(BulkRestrictClients command, CancellationToken ct)
    {
        foreach (var id in command.ClientIds.Distinct())
        {
            var one = await mediator.Send(new RestrictClient(id, command.Category, command.Reason), ct);
            if (!one.Succeeded)
                return Error.Rule(one.Error!.Code, $"Client {id}: {one.Error.Message} Nothing was restricted.");
        }
        return Result.Ok();
    }
}
