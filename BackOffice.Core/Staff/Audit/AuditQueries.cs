using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Staff.Audit;

public sealed record AuditFilter(DateTime? FromUtc = null, DateTime? ToUtc = null, string? Staff = null, string? Action = null, string? Entity = null);

public sealed record AuditRow(long Sequence, DateTime At, string ActorName, string? ApproverName, string Action, string? EntityType,
    string? EntityId, string? Reason, string? Ip, string CorrelationId, string? Before, string? After, string Hash);

/// <summary>The audit trail, filtered; one query feeds the grid and its Excel export.</summary>
[RequiresPermission(StaffPermissions.ViewAudit)]
public sealed record AuditTrail(AuditFilter Filter, int Skip = 0, int Take = 50) : IBackOfficeQuery<Page<AuditRow>>;

public sealed class AuditTrailHandler(BackOfficeDb db) : IQueryHandler<AuditTrail, Page<AuditRow>>
{
    public async ValueTask<Page<AuditRow>> Handle(AuditTrail query, CancellationToken ct)
    {
        var rows = Apply(db.AuditEntries.AsNoTracking(), query.Filter);
        var total = await rows.CountAsync(ct);
        var items = await rows.OrderByDescending(a => a.Sequence).Skip(query.Skip).Take(query.Take)
            .Select(a => new AuditRow(a.Sequence, a.At, a.ActorName, a.ApproverName, a.Action, a.EntityType, a.EntityId, a.Reason,
                a.Ip, a.CorrelationId, a.Before, a.After, a.Hash))
            .ToListAsync(ct);
        return new Page<AuditRow>(items, total);
    }

    internal static IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> rows, AuditFilter f)
    {
        if (f.FromUtc is { } from) rows = rows.Where(a => a.At >= from);
        if (f.ToUtc is { } to) rows = rows.Where(a => a.At < to);
        if (!string.IsNullOrWhiteSpace(f.Staff)) rows = rows.Where(a => a.ActorName.Contains(f.Staff) || (a.ApproverName != null && a.ApproverName.Contains(f.Staff)));
        if (!string.IsNullOrWhiteSpace(f.Action)) rows = rows.Where(a => a.Action.Contains(f.Action));
        if (!string.IsNullOrWhiteSpace(f.Entity)) rows = rows.Where(a => (a.EntityType != null && a.EntityType.Contains(f.Entity)) || a.EntityId == f.Entity);
        return rows;
    }
}

public sealed record ChainReport(bool Intact, long Checked, long? FirstBrokenSequence, string Message);

/// <summary>Recomputes every hash in order; the first entry whose content or link does not match is reported.</summary>
[RequiresPermission(StaffPermissions.VerifyAudit)]
public sealed record VerifyAuditChain : IBackOfficeQuery<ChainReport>;

public sealed class VerifyAuditChainHandler(BackOfficeDb db) : IQueryHandler<VerifyAuditChain, ChainReport>
{
    public async ValueTask<ChainReport> Handle(VerifyAuditChain query, CancellationToken ct)
    {
        var previous = "";
        long expected = 1, count = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            count++;
            if (entry.Sequence != expected)
                return new ChainReport(false, count, expected, $"Entry {expected} is missing: the chain jumps to {entry.Sequence}.");
            if (entry.PreviousHash != previous)
                return new ChainReport(false, count, entry.Sequence, $"Entry {entry.Sequence} does not link to the entry before it.");
            if (entry.HashAfter(previous) != entry.Hash)
                return new ChainReport(false, count, entry.Sequence, $"Entry {entry.Sequence} was altered after it was written.");
            previous = entry.Hash;
            expected++;
        }
        return new ChainReport(true, count, null, $"All {count} entries are intact.");
    }
}
