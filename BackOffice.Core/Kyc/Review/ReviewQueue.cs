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
    public Risk.RiskLevel? Risk { get; init; }

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
        // The client's kind and country are kept on the case (KycQueue.Follow): each filter reads its own slice of the queue's indexes.
        if (f.Kind is { } kind) cases = cases.Where(k => k.ClientKind == kind);
        if (f.Country is { Length: > 0 } country) cases = cases.Where(k => k.ClientCountry == country);
        if (f.Risk is { } risk) cases = cases.Where(k => k.RiskLevel == risk);
        var queue = cases;

        var sla = TimeSpan.FromHours(options.Value.ReviewSlaHours);
        var lateBefore = clock.GetUtcNow().UtcDateTime - sla;
        const int capped = ReviewQueue.CountLimit + 1;
        // One pass counts both while the total stays under the cap; past it, those counted are any 10,001, so the late ones are counted apart.
        var counts = await queue.Select(k => k.QueuedSince).Take(capped)
            .GroupBy(_ => 1)
            .Select(g => new { Total = g.Count(), Late = g.Count(q => q < lateBefore) })
            .SingleOrDefaultAsync(ct);
        var total = counts?.Total ?? 0;
        var late = total < capped
            ? counts?.Late ?? 0
            : await queue.Where(k => k.QueuedSince < lateBefore).Select(k => k.ClientId).Take(capped).CountAsync(ct);

        // The page is cut from the queue's indexes first; only its own cases are then read, with their clients and documents.
        var pageOfCases = queue.OrderBy(k => k.QueuedSince).ThenBy(k => k.ClientId)
            .Skip(query.Skip).Take(Math.Clamp(query.Take, 1, 200))
            .Select(k => new { k.ClientId, k.QueuedSince });
        var page = await (from p in pageOfCases
                          join k in db.KycCases.AsNoTracking() on p.ClientId equals k.ClientId
                          join c in db.Clients.AsNoTracking() on p.ClientId equals c.Id
                          orderby p.QueuedSince, p.ClientId
                          select new
                          {
                              c.Id, c.Number, c.DisplayName, c.Kind, c.Country, c.Status, QueuedSince = p.QueuedSince!.Value, k.AssigneeName,
                              Waiting = db.KycDocuments.Count(d => d.ClientId == c.Id && d.Status == DocumentStatus.Submitted),
                          })
            .ToListAsync(ct);
        var rows = page.Select(r => new ReviewQueueRow(r.Id, r.Number, r.DisplayName, r.Kind, r.Country, r.Status, r.QueuedSince, r.Waiting,
            r.AssigneeName, r.QueuedSince + sla, r.QueuedSince < lateBefore)).ToList();
        return new ReviewQueueResult(rows, total, late, options.Value.ReviewSlaHours);
    }
}
