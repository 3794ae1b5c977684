using BackOffice.Core.Accounts.AccountTypes;
using BackOffice.Core.Accounts.Api;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.Sync;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts;

/// <summary>The lists the accounts pages choose from: account types, stages, staff, countries.</summary>
public sealed record AccountsLookups(
    IReadOnlyList<AccountType> AccountTypes,
    IReadOnlyList<string> SalesStages,
    IReadOnlyList<StaffOption> Staff,
    IReadOnlyList<string> Tags);

public sealed record StaffOption(string Id, string Name);

[RequiresPermission(AccountsPermissions.View)]
public sealed record GetAccountsLookups : IBackOfficeQuery<AccountsLookups>;

public sealed class GetAccountsLookupsHandler(BackOfficeDb db) : IQueryHandler<GetAccountsLookups, AccountsLookups>
{
    public async ValueTask<AccountsLookups> Handle(GetAccountsLookups query, CancellationToken ct) => new(
        await db.AccountTypes.AsNoTracking().OrderBy(t => t.IsDemo).ThenBy(t => t.Id).ToListAsync(ct),
        await db.SalesStages.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Order).Select(s => s.Name).ToListAsync(ct),
        await db.Users.AsNoTracking().Where(u => !u.Disabled).OrderBy(u => u.DisplayName).Select(u => new StaffOption(u.Id, u.DisplayName)).ToListAsync(ct),
        await db.ClientTags.AsNoTracking().Select(t => t.Tag).Distinct().OrderBy(t => t).Take(200).ToListAsync(ct));
}

[RequiresPermission(AccountsPermissions.View)]
public sealed record CapabilityMatrix : IBackOfficeQuery<IReadOnlyDictionary<(ClientStatus, Capability), bool>>;

public sealed class CapabilityMatrixHandler(BackOfficeDb db) : IQueryHandler<CapabilityMatrix, IReadOnlyDictionary<(ClientStatus, Capability), bool>>
{
    public async ValueTask<IReadOnlyDictionary<(ClientStatus, Capability), bool>> Handle(CapabilityMatrix query, CancellationToken ct) =>
        await ClientCapabilities.MatrixAsync(db, ct);
}

public sealed record PlatformSyncRow(long Id, long TradingAccountId, long Login, long ClientId, string ClientName, PlatformSyncKind Kind, string Cause,
    PlatformSyncStatus Status, int Attempts, DateTime CreatedAt, DateTime NextAttemptAt, string? LastError);

/// <summary>Platform changes that are waiting or were refused, newest first.</summary>
[RequiresPermission(AccountsPermissions.PlatformSync)]
public sealed record PlatformSyncQueue(bool IncludeApplied = false) : IBackOfficeQuery<IReadOnlyList<PlatformSyncRow>>;

public sealed class PlatformSyncQueueHandler(BackOfficeDb db) : IQueryHandler<PlatformSyncQueue, IReadOnlyList<PlatformSyncRow>>
{
    public async ValueTask<IReadOnlyList<PlatformSyncRow>> Handle(PlatformSyncQueue query, CancellationToken ct) =>
        await (from s in db.PlatformSyncs.AsNoTracking()
               join a in db.TradingAccounts.AsNoTracking() on s.TradingAccountId equals a.Id
               join c in db.Clients.AsNoTracking() on a.ClientId equals c.Id
               where query.IncludeApplied || s.Status != PlatformSyncStatus.Applied
               orderby s.Id descending
               select new PlatformSyncRow(s.Id, a.Id, a.Login, c.Id, c.DisplayName, s.Kind, s.Cause, s.Status, s.Attempts, s.CreatedAt, s.NextAttemptAt, s.LastError))
            .Take(500).ToListAsync(ct);
}

public sealed record ApiKeyRow(Guid Id, string Name, string Prefix, string Scopes, DateTime CreatedAt, DateTime? RevokedAt);

[RequiresPermission(AccountsPermissions.ApiKeys)]
public sealed record ApiKeyList : IBackOfficeQuery<IReadOnlyList<ApiKeyRow>>;

public sealed class ApiKeyListHandler(BackOfficeDb db) : IQueryHandler<ApiKeyList, IReadOnlyList<ApiKeyRow>>
{
    public async ValueTask<IReadOnlyList<ApiKeyRow>> Handle(ApiKeyList query, CancellationToken ct) =>
        await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedAt, k.RevokedAt)).ToListAsync(ct);
}
