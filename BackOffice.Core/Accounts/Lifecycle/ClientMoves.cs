using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Sync;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;

namespace BackOffice.Core.Accounts.Lifecycle;

/// <summary>
/// What every status change does once it is allowed: moves the client, queues the platform rights,
/// keeps the review queue current, moves the counters and tells subscribers. Used by the lifecycle
/// commands and by the KYC decisions that move a client (a rejected document, a full resubmission).
/// </summary>
public static class ClientMoves
{
    /// <summary>Each client's first approval from the status history (the migration that added it, a bulk load).</summary>
    public const string ApprovedAtFromHistorySql = """
        UPDATE "Clients" SET "ApprovedAt" = (
            SELECT MIN(h."At") FROM "ClientStatusChanges" h WHERE h."ClientId" = "Clients"."Id" AND h."To" = 'Approved');
        """;

    public static async Task<Error?> ApplyAsync(BackOfficeDb db, Effects effects, Client client, ClientStatus target, string reason, DateTime now,
        CancellationToken ct)
    {
        var from = client.Status;
        if (client.MoveTo(target, reason, now) is { } refused) return refused;
        db.ClientStatusChanges.Add(new ClientStatusChange { ClientId = client.Id, From = from, To = target, At = now });
        if (target == ClientStatus.Restricted && client.RestrictionCategory is null)
            return Error.Rule("client.restriction_category", "A restriction needs a category.");
        await AccountSync.ApplyClientStatusAsync(db, client, $"client {from.Describe()} → {target.Describe()}", now, ct);
        await Kyc.Review.KycQueue.RefreshAsync(db, client, now, ct);
        effects.About(nameof(Client), client.Id.ToString());
        effects.Touch(AccountsCounters.Statuses);
        effects.Touch(AccountsCounters.SyncFailures);
        effects.Touch(Kyc.KycCounters.Queue);
        effects.Publish("client.status_changed", new
        {
            clientId = client.Id,
            clientNumber = client.Number,
            from = from.ToString(),
            to = client.Status.ToString(),
            restrictionCategory = client.RestrictionCategory?.ToString(),
            reason,
        });
        return null;
    }

    /// <summary>Restricts an approved client with the category's usual allowances (the system's own restrictions: expiry, due diligence, AML).</summary>
    public static Task<Error?> RestrictAsync(BackOfficeDb db, Effects effects, Client client, RestrictionCategory category, string reason, DateTime now,
        CancellationToken ct)
    {
        client.RestrictionCategory = category;
        client.RestrictionAllows = string.Join(",", ClientLifecycle.DefaultAllowances(category).Order());
        return ApplyAsync(db, effects, client, ClientStatus.Restricted, reason, now, ct);
    }

    /// <summary>
    /// Restricts an approved client, or replaces a restricted client's lighter restriction with this one (a confirmed
    /// sanctions match outranks expired documents or pending due diligence). The platform rights follow.
    /// </summary>
    public static async Task<Error?> RestrictOrTightenAsync(BackOfficeDb db, Effects effects, Client client, RestrictionCategory category, string reason,
        DateTime now, CancellationToken ct)
    {
        if (client.Status == ClientStatus.Approved) return await RestrictAsync(db, effects, client, category, reason, now, ct);
        if (client.Status != ClientStatus.Restricted || client.RestrictionCategory == category) return null;
        var previous = client.RestrictionCategory;
        client.RestrictionCategory = category;
        client.RestrictionAllows = string.Join(",", ClientLifecycle.DefaultAllowances(category).Order());
        client.StatusReason = reason;
        client.StatusChangedAt = now;
        await AccountSync.ApplyClientStatusAsync(db, client, $"restriction {previous?.Describe()} → {category.Describe()}", now, ct);
        effects.About(nameof(Client), client.Id.ToString());
        effects.Touch(AccountsCounters.Statuses);
        effects.Publish("client.restriction_changed", new
        {
            clientId = client.Id, clientNumber = client.Number, from = previous?.ToString(), to = category.ToString(), reason,
        });
        return null;
    }
}
