using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Documents;

public sealed record ExpiringRow(long DocumentId, long ClientId, long Number, string Name, ClientStatus Status, string Type, DateOnly ExpiresOn, int DaysLeft,
    int? ReminderSentDays, bool ReplacementWaiting);

/// <summary>The operator's list: accepted documents that expired or expire within the window, soonest first.</summary>
[RequiresPermission(KycPermissions.View)]
public sealed record ExpiringDocuments(int WithinDays = 60, int Take = 500) : IBackOfficeQuery<IReadOnlyList<ExpiringRow>>;

public sealed class ExpiringDocumentsHandler(BackOfficeDb db, TimeProvider clock) : IQueryHandler<ExpiringDocuments, IReadOnlyList<ExpiringRow>>
{
    public async ValueTask<IReadOnlyList<ExpiringRow>> Handle(ExpiringDocuments query, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var until = today.AddDays(query.WithinDays);
        var rows = await (from d in db.KycDocuments.AsNoTracking()
                          join c in db.Clients.AsNoTracking() on d.ClientId equals c.Id
                          where d.Status == DocumentStatus.Accepted && d.ExpiresOn != null && d.ExpiresOn <= until && c.Status != ClientStatus.Closed
                          orderby d.ExpiresOn
                          select new { d.Id, c.Number, c.DisplayName, c.Status, d.ClientId, d.Type, ExpiresOn = d.ExpiresOn!.Value, d.ReminderSentDays, d.ReplacedById })
            .Take(Math.Clamp(query.Take, 1, 5000)).ToListAsync(ct);
        return rows.Select(r => new ExpiringRow(r.Id, r.ClientId, r.Number, r.DisplayName, r.Status, DocumentType.NameOf(r.Type), r.ExpiresOn,
            r.ExpiresOn.DayNumber - today.DayNumber, r.ReminderSentDays, r.ReplacedById is not null)).ToList();
    }
}
