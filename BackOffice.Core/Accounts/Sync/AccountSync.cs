using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts.Sync;

/// <summary>Queues platform changes in the command's transaction.</summary>
public static class AccountSync
{
    public static void Queue(BackOfficeDb db, TradingAccount account, PlatformSyncKind kind, string cause, DateTime now)
    {
        account.Sync = SyncState.Pending;
        account.SyncError = null;
        db.PlatformSyncs.Add(new PlatformSync
        {
            TradingAccountId = account.Id,
            Login = account.Login,
            Kind = kind,
            Cause = cause.Length > 200 ? cause[..200] : cause,
            Status = PlatformSyncStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>After the capability matrix changed: every client of that status has their accounts' rights recomputed.</summary>
    public static async Task ApplyStatusToAllAsync(BackOfficeDb db, ClientStatus status, string cause, DateTime now, CancellationToken ct)
    {
        var matrix = await ClientCapabilities.MatrixAsync(db, ct);
        var clientIds = await db.TradingAccounts.Join(db.Clients.Where(c => c.Status == status), a => a.ClientId, c => c.Id, (a, c) => c.Id)
            .Distinct().ToListAsync(ct);
        foreach (var chunk in clientIds.Chunk(500))
        {
            var clients = await db.Clients.Where(c => chunk.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            foreach (var account in await db.TradingAccounts.Where(a => chunk.Contains(a.ClientId)).ToListAsync(ct))
            {
                var client = clients[account.ClientId];
                var rights = ClientCapabilities.RightsFor(client, ClientCapabilities.Evaluate(client, matrix), account.IsDemo);
                if (rights == account.Rights) continue;
                account.Enabled = rights.Enabled;
                account.Trading = rights.Trading;
                Queue(db, account, account.OnPlatform ? PlatformSyncKind.Apply : PlatformSyncKind.Open, cause, now);
            }
        }
    }

    /// <summary>After a status change: every account whose rights change is queued for the platform.</summary>
    public static async Task ApplyClientStatusAsync(BackOfficeDb db, Client client, string cause, DateTime now, CancellationToken ct)
    {
        var capabilities = ClientCapabilities.Evaluate(client, await ClientCapabilities.MatrixAsync(db, ct));
        var accounts = await db.TradingAccounts.Where(a => a.ClientId == client.Id).ToListAsync(ct);
        foreach (var account in accounts)
        {
            var rights = ClientCapabilities.RightsFor(client, capabilities, account.IsDemo);
            if (rights == account.Rights) continue;
            account.Enabled = rights.Enabled;
            account.Trading = rights.Trading;
            // Always queued, even while an open is waiting: that open may already be on its way with the old rights.
            Queue(db, account, account.OnPlatform ? PlatformSyncKind.Apply : PlatformSyncKind.Open, cause, now);
        }
    }
}
