using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Accounts.TradingAccounts;
using BackOffice.Core.Operations;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Accounts;

public static class AccountsCounters
{
    public const string PendingReview = "clients.pendingReview";
    public const string PendingDocuments = "clients.pendingDocuments";
    public const string Restricted = "clients.restricted";
    public const string SyncFailures = "platform.syncFailures";

    /// <summary>The counters a status change can move.</summary>
    public static readonly string[] Statuses = [PendingReview, PendingDocuments, Restricted];

    public static IEnumerable<CounterDefinition> All()
    {
        yield return new(PendingReview, "Pending review", AccountsPermissions.View, "/clients?status=PendingReview",
            (db, _, ct) => db.Clients.CountAsync(c => c.Status == ClientStatus.PendingReview, ct));
        yield return new(PendingDocuments, "Pending documents", AccountsPermissions.View, "/clients?status=PendingDocuments",
            (db, _, ct) => db.Clients.CountAsync(c => c.Status == ClientStatus.PendingDocuments, ct));
        yield return new(Restricted, "Restricted", AccountsPermissions.View, "/clients?status=Restricted",
            (db, _, ct) => db.Clients.CountAsync(c => c.Status == ClientStatus.Restricted, ct));
        yield return new(SyncFailures, "Platform sync failures", AccountsPermissions.PlatformSync, "/platform/sync",
            (db, _, ct) => db.TradingAccounts.CountAsync(a => a.Sync == SyncState.Failed, ct));
    }
}
