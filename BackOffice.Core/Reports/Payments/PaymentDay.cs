using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds.Deposits;
using BackOffice.Core.Funds.Withdrawals;
using BackOffice.Core.Reports.Facts;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Reports.Payments;

/// <summary>
/// One day of the payment report. Each figure counts on its own day: deposits started (by channel and outcome, failures by
/// code) on the day they were started, money credited, refunded and paid out on the day it moved (in minor units of each
/// currency, turned into USD only when shown, at the rates configured then), withdrawal processing on the day of payment.
/// </summary>
/// <remarks>
/// A day's facts hold the money by currency (the chart's figures) ahead of the rest, and a day read from them keeps the rest
/// encoded until something reads it; days added together pass it along undecoded. A year's chart then decodes only each
/// day's money, and the year's total, taken from whole months where the family keeps them, decodes the rest once.
/// </remarks>
public sealed class PaymentDay : IDayTotals<PaymentDay>
{
    private readonly Dictionary<int, long[]> _channels = [];
    private readonly Dictionary<(int Channel, string Code), FailureCount> _failures = [];
    private readonly Dictionary<(int Level, int Channel), long[]> _payouts = [];
    private long _refunds;
    private long _failedWithdrawals;

    /// <summary>The rest of the day as its facts hold it; while any is deferred, the fields above are empty.</summary>
    private readonly Deferred<byte[]> _rest = new();

    /// <summary>Channel id → started, credited, failed, rejected, still open.</summary>
    public Dictionary<int, long[]> Channels
    {
        get
        {
            Open();
            return _channels;
        }
    }

    /// <summary>(channel id, failure code) → how many, and the latest one's message.</summary>
    public Dictionary<(int Channel, string Code), FailureCount> Failures
    {
        get
        {
            Open();
            return _failures;
        }
    }

    /// <summary>Currency → credited, paid out, refunded (minor units): the chart's figures, never deferred.</summary>
    public Dictionary<string, long[]> Money { get; } = [];

    /// <summary>(required approval level, channel id) → paid, tenths of an hour in all, the longest in tenths.</summary>
    public Dictionary<(int Level, int Channel), long[]> Payouts
    {
        get
        {
            Open();
            return _payouts;
        }
    }

    public long Refunds
    {
        get
        {
            Open();
            return _refunds;
        }
        set
        {
            Open();
            _refunds = value;
        }
    }

    public long FailedWithdrawals
    {
        get
        {
            Open();
            return _failedWithdrawals;
        }
        set
        {
            Open();
            _failedWithdrawals = value;
        }
    }

    public sealed class FailureCount
    {
        public long Count { get; set; }

        /// <summary>When the latest failed deposit with this code started, and its id (which breaks ties).</summary>
        public (long Ticks, long Id) Latest { get; set; }

        public string? Message { get; set; }

        public void Add(long count, (long Ticks, long Id) at, string? message)
        {
            Count += count;
            if (at.CompareTo(Latest) < 0) return;
            Latest = at;
            Message = message;
        }
    }

    public static long[] Sized(int length) => new long[length];

