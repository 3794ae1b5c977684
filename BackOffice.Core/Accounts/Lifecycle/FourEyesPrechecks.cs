using BackOffice.Core.Accounts.Crm;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Lifecycle;

/// <summary>Refuses a four-eyes request the lifecycle or the account type would refuse anyway, before a checker is asked.</summary>
public sealed class AccountsFourEyesPrechecks(BackOfficeDb db) :
    ICommandPrecheck<LiftClientRestriction>,
    ICommandPrecheck<TerminateClient>,
    ICommandPrecheck<BulkRestrictClients>,
    ICommandPrecheck<ChangeLeverage>
{
    public ValueTask<Error?> CheckAsync(LiftClientRestriction command, CancellationToken ct) => Transition(command, ct);

    public ValueTask<Error?> CheckAsync(TerminateClient command, CancellationToken ct) => Transition(command, ct);

    public async ValueTask<Error?> CheckAsync(BulkRestrictClients command, CancellationToken ct)
    {
        var ids = command.ClientIds.Distinct().ToArray();
        var statuses = new List<(long Id, long Number, ClientStatus Status)>();
        foreach (var chunk in ids.Chunk(500))
            statuses.AddRange((await db.Clients.Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Number, c.Status }).ToListAsync(ct))
                .Select(c => (c.Id, c.Number, c.Status)));
        if (statuses.Count != ids.Length) return Error.NotFound($"{ids.Length - statuses.Count} of the selected clients");
        var refused = statuses.Where(s => !ClientLifecycle.CanMove(s.Status, ClientStatus.Restricted)).ToList();
        return refused.Count == 0 ? null : Error.Rule("client.illegal_transition",
            $"Only approved clients can be restricted; {refused.Count} selected client(s) are not: " +
            string.Join(", ", refused.Take(10).Select(r => $"{r.Number} ({r.Status.Describe()})")) + (refused.Count > 10 ? " …" : "") + ".");
    }

    public async ValueTask<Error?> CheckAsync(ChangeLeverage command, CancellationToken ct)
    {
        var account = await db.TradingAccounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == command.TradingAccountId, ct);
        if (account is null) return Error.NotFound("The trading account");
        if (await db.Clients.AnyAsync(c => c.Id == account.ClientId && c.Status == ClientStatus.Closed, ct))
            return Error.Rule("client.closed", "The client is closed; the account cannot change.");
        var type = await db.AccountTypes.AsNoTracking().FirstAsync(t => t.Id == account.AccountTypeId, ct);
        if (type.RefuseLeverage(command.Leverage) is { } refused)
            return Error.Validation(new Dictionary<string, string[]> { ["Leverage"] = [refused] });
        return account.Leverage == command.Leverage ? Error.Conflict($"Account {account.Login} already has leverage 1:{command.Leverage}.") : null;
    }

    private async ValueTask<Error?> Transition(IClientTransition command, CancellationToken ct)
    {
        var status = await db.Clients.Where(c => c.Id == command.ClientId).Select(c => (ClientStatus?)c.Status).FirstOrDefaultAsync(ct);
        return status is null ? Error.NotFound("The client") : ClientLifecycle.Check(status.Value, command.Target, command.From);
    }
}
