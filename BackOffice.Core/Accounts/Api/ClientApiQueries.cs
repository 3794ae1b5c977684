using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Api;

public sealed record ApiCaller(Guid KeyId, string Name, string Prefix, IReadOnlyList<string> Scopes);

/// <summary>The key's caller when the key exists and is not revoked; null otherwise.</summary>
[RequiresPermission(AccountsPermissions.ApiKeys)]
public sealed record ResolveApiKey(string Key) : IBackOfficeQuery<ApiCaller?>;

public sealed class ResolveApiKeyHandler(BackOfficeDb db) : IQueryHandler<ResolveApiKey, ApiCaller?>
{
    public async ValueTask<ApiCaller?> Handle(ResolveApiKey query, CancellationToken ct)
    {
        var hash = ApiKey.HashOf(query.Key);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
        return key is null ? null : new ApiCaller(key.Id, key.Name, key.Prefix, key.ScopeList);
    }
}

public sealed record ApiCapability(string Capability, bool Allowed, string Why);

public sealed record ApiTradingAccount(long Login, string AccountType, string Currency, int Leverage, bool Demo, string Rights, string PlatformSync);

public sealed record ApiClient(
    long Id, long Number, string Kind, string Name, string Email, string Country, string Status,
    DateTime RegisteredAt, IReadOnlyList<ApiCapability> Capabilities, IReadOnlyList<ApiTradingAccount> Accounts);

/// <summary>What the portal and the CRM may read about a client: status, what they can do and why, their accounts.</summary>
[RequiresPermission(AccountsPermissions.View)]
public sealed record GetClientForApi(long ClientId) : IBackOfficeQuery<ApiClient?>;

public sealed class GetClientForApiHandler(BackOfficeDb db) : IQueryHandler<GetClientForApi, ApiClient?>
{
    public async ValueTask<ApiClient?> Handle(GetClientForApi query, CancellationToken ct)
    {
        var c = await db.Clients.AsNoTracking().FirstOrDefaultAsync(x => x.Id == query.ClientId, ct);
        if (c is null) return null;
        var capabilities = ClientCapabilities.Evaluate(c, await ClientCapabilities.MatrixAsync(db, ct), forClient: true);
        var accounts = await (from a in db.TradingAccounts.AsNoTracking()
                              join t in db.AccountTypes.AsNoTracking() on a.AccountTypeId equals t.Id
                              where a.ClientId == c.Id
                              orderby a.OpenedAt
                              select new { a, t.Name }).ToListAsync(ct);
        return new ApiClient(c.Id, c.Number, c.Kind.ToString(), c.DisplayName, c.Email, c.Country, c.Status.ToString(),
            c.RegisteredAt,
            capabilities.Select(x => new ApiCapability(x.Capability.ToString(), x.Allowed, x.Why)).ToList(),
            accounts.Select(x => new ApiTradingAccount(x.a.Login, x.Name, x.a.Currency, x.a.Leverage, x.a.IsDemo, x.a.Rights.ToString(),
                x.a.Sync switch { SyncState.InSync => "in_sync", SyncState.Pending => "pending", _ => "failed" })).ToList());
    }
}