    private static long[] At<TKey>(Dictionary<TKey, long[]> map, TKey key, int length) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var values)) map[key] = values = new long[length];
        return values;
    }

    public long[] Channel(int id) => At(Channels, id, 5);

    public long[] Currency(string code) => At(Money, code, 3);

    public long[] Payout(int level, int channel) => At(Payouts, (level, channel), 3);

    public void Add(PaymentDay other)
    {
        foreach (var (code, values) in other.Money) Sum(Currency(code), values);
        if (other._rest.Any)
        {
            if (RestEmpty)
                _rest.AddFrom(other._rest);
            else
                other._rest.Each(AddRest);
            return;
        }
        Open();
        foreach (var (id, values) in other._channels) Sum(At(_channels, id, 5), values);
        foreach (var (key, values) in other._payouts) AddPayout(key, values[0], values[1], values[2]);
        foreach (var (key, failure) in other._failures) _failures.At(key).Add(failure.Count, failure.Latest, failure.Message);
        _refunds += other._refunds;
        _failedWithdrawals += other._failedWithdrawals;
    }

    private bool RestEmpty => _channels.Count == 0 && _failures.Count == 0 && _payouts.Count == 0 && _refunds == 0 && _failedWithdrawals == 0;

    private void AddPayout((int, int) key, long paid, long tenths, long longest)
    {
        var mine = At(_payouts, key, 3);
        mine[0] += paid;
        mine[1] += tenths;
        mine[2] = Math.Max(mine[2], longest);
    }

    private static void Sum(long[] into, long[] values)
    {
        for (var i = 0; i < values.Length; i++) into[i] += values[i];
    }

    /// <summary>The money first (what the chart needs), then the rest.</summary>
    public void Write(BinaryWriter w)
    {
        w.Write7BitEncodedInt(Money.Count);
        foreach (var (code, values) in Money)
        {
            w.Write(code);
            foreach (var v in values) w.Write(v); // amounts go negative after corrections: fixed width
        }
        Open();
        w.Write7BitEncodedInt64(_refunds);
        w.Write7BitEncodedInt64(_failedWithdrawals);
        w.Write7BitEncodedInt(_channels.Count);
        foreach (var (id, values) in _channels)
        {
            w.Write7BitEncodedInt(id);
            foreach (var v in values) w.Write7BitEncodedInt64(v);
        }
        w.Write7BitEncodedInt(_payouts.Count);
        foreach (var ((level, channel), values) in _payouts)
        {
            w.Write7BitEncodedInt(level);
            w.Write7BitEncodedInt(channel);
            foreach (var v in values) w.Write7BitEncodedInt64(v);
        }
        w.Write7BitEncodedInt(_failures.Count);
        foreach (var ((channel, code), failure) in _failures)
        {
            w.Write7BitEncodedInt(channel);
            w.Write(code);
            w.Write7BitEncodedInt64(failure.Count);
            w.Write(failure.Latest.Ticks);
            w.Write(failure.Latest.Id);
            w.Write(failure.Message is not null);
            if (failure.Message is not null) w.Write(failure.Message);
        }
    }

    /// <summary>The money now; the rest when something reads it.</summary>
    public static PaymentDay Read(BinaryReader r)
    {
        var day = new PaymentDay();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var values = day.Currency(r.ReadString());
            for (var i = 0; i < values.Length; i++) values[i] = r.ReadInt64();
        }
        day._rest.Add(r.ReadBytes((int)(r.BaseStream.Length - r.BaseStream.Position)));
        return day;
    }

    private void Open() => _rest.Drain(AddRest);

    /// <summary>Adds a deferred rest into this day's own figures.</summary>
    private void AddRest(byte[] data)
    {
        using var r = new BinaryReader(new MemoryStream(data, writable: false));
        _refunds += r.Read7BitEncodedInt64();
        _failedWithdrawals += r.Read7BitEncodedInt64();
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var values = At(_channels, r.Read7BitEncodedInt(), 5);
            for (var i = 0; i < values.Length; i++) values[i] += r.Read7BitEncodedInt64();
        }
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
            AddPayout((r.Read7BitEncodedInt(), r.Read7BitEncodedInt()), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64(), r.Read7BitEncodedInt64());
        for (var n = r.Read7BitEncodedInt(); n > 0; n--)
        {
            var key = (r.Read7BitEncodedInt(), r.ReadString());
            var count = r.Read7BitEncodedInt64();
            var latest = (r.ReadInt64(), r.ReadInt64());
            var message = r.ReadBoolean() ? r.ReadString() : null;
            _failures.At(key).Add(count, latest, message);
        }
    }
}

/// <summary>
/// The payment report's events between two instants, read from the data, each with the segment it counts in (the client's
/// country and manager, the type of the account paid into or out of).
/// </summary>
internal static class PaymentEvents
{
    public const string NoCode = "(no code given)";

    public sealed record Started(long Id, DateTime At, int ChannelId, DepositStatus Status, bool Credited, string? Code, string? Message, string Country, string? ManagerId, int Type);

    public sealed record Moved(DateTime At, string Currency, long Minor, string Country, string? ManagerId, int Type);

    public sealed record Payout(DateTime At, DateTime RequestedAt, int Level, int ChannelId, string Currency, long Minor, string Country, string? ManagerId, int Type);

