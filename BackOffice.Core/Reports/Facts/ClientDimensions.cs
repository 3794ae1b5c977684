using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Facts;

/// <summary>What places a client in the segments of the client filters: its country, its manager and the types of its live accounts.</summary>
public static class ClientDimensions
{
    public static async Task<Dictionary<long, (string Country, string? Manager, List<int> Types)>> ReadAsync(BackOfficeDb db, IEnumerable<long> ids, CancellationToken ct)
    {
        var found = new Dictionary<long, (string Country, string? Manager, List<int> Types)>();
        foreach (var chunk in ids.Distinct().Chunk(1_000))
        {
            foreach (var c in await db.Clients.AsNoTracking().Where(c => chunk.Contains(c.Id)).Select(c => new { c.Id, c.Country, c.ManagerId }).ToListAsync(ct))
                found[c.Id] = (c.Country, c.ManagerId, []);
            foreach (var a in await db.TradingAccounts.AsNoTracking().Where(a => chunk.Contains(a.ClientId) && !a.IsDemo)
                         .Select(a => new { a.ClientId, a.AccountTypeId }).Distinct().ToListAsync(ct))
                if (found.TryGetValue(a.ClientId, out var client)) client.Types.Add(a.AccountTypeId);
        }
        return found;
    }

    /// <summary>Every segment the client counts in (<see cref="FactSegment.Of"/>).</summary>
    public static IEnumerable<FactSegment> SegmentsOf(this (string Country, string? Manager, List<int> Types) client) =>
        FactSegment.Of(client.Country, client.Manager, client.Types);
}
