using BackOffice.Core.Accounts.Crm;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Platform;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Clients;

public sealed record TradingAccountRow(
    long Id, long Login, string AccountType, string Currency, int Leverage, IReadOnlyList<int> AllowedLeverages, string Group, bool IsDemo,
    PlatformRights Rights, SyncState Sync, string? SyncError, DateTime OpenedAt);

public sealed record TimelineItem(DateTime At, string Kind, string Who, string What, string? Detail);

public sealed record TaskRow(long Id, long ClientId, string ClientName, string Title, DateTime DueAt, string AssigneeName, DateTime? CompletedAt);

public sealed record Client360(
    Client Profile,
    string? ManagerName,
    IReadOnlyList<string> Tags,
    IReadOnlyList<CapabilityAnswer> Capabilities,
    IReadOnlyList<ClientStatus> NextStatuses,
    IReadOnlyList<TradingAccountRow> Accounts,
    IReadOnlyList<TimelineItem> Timeline,
    IReadOnlyList<TaskRow> Tasks,
    IReadOnlyList<Communication> Notes);

/// <summary>Everything staff need to answer a client on the phone, in one read.</summary>
[RequiresPermission(AccountsPermissions.View)]
public sealed record GetClient360(long ClientId) : IBackOfficeQuery<Client360?>;

public sealed class GetClient360Handler(BackOfficeDb db) : IQueryHandler<GetClient360, Client360?>
{
    public async ValueTask<Client360?> Handle(GetClient360 query, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == query.ClientId, ct);
        if (client is null) return null;
        var manager = client.ManagerId is { } m ? await db.Users.Where(u => u.Id == m).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) : null;
        var tags = await db.ClientTags.Where(t => t.ClientId == client.Id).Select(t => t.Tag).OrderBy(t => t).ToListAsync(ct);
        var capabilities = ClientCapabilities.Evaluate(client, await ClientCapabilities.MatrixAsync(db, ct));
        var accounts = await (from a in db.TradingAccounts.AsNoTracking()
                              join t in db.AccountTypes.AsNoTracking() on a.AccountTypeId equals t.Id
                              where a.ClientId == client.Id
                              orderby a.OpenedAt
                              select new { a, t.Name, t.AllowedLeverages }).ToListAsync(ct);
        var accountIds = accounts.Select(x => x.a.Id.ToString()).ToList();
        var clientId = client.Id.ToString();
        var audit = await db.AuditEntries.AsNoTracking()
            .Where(e => (e.EntityType == nameof(Client) && e.EntityId == clientId) || (e.EntityType == nameof(TradingAccount) && accountIds.Contains(e.EntityId!)))
            .OrderByDescending(e => e.Sequence).Take(200)
            .Select(e => new { e.At, e.ActorName, e.ApproverName, e.Action, e.Reason }).ToListAsync(ct);
        var communications = await db.Communications.AsNoTracking().Where(c => c.ClientId == client.Id).OrderByDescending(c => c.At).Take(200).ToListAsync(ct);
        var timeline = audit.Select(e => new TimelineItem(e.At, "audit", e.ActorName + (e.ApproverName is { } a ? $" (approved by {a})" : ""), Words(e.Action), e.Reason))
            .Concat(communications.Select(c => new TimelineItem(c.At, c.Kind.ToString().ToLowerInvariant(), c.StaffName, c.Kind.ToString(), c.Summary)))
            .OrderByDescending(i => i.At).ToList();
        var tasks = (await TaskRows.Query(db, db.ClientTasks.AsNoTracking().Where(t => t.ClientId == client.Id)).ToListAsync(ct))
            .OrderBy(t => t.CompletedAt != null).ThenBy(t => t.DueAt).ToList();
        return new Client360(client, manager, tags, capabilities, ClientLifecycle.NextFrom(client.Status).ToList(),
            accounts.Select(x => new TradingAccountRow(x.a.Id, x.a.Login, x.Name, x.a.Currency, x.a.Leverage,
                x.AllowedLeverages.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList(), x.a.Group, x.a.IsDemo,
                x.a.Rights, x.a.Sync, x.a.SyncError, x.a.OpenedAt)).ToList(),
            timeline, tasks, communications.Where(c => c.Kind == CommunicationKind.Note).ToList());
    }

    /// <summary>"RestrictClient" → "Restrict client".</summary>
    public static string Words(string action)
    {
        var chars = new List<char>();
        foreach (var ch in action)
        {
            if (char.IsUpper(ch) && chars.Count > 0) { chars.Add(' '); chars.Add(char.ToLowerInvariant(ch)); }
            else chars.Add(ch);
        }
        return new string(chars.ToArray());
    }
}

public static class TaskRows
{
    public static IQueryable<TaskRow> Query(BackOfficeDb db, IQueryable<ClientTask> tasks) =>
        from t in tasks
        join c in db.Clients.AsNoTracking() on t.ClientId equals c.Id
        join u in db.Users.AsNoTracking() on t.AssigneeId equals u.Id
        select new TaskRow(t.Id, t.ClientId, c.DisplayName, t.Title, t.DueAt, u.DisplayName, t.CompletedAt);
}

/// <summary>The signed-in staff member's open follow-ups, overdue first.</summary>
[RequiresPermission(AccountsPermissions.View)]
public sealed record MyTasks(bool IncludeDone = false) : IBackOfficeQuery<IReadOnlyList<TaskRow>>;

public sealed class MyTasksHandler(BackOfficeDb db, CommandContext context) : IQueryHandler<MyTasks, IReadOnlyList<TaskRow>>
{
    public async ValueTask<IReadOnlyList<TaskRow>> Handle(MyTasks query, CancellationToken ct)
    {
        var me = context.Actor.StaffId ?? "";
        var mine = db.ClientTasks.AsNoTracking().Where(t => t.AssigneeId == me && (query.IncludeDone || t.CompletedAt == null))
            .OrderBy(t => t.CompletedAt != null).ThenBy(t => t.DueAt).Take(500);
        return (await TaskRows.Query(db, mine).ToListAsync(ct)).OrderBy(t => t.CompletedAt != null).ThenBy(t => t.DueAt).ToList();
    }
}

public sealed record LiveAccountState(long Login, AccountState? State, string? Unavailable);

/// <summary>Balance, equity, margin and open positions as the platform reports them now.</summary>
[RequiresPermission(AccountsPermissions.View)]
public sealed record GetLiveAccountStates(long ClientId) : IBackOfficeQuery<IReadOnlyList<LiveAccountState>>;

public sealed class GetLiveAccountStatesHandler(BackOfficeDb db, ITradingPlatform platform) : IQueryHandler<GetLiveAccountStates, IReadOnlyList<LiveAccountState>>
{
    public async ValueTask<IReadOnlyList<LiveAccountState>> Handle(GetLiveAccountStates query, CancellationToken ct)
    {
        var logins = await db.TradingAccounts.Where(a => a.ClientId == query.ClientId && a.OnPlatform).OrderBy(a => a.OpenedAt).Select(a => a.Login).ToListAsync(ct);
        var states = new List<LiveAccountState>();
        foreach (var login in logins)
        {
            try
            {
                states.Add(new(login, await platform.GetStateAsync(login, ct), null));
            }
            catch (PlatformException e)
            {
                states.Add(new(login, null, e.Message));
            }
        }
        return states;
    }
}