    public sealed record Events(List<Started> Started, List<Moved> Credited, List<Moved> Refunded, List<Payout> Paid, List<Moved> FailedWithdrawals);

    public static async Task<Events> LoadAsync(BackOfficeDb db, IQueryable<Deposit> deposits, IQueryable<Withdrawal> withdrawals, DateTime from, DateTime to,
        CancellationToken ct)
    {
        var d = from x in deposits
                join c in db.Clients on x.ClientId equals c.Id
                join a in db.TradingAccounts on x.TradingAccountId equals a.Id
                select new { x, c.Country, c.ManagerId, a.AccountTypeId };
        // A partner's commission withdrawal comes out of no trading account: it counts in no account type (0).
        var w = from x in withdrawals
                join c in db.Clients on x.ClientId equals c.Id
                from a in db.TradingAccounts.Where(a => a.Id == x.TradingAccountId).DefaultIfEmpty()
                select new { x, c.Country, c.ManagerId, AccountTypeId = a == null ? 0 : a.AccountTypeId };
        var started = await d.Where(e => e.x.CreatedAt >= from && e.x.CreatedAt < to)
            .Select(e => new Started(e.x.Id, e.x.CreatedAt, e.x.ChannelId, e.x.Status, e.x.CreditedAt != null, e.x.FailureCode, e.x.FailureMessage, e.Country, e.ManagerId,
                e.AccountTypeId))
            .ToListAsync(ct);
        var credited = await d.Where(e => e.x.CreditedAt >= from && e.x.CreditedAt < to)
            .Select(e => new Moved(e.x.CreditedAt!.Value, e.x.Currency, e.x.PaidMinor ?? e.x.AmountMinor, e.Country, e.ManagerId, e.AccountTypeId)).ToListAsync(ct);
        var refunded = await d.Where(e => e.x.Status == DepositStatus.Refunded && e.x.DecidedAt >= from && e.x.DecidedAt < to)
            .Select(e => new Moved(e.x.DecidedAt!.Value, e.x.Currency, e.x.PaidMinor ?? e.x.AmountMinor, e.Country, e.ManagerId, e.AccountTypeId)).ToListAsync(ct);
        var paid = await w.Where(e => e.x.Status == WithdrawalStatus.Paid && e.x.PaidAt >= from && e.x.PaidAt < to)
            .Select(e => new Payout(e.x.PaidAt!.Value, e.x.CreatedAt, (int)e.x.RequiredLevel, e.x.ChannelId, e.x.Currency, e.x.AmountMinor, e.Country, e.ManagerId,
                e.AccountTypeId))
            .ToListAsync(ct);
        var failed = await w.Where(e => e.x.Status == WithdrawalStatus.Failed && e.x.CreatedAt >= from && e.x.CreatedAt < to)
            .Select(e => new Moved(e.x.CreatedAt, e.x.Currency, e.x.AmountMinor, e.Country, e.ManagerId, e.AccountTypeId)).ToListAsync(ct);
        return new Events(started, credited, refunded, paid, failed);
    }

    public static void Count(PaymentDay day, Started e)
    {
        var channel = day.Channel(e.ChannelId);
        channel[0]++;
        if (e.Credited) channel[1]++;
        if (e.Status == DepositStatus.Failed)
        {
            channel[2]++;
            day.Failures.At((e.ChannelId, e.Code ?? NoCode)).Add(1, (e.At.Ticks, e.Id), e.Message);
        }
        if (e.Status == DepositStatus.Rejected) channel[3]++;
        if (e.Status is DepositStatus.AwaitingPayment or DepositStatus.AwaitingConfirmation or DepositStatus.ManualReview) channel[4]++;
    }

    public static void Count(PaymentDay day, Payout p)
    {
        var tenths = (long)(ReportMath.Hours(p.At - p.RequestedAt) * 10);
        var payout = day.Payout(p.Level, p.ChannelId);
        payout[0]++;
        payout[1] += tenths;
        payout[2] = payout[0] == 1 ? tenths : Math.Max(payout[2], tenths);
        day.Currency(p.Currency)[1] += p.Minor;
    }

