using System.Runtime.CompilerServices;
using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Accounts.Lifecycle;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Reports.Facts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Accounts;

/// <summary>
/// One day of the account report: the day's registrations and how far they got by now (approved, funded), the clients
/// first approved that day with the hours it took (to the tenth, as shown, so the median comes out exact), and closures.
/// </summary>
public sealed class AccountDay : IDayTotals<AccountDay>
{
    public long Registered { get; set; }
    public long Approved { get; set; }
    public long Funded { get; set; }
    public long Approvals { get; set; }
    public long Closures { get; set; }

    /// <summary>Tenths of an hour from registration to first approval → how many clients took that long.</summary>
    public Histogram HoursToApprove { get; private set; } = new();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(AccountDay other)
    {
        Registered += other.Registered;
        Approved += other.Approved;
        Funded += other.Funded;
        Approvals += other.Approvals;
        Closures += other.Closures;
        HoursToApprove.Add(other.HoursToApprove);
    }

    public void Write(BinaryWriter writer)
    {
        foreach (var value in new[] { Registered, Approved, Funded, Approvals, Closures })
            writer.Write7BitEncodedInt64(value);
        HoursToApprove.Write(writer);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static AccountDay Read(BinaryReader reader)
    {
        return new AccountDay
        {
            Registered = reader.Read7BitEncodedInt64(), Approved = reader.Read7BitEncodedInt64(), Funded = reader.Read7BitEncodedInt64(),
            Approvals = reader.Read7BitEncodedInt64(), Closures = reader.Read7BitEncodedInt64(), HoursToApprove = Histogram.Read(reader),
        };
    }
}

/// <summary>
/// The account report's events between two instants, read from the data: registrations (with whether each client has been
/// approved and funded by now), first approvals, closures, each with the client's country and manager.
/// </summary>
internal static class AccountEvents
{
    public sealed record Registration(long ClientId, DateTime At, string Country, string? ManagerId, bool Approved, bool Funded);

    public sealed record Approval(long ClientId, DateTime At, DateTime RegisteredAt, string Country, string? ManagerId);

    public sealed record Closure(long ClientId, DateTime At, string Country, string? ManagerId);

    public sealed record Events(List<Registration> Registrations, List<Approval> Approvals, List<Closure> Closures)
    {
        public IEnumerable<long> ClientIds => Registrations.Select(r => r.ClientId).Concat(Approvals.Select(a => a.ClientId)).Concat(Closures.Select(c => c.ClientId));
    }

    public static async Task<Events> LoadAsync(BackOfficeDb db, IQueryable<Client> clients, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        // A client approved before history was kept still counts as approved.
        var registrations = await clients.Where(c => c.RegisteredAt >= fromUtc && c.RegisteredAt < toUtc)
            .Select(c => new Registration(c.Id, c.RegisteredAt, c.Country, c.ManagerId,
                c.ApprovedAt != null || c.Status == ClientStatus.Approved || c.Status == ClientStatus.Restricted,
                db.Deposits.Any(d => d.ClientId == c.Id && d.CreditedAt != null)))
            .ToListAsync(ct);
        var approved = await clients.Where(c => c.ApprovedAt >= fromUtc && c.ApprovedAt < toUtc)
            .Select(c => new Approval(c.Id, c.ApprovedAt!.Value, c.RegisteredAt, c.Country, c.ManagerId)).ToListAsync(ct);
        var closed = await clients.Where(c => c.Status == ClientStatus.Closed && c.StatusChangedAt >= fromUtc && c.StatusChangedAt < toUtc)
            .Select(c => new Closure(c.Id, c.StatusChangedAt, c.Country, c.ManagerId)).ToListAsync(ct);
        return new Events(registrations, approved, closed);
    }

    public static long Tenths(DateTime registered, DateTime approved) => (long)(ReportMath.Hours(approved - registered) * 10);

    public static void Count(AccountDay day, Registration r)
    {
        day.Registered++;
        if (r.Approved) day.Approved++;
        if (r.Funded) day.Funded++;
    }

    public static void Count(AccountDay day, Approval a)
    {
        day.Approvals++;
        day.HoursToApprove.Add(Tenths(a.RegisteredAt, a.At));
    }

    /// <summary>The filtered clients' days between two instants, from the data.</summary>
    public static async Task<Dictionary<DateOnly, AccountDay>> DailyAsync(BackOfficeDb db, ReportScope s, DateTime from, DateTime to, CancellationToken ct)
    {
        var events = await LoadAsync(db, s.Clients(db), from, to, ct);
        var days = new Dictionary<DateOnly, AccountDay>();
        foreach (var r in events.Registrations) Count(days.At(s.LocalDay(r.At)), r);
        foreach (var a in events.Approvals) Count(days.At(s.LocalDay(a.At)), a);
        foreach (var c in events.Closures) days.At(s.LocalDay(c.At)).Closures++;
        return days;
    }
}

/// <summary>The account report's daily facts: every client segment's totals of one day.</summary>
public sealed class AccountFacts : IFactFamily
{
    public ReportKind Family => ReportKind.Accounts;

    public async Task<DateTime?> FirstAsync(BackOfficeDb db, CancellationToken ct) => await db.Clients.MinAsync(c => (DateTime?)c.RegisteredAt, ct);

    public async Task<IReadOnlyList<(FactSegment Segment, byte[] Data)>> BuildAsync(BackOfficeDb db, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var events = await AccountEvents.LoadAsync(db, db.Clients.AsNoTracking(), fromUtc, toUtc, ct);
        var types = await LiveTypesAsync(db, [.. events.ClientIds.Distinct()], ct);
        var segments = new Dictionary<FactSegment, AccountDay>();
        IEnumerable<AccountDay> Of(long client, string country, string? manager) =>
            FactSegment.Of(country, manager, types.GetValueOrDefault(client, [])).Select(segments.At);
        foreach (var r in events.Registrations)
            foreach (var day in Of(r.ClientId, r.Country, r.ManagerId)) AccountEvents.Count(day, r);
        foreach (var a in events.Approvals)
            foreach (var day in Of(a.ClientId, a.Country, a.ManagerId)) AccountEvents.Count(day, a);
        foreach (var c in events.Closures)
            foreach (var day in Of(c.ClientId, c.Country, c.ManagerId)) day.Closures++;
        return [.. segments.Select(s => (s.Key, DayTotals.Encode(s.Value)))];
    }

    /// <summary>The types of each client's live accounts: the account-type filter counts a client with a live account of the type.</summary>
    private static async Task<Dictionary<long, int[]>> LiveTypesAsync(BackOfficeDb db, List<long> clients, CancellationToken ct)
    {
        var types = new Dictionary<long, int[]>();
        foreach (var chunk in clients.Chunk(5_000))
            foreach (var g in (await db.TradingAccounts.AsNoTracking().Where(a => chunk.Contains(a.ClientId) && !a.IsDemo)
                         .Select(a => new { a.ClientId, a.AccountTypeId }).Distinct().ToListAsync(ct)).GroupBy(a => a.ClientId))
                types[g.Key] = [.. g.Select(a => a.AccountTypeId)];
        return types;
    }
}
