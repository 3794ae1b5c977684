using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>
/// Which deals earlier runs computed, without a mark on each deal. A run computes the deals recorded before it started (up to
/// its <see cref="CommissionRun.DealsUpToId"/>) dated before its end and not computed by an earlier run; so a deal is computed
/// when some run computed or posted has it in its rectangle: recorded up to that run's last deal, dated before that run's end.
/// The rectangles of all runs make a staircase: for a deal id, the latest end of the runs that had it recorded
/// (<see cref="CoveredBefore"/>). A discarded or failed run is left out, so its deals are computed again by the next run; so is
/// a run that found nothing to compute when it started.
/// </summary>
public sealed class CommissionCoverage
{
    // Steps by deal id: ids up to Ids[i] (and above Ids[i + 1]) are computed when dated before Ends[i]. Ids descending.
    private readonly long[] _ids;
    private readonly DateTime[] _ends;

    internal CommissionCoverage(List<(long UpToId, DateTime To)> runs)
    {
        var steps = new List<(long Id, DateTime End)>();
        var end = DateTime.MinValue;
        foreach (var (id, to) in runs.OrderByDescending(r => r.UpToId))
        {
            if (to <= end) continue;
            end = to;
            if (steps.Count > 0 && steps[^1].Id == id) steps[^1] = (id, end);
            else steps.Add((id, end));
        }
        // Ascending ids for the search; each step's end is the latest end of the runs at or above it.
        steps.Reverse();
        _ids = [.. steps.Select(s => s.Id)];
        _ends = [.. steps.Select(s => s.End)];
    }

    /// <summary>The runs that count: computed, posted, or computed to no line (other than <paramref name="except"/>).</summary>
    public static async Task<CommissionCoverage> LoadAsync(BackOfficeDb db, long? except, CancellationToken ct)
    {
        var runs = await db.CommissionRuns.AsNoTracking()
            .Where(r => r.Id != except && r.DealsUpToId != null
                        && (r.Status == CommissionRunStatus.Computed || r.Status == CommissionRunStatus.Posted || r.Status == CommissionRunStatus.Empty))
            .Select(r => new { UpToId = r.DealsUpToId!.Value, r.To }).ToListAsync(ct);
        return new CommissionCoverage([.. runs.Select(r => (r.UpToId, r.To))]);
    }

    /// <summary>A deal with this id was computed by an earlier run when dated before the time returned (<see cref="DateTime.MinValue"/>: never).</summary>
    public DateTime CoveredBefore(long dealId)
    {
        var i = Array.BinarySearch(_ids, dealId);
        if (i < 0) i = ~i;
        return i < _ids.Length ? _ends[i] : DateTime.MinValue;
    }

    public bool Covers(long dealId, DateTime time) => time < CoveredBefore(dealId);

    /// <summary>
    /// The ranges of deal ids, each with the earliest deal time not yet computed, that a run up to <paramref name="upToId"/>
    /// and <paramref name="to"/> computes: a deal in (After, UpTo] dated in [From, <paramref name="to"/>).
    /// </summary>
    public IEnumerable<(long After, long UpTo, DateTime From)> Pending(long upToId, DateTime to)
    {
        var after = 0L;
        for (var i = 0; i < _ids.Length && after < upToId; i++)
        {
            var upTo = Math.Min(_ids[i], upToId);
            if (_ends[i] < to && upTo > after) yield return (after, upTo, _ends[i]);
            after = Math.Max(after, _ids[i]);
        }
        if (after < upToId) yield return (after, upToId, DateTime.MinValue);
    }
}