    /// <summary>Every kind of event into the totals each one counts in.</summary>
    public static void CountAll(Events events, Func<DateTime, string, string?, int, IEnumerable<PaymentDay>> totals)
    {
        foreach (var e in events.Started)
            foreach (var day in totals(e.At, e.Country, e.ManagerId, e.Type)) Count(day, e);
        foreach (var e in events.Credited)
            foreach (var day in totals(e.At, e.Country, e.ManagerId, e.Type)) day.Currency(e.Currency)[0] += e.Minor;
        foreach (var e in events.Refunded)
            foreach (var day in totals(e.At, e.Country, e.ManagerId, e.Type))
            {
                day.Currency(e.Currency)[2] += e.Minor;
                day.Refunds++;
            }
        foreach (var e in events.Paid)
            foreach (var day in totals(e.At, e.Country, e.ManagerId, e.Type)) Count(day, e);
        foreach (var e in events.FailedWithdrawals)
            foreach (var day in totals(e.At, e.Country, e.ManagerId, e.Type)) day.FailedWithdrawals++;
    }

    /// <summary>The deposits and withdrawals the scope's filter keeps: of its clients, into or out of an account of its type.</summary>
    public static (IQueryable<Deposit> Deposits, IQueryable<Withdrawal> Withdrawals) Filtered(BackOfficeDb db, ReportScope s)
    {
        var deposits = db.Deposits.AsNoTracking();
        var withdrawals = db.Withdrawals.AsNoTracking();
        // Without a client filter, every payment. With one, each payment's client and account are looked up by key and
        // tested: a statement never lists the filter's clients or accounts first (up to a million rows, again per statement).
        if (s.Countries is not null || s.StaffId is not null)
        {
            var clients = s.Clients(db, byAccountType: false);
            deposits = deposits.Where(d => clients.Any(c => c.Id == d.ClientId));
            withdrawals = withdrawals.Where(w => clients.Any(c => c.Id == w.ClientId));
        }
        if (s.AccountTypeId is { } type)
        {
            deposits = deposits.Where(d => db.TradingAccounts.Any(a => a.Id == d.TradingAccountId && a.AccountTypeId == type));
            withdrawals = withdrawals.Where(w => db.TradingAccounts.Any(a => a.Id == w.TradingAccountId && a.AccountTypeId == type));
        }
        return (deposits, withdrawals);
    }

    /// <summary>The filtered payments' days between two instants, from the data.</summary>
    public static async Task<Dictionary<DateOnly, PaymentDay>> DailyAsync(BackOfficeDb db, ReportScope s, DateTime from, DateTime to, CancellationToken ct)
    {
        var (deposits, withdrawals) = Filtered(db, s);
        var events = await LoadAsync(db, deposits, withdrawals, from, to, ct);
        var days = new Dictionary<DateOnly, PaymentDay>();
        CountAll(events, (at, _, _, _) => [days.At(s.LocalDay(at))]);
        return days;
    }
}

/// <summary>The payment report's daily facts: every segment's totals of one day.</summary>
public sealed class PaymentFacts : IFactFamily
{
    public ReportKind Family => ReportKind.Payments;

    /// <summary>A region group over a year is a dozen countries' days: the report adds up months where it can.</summary>
    public bool KeepsMonths => true;

    public async Task<DateTime?> FirstAsync(BackOfficeDb db, CancellationToken ct)
    {
        var deposit = await db.Deposits.MinAsync(d => (DateTime?)d.CreatedAt, ct);
        var withdrawal = await db.Withdrawals.MinAsync(w => (DateTime?)w.CreatedAt, ct);
        return deposit is null ? withdrawal : withdrawal is null ? deposit : deposit < withdrawal ? deposit : withdrawal;
    }

    public async Task<IReadOnlyList<(FactSegment Segment, byte[] Data)>> BuildAsync(BackOfficeDb db, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var events = await PaymentEvents.LoadAsync(db, db.Deposits.AsNoTracking(), db.Withdrawals.AsNoTracking(), fromUtc, toUtc, ct);
        var segments = new Dictionary<FactSegment, PaymentDay>();
        PaymentEvents.CountAll(events, (_, country, manager, type) => FactSegment.Of(country, manager, type == 0 ? [] : [type]).Select(segments.At));
        return [.. segments.Select(s => (s.Key, DayTotals.Encode(s.Value)))];
    }
}
