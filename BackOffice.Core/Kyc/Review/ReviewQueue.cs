using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Kyc.Documents;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Kyc.Review;

/// <summary>Whose cases the queue shows.</summary>
public enum QueueAssignee
{
    Anyone,
    Mine,
    Unassigned,
    Someone,
}

public sealed record ReviewQueueFilter
{
    public ClientKind? Kind { get; init; }
    public string? Country { get; init; }
    public QueueAssignee Assignee { get; init; }

    /// <summary>With <see cref="QueueAssignee.Someone"/>: whose.</summary>
    public string? AssigneeId { get; init; }
}

public sealed record ReviewQueueRow(
    long ClientId, long Number, string Name, ClientKind Kind, string Country, ClientStatus Status, DateTime QueuedSince,
    int DocumentsWaiting, string? AssigneeName, DateTime SlaDue, bool Late);

/// <summary>The compliance review queue, oldest first, each case's age measured against the SLA.</summary>
[RequiresPermission(KycPermissions.View)]
public sealed record ReviewQueue(ReviewQueueFilter Filter, int Skip = 0, int Take = 50) : IBackOfficeQuery<ReviewQueueResult>
{
    public const int CountLimit = 10_000;
}

public sealed record ReviewQueueResult(IReadOnlyList<ReviewQueueRow> Items, int Total, int Late, int SlaHours);

public sealed class ReviewQueueHandler(BackOfficeDb db, CommandContext context, TimeProvider clock, IOptions<KycOptions> options)
    : IQueryHandler<ReviewQueue, ReviewQueueResult>
{
    public async ValueTask<ReviewQueueResult> Handle(ReviewQueue query, CancellationToken ct)
    {
        var f = query.Filter;
        var cases = db.KycCases.AsNoTracking().Where(k => k.QueuedSince != null);
        cases = f.Assignee switch
        {
            QueueAssignee.Mine => cases.Where(k => k.AssigneeId == context.Actor.StaffId),
            QueueAssignee.Unassigned => cases.Where(k => k.AssigneeId == null),
            QueueAssignee.Someone when f.AssigneeId is { } id => cases.Where(k => k.AssigneeId == id),
            _ => cases,
        };
        var joined = from k in cases
                     join c in db.Clients.AsNoTracking() on k.ClientId equals c.Id
                     select new { k, c };
        if (f.Kind is { } kind) joined = joined.Where(x => x.c.Kind == kind);
        if (f.Country is { Length: > 0 } country) joined = joined.Where(x => x.c.Country == country);

        var sla = TimeSpan.FromHours(options.Value.ReviewSlaHours);
        var lateBefore = clock.GetUtcNow().UtcDateTime - sla;
        var total = await joined.Select(x => x.k.ClientId).Take(ReviewQueue.CountLimit + 1).CountAsync(ct);
        var late = await joined.Where(x => x.k.QueuedSince < lateBefore).Select(x => x.k.ClientId).Take(ReviewQueue.CountLimit + 1).CountAsync(ct);
        var page = await joined.OrderBy(x => x.k.QueuedSince).ThenBy(x => x.k.ClientId)
            .Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 200))
            .Select(x => new
            {
                x.c.Id, x.c.Number, x.c.DisplayName, x.c.Kind, x.c.Country, x.c.Status, QueuedSince = x.k.QueuedSince!.Value, x.k.AssigneeName,
                Waiting = db.KycDocuments.Count(d => d.ClientId == x.c.Id && d.Status == DocumentStatus.Submitted),
            })
            .ToListAsync(ct);
        var rows = page.Select(r => new ReviewQueueRow(r.Id, r.Number, r.DisplayName, r.Kind, r.Country, r.Status, r.QueuedSince, r.Waiting,
            r.AssigneeName, r.QueuedSince + sla, r.QueuedSince < lateBefore)).ToList();
        return new ReviewQueueResult(rows, total, late, options.Value.ReviewSlaHours);
    }
}
