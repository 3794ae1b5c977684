using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Review;
using BackOffice.Core.Operations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Kyc.Documents;

/// <summary>
/// The daily expiry check: reminders 60 and 30 days ahead (to the client and the CRM, through the
/// outbox), and on expiry the client is restricted (expired documents) with an alert.
/// </summary>
[SystemCommand]
public sealed record RunDocumentExpiryCheck : IBackOfficeCommand<Result<ExpiryRun>>;

public sealed record ExpiryRun(int Reminders, int Expired, int Restricted);

public sealed class RunDocumentExpiryCheckHandler(BackOfficeDb db, Effects effects, TimeProvider clock, IOptions<KycOptions> options)
    : ICommandHandler<RunDocumentExpiryCheck, Result<ExpiryRun>>
{
    public async ValueTask<Result<ExpiryRun>> Handle(RunDocumentExpiryCheck command, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var steps = options.Value.ExpiryReminderDays.Where(d => d > 0).OrderDescending().ToArray();
        var horizon = today.AddDays(steps.DefaultIfEmpty(0).Max());
        // Accepted documents in force (a renewal still waiting for review does not stop the clock).
        var due = await db.KycDocuments.Where(d => d.Status == DocumentStatus.Accepted && d.ExpiresOn != null && d.ExpiresOn <= horizon && d.ExpiryHandledAt == null)
            .OrderBy(d => d.ExpiresOn).ToListAsync(ct);
        int reminders = 0, expired = 0, restricted = 0;
        foreach (var doc in due)
        {
            var client = await db.Clients.FirstAsync(c => c.Id == doc.ClientId, ct);
            if (client.Status == ClientStatus.Closed) continue;
            var typeName = DocumentType.NameOf(doc.Type);
            if (doc.ExpiresOn <= today)
            {
                expired++;
                doc.ExpiryHandledAt = now;
                effects.Publish("kyc.document_expired", new { clientId = client.Id, clientNumber = client.Number, documentId = doc.Id, type = doc.Type,
                    expiresOn = doc.ExpiresOn, message = $"Your {typeName.ToLowerInvariant()} expired on {doc.ExpiresOn:yyyy-MM-dd}. Please upload a valid one." });
                if (client.Status == ClientStatus.Approved)
                {
                    if (await ClientMoves.RestrictAsync(db, effects, client, RestrictionCategory.ExpiredDocuments, $"{typeName} expired on {doc.ExpiresOn:yyyy-MM-dd}", now, ct)
                        is { } error)
                        return error;
                    restricted++;
                }
                AlertKinds.Raise(db, effects, now, AlertKinds.DocumentExpired, AlertSeverity.Warning,
                    $"{client.DisplayName} (No. {client.Number}): {typeName.ToLowerInvariant()} expired on {doc.ExpiresOn:yyyy-MM-dd}"
                    + (client.Status == ClientStatus.Restricted ? "; the client is restricted until a valid one is accepted." : "."),
                    nameof(Client), client.Id.ToString());
                continue;
            }
            var daysLeft = doc.ExpiresOn!.Value.DayNumber - today.DayNumber;
            var step = steps.Where(s => daysLeft <= s).DefaultIfEmpty(0).Min();
            if (step == 0 || (doc.ReminderSentDays is { } sent && sent <= step)) continue;
            doc.ReminderSentDays = step;
            reminders++;
            effects.Publish("kyc.document_expiring", new { clientId = client.Id, clientNumber = client.Number, documentId = doc.Id, type = doc.Type,
                expiresOn = doc.ExpiresOn, daysLeft, message = $"Your {typeName.ToLowerInvariant()} expires on {doc.ExpiresOn:yyyy-MM-dd}. Please upload a new one before then." });
        }
        effects.About("DocumentExpiry", today.ToString("yyyy-MM-dd"));
        effects.Touch(KycCounters.ExpiringSoon);
        return new ExpiryRun(reminders, expired, restricted);
    }
}

/// <summary>When a replacement is accepted, the expired-documents restriction is lifted once nothing required is out of date; any other restriction stays.</summary>
public static class ExpiryRestriction
{
    public static async Task<Error?> LiftIfResolvedAsync(BackOfficeDb db, Effects effects, Client client, DateTime now, CancellationToken ct)
    {
        if (client is not { Status: ClientStatus.Restricted, RestrictionCategory: RestrictionCategory.ExpiredDocuments }) return null;
        await db.SaveChangesAsync(ct);
        var checks = await KycApproval.ChecksAsync(db, client, DateOnly.FromDateTime(now), ct);
        if (checks.Any(c => !c.Passed)) return null;
        return await ClientMoves.ApplyAsync(db, effects, client, ClientStatus.Approved, "Valid replacement document accepted", now, ct);
    }
}
