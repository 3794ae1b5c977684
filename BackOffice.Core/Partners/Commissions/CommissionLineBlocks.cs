using System.Buffers;
using System.Text;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>
/// A run's deal lines for one partner at one level on one day (UTC), in one currency, stored together: the header holds
/// what the totals need (lines, eligible lots, amount), <see cref="Data"/> every line with every input of its rule
/// (<see cref="CommissionLineCodec"/>). A run over ten million deals writes some twenty million lines; as rows, with their
/// indexes, writing them took most of the run. Line ids follow on from <see cref="FirstLineId"/>, in the same sequence as
/// the lines kept as rows (a CPA's, a revenue share's), so that a line keeps one id whichever way it is stored.
/// </summary>
public sealed class CommissionLineBlock
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public long PartnerId { get; set; }
    public int Level { get; set; }

    /// <summary>The deals' day (UTC midnight).</summary>
    public DateTime Day { get; set; }

    public string Currency { get; set; } = "USD";
    public long FirstLineId { get; set; }
    public int LineCount { get; set; }
    public int AdjustmentCount { get; set; }
    public decimal EligibleLots { get; set; }
    public long AmountMinor { get; set; }
    public byte[] Data { get; set; } = [];

    public bool Holds(long lineId) => lineId >= FirstLineId && lineId < FirstLineId + LineCount;

    /// <summary>The block's lines, with their ids, run, partner, level and currency.</summary>
    public List<CommissionLine> Lines() => CommissionLineCodec.Decode(this);
}

/// <summary>
/// A line's values as a block stores them, read from a saved line or straight from the calculator's draft (a run encodes
/// twenty million lines: no line object is made for them on the way).
/// </summary>
public readonly record struct LineView(long RunId, long PartnerId, int Level, string Currency, long? TradeDealId, long Ticket, long? ClientId,
    long PlanVersionId, CommissionKind Kind, string SymbolGroup, string Symbol, DateTime DealTime, decimal Rate, decimal? PipValue, decimal ClosedLots,
    decimal EligibleLots, decimal ShortHeldLots, decimal HedgedLots, decimal Basis, decimal? CommissionCharged, decimal? SwapCharged, decimal? ClientProfit,
    long AmountMinor, long? OverrideId, bool IsAdjustment, string? OnceKey, string? Detail)
{
    public static LineView Of(CommissionLine l) => new(l.RunId, l.PartnerId, l.Level, l.Currency, l.TradeDealId, l.Ticket, l.ClientId, l.PlanVersionId, l.Kind,
        l.SymbolGroup, l.Symbol, l.DealTime, l.Rate, l.PipValue, l.ClosedLots, l.EligibleLots, l.ShortHeldLots, l.HedgedLots, l.Basis, l.CommissionCharged,
        l.SwapCharged, l.ClientProfit, l.AmountMinor, l.OverrideId, l.IsAdjustment, l.OnceKey, l.Detail);

    /// <summary>A deal's line as the calculator drafted it, in run <paramref name="runId"/>; an adjustment when dated before <paramref name="runFrom"/>.</summary>
    public static LineView Of(CommissionLineDraft d, long runId, DateTime runFrom) => new(runId, d.PartnerId, d.Level, d.Currency, d.DealId, d.Ticket, d.ClientId,
        d.PlanVersionId, d.Kind, d.SymbolGroup, d.Symbol, d.DealTime, d.Rate, d.PipValue, d.ClosedLots, d.EligibleLots, d.ShortHeldLots, d.HedgedLots, d.Basis,
        d.Revenue?.CommissionCharged, d.Revenue?.SwapCharged, d.Revenue?.ClientProfit, d.AmountMinor, d.OverrideId, d.DealTime < runFrom, d.OnceKey, d.Detail);

    /// <summary>A deal's line straight from the calculator.</summary>
    public static LineView Of(in DealLine d, long runId, DateTime runFrom) => new(runId, d.PartnerId, d.Level, d.Terms.Currency, d.Deal.DealId, d.Deal.Ticket,
        d.Deal.ClientId, d.Terms.VersionId, d.Rule.Kind, d.SymbolGroup, d.Deal.Symbol, d.Deal.TimeUtc, d.Rate, d.Rule.PipValue, d.ClosedLots, d.EligibleLots,
        d.ShortHeldLots, d.HedgedLots, d.Basis, null, null, null, d.AmountMinor, d.OverrideId, d.Deal.TimeUtc < runFrom, null, null);
}

/// <summary>
/// A run's deal lines of a batch, encoded into their blocks (by partner, level, UTC day and currency) as the calculator
/// makes them, in the order the deals were recorded, and counted as the run counts them.
/// </summary>
public sealed class RunLineBlocks(long runId, DateTime runFrom, string runCurrency) : IDealLineSink
{
    private readonly Dictionary<(long Partner, int Level, long Day, string Currency), CommissionLineCodec.BlockEncoder> _blocks = [];

    public int Lines { get; private set; }
    public int Adjustments { get; private set; }

    /// <summary>The lines' amount in the run's currency.</summary>
    public long RunCurrencyMinor { get; private set; }

    public void Add(in DealLine line)
    {
        var view = LineView.Of(in line, runId, runFrom);
        var day = view.DealTime.Ticks - view.DealTime.Ticks % TimeSpan.TicksPerDay;
        var key = (view.PartnerId, view.Level, day, view.Currency);
        if (!_blocks.TryGetValue(key, out var block)) _blocks[key] = block = new CommissionLineCodec.BlockEncoder(new DateTime(day, DateTimeKind.Utc));
        block.Add(in view);
        Lines++;
        if (view.IsAdjustment) Adjustments++;
        if (view.Currency == runCurrency) RunCurrencyMinor += view.AmountMinor;
    }

    /// <summary>The blocks so far, by day, partner, level and currency, their lines numbered from <paramref name="firstId"/>; then empty again.</summary>
    public List<CommissionLineBlock> Take(ref long firstId)
    {
        var blocks = new List<CommissionLineBlock>(_blocks.Count);
        foreach (var ((partner, level, _, currency), e) in _blocks.OrderBy(b => b.Key.Day).ThenBy(b => b.Key.Partner).ThenBy(b => b.Key.Level)
                     .ThenBy(b => b.Key.Currency, StringComparer.Ordinal))
        {
            blocks.Add(e.ToBlock(runId, partner, level, currency, ref firstId));
        }
        _blocks.Clear();
        (Lines, Adjustments, RunCurrencyMinor) = (0, 0, 0);
        return blocks;
    }
}

/// <summary>
/// Lines to bytes and back: per line a flag word, then only the fields it has, integers as variable-length numbers (a deal
/// id and a ticket as the difference from the line before, a time as ticks into the block's day), decimals as their scale
/// and unscaled value, strings once per block and then by number.
/// </summary>
public static class CommissionLineCodec
{
    private const byte Format = 1;

    [Flags]
    private enum Has
    {
        Adjustment = 1, Deal = 2, Client = 4, PipValue = 8, CommissionCharged = 16, SwapCharged = 32, ClientProfit = 64, Override = 128,
        OnceKey = 256, Detail = 512, ShortHeld = 1024, Hedged = 2048, Basis = 4096, EligibleNotClosed = 8192,
    }

    /// <summary>
    /// One block's lines (of one partner, level, day and currency) encoded in the order they come (a run's lines straight
    /// from the calculator), with the header's totals kept on the way.
    /// </summary>
    public sealed class BlockEncoder(DateTime day, int expected = 16)
    {
        private readonly Writer _w = new(expected * 24 + 16);
        private long _deal, _ticket;

        public DateTime Day { get; } = day;
        public int Count { get; private set; }
        public int Adjustments { get; private set; }
        public decimal EligibleLots { get; private set; }
        public long AmountMinor { get; private set; }

        public void Add(in LineView l)
        {
            var w = _w;
            var has = (l.IsAdjustment ? Has.Adjustment : 0) | (l.TradeDealId is null ? 0 : Has.Deal) | (l.ClientId is null ? 0 : Has.Client)
                      | (l.PipValue is null ? 0 : Has.PipValue) | (l.CommissionCharged is null ? 0 : Has.CommissionCharged) | (l.SwapCharged is null ? 0 : Has.SwapCharged)
                      | (l.ClientProfit is null ? 0 : Has.ClientProfit) | (l.OverrideId is null ? 0 : Has.Override) | (l.OnceKey is null ? 0 : Has.OnceKey)
                      | (l.Detail is null ? 0 : Has.Detail) | (l.ShortHeldLots == 0 ? 0 : Has.ShortHeld) | (l.HedgedLots == 0 ? 0 : Has.Hedged)
                      | (l.Basis == 0 ? 0 : Has.Basis) | (l.EligibleLots == l.ClosedLots ? 0 : Has.EligibleNotClosed);
            w.Unsigned((ulong)has);
            if (l.TradeDealId is { } d)
            {
                w.Signed(d - _deal);
                _deal = d;
            }
            w.Signed(l.Ticket - _ticket);
            _ticket = l.Ticket;
            if (l.ClientId is { } c) w.Unsigned((ulong)c);
            w.Unsigned((ulong)l.PlanVersionId);
            w.Byte((byte)l.Kind);
            w.Text(l.SymbolGroup);
            w.Text(l.Symbol);
            w.Signed(l.DealTime.Ticks - Day.Ticks);
            w.Decimal(l.Rate);
            if (l.PipValue is { } pip) w.Decimal(pip);
            w.Decimal(l.ClosedLots);
            if ((has & Has.EligibleNotClosed) != 0) w.Decimal(l.EligibleLots);
            if (l.ShortHeldLots != 0) w.Decimal(l.ShortHeldLots);
            if (l.HedgedLots != 0) w.Decimal(l.HedgedLots);
            if (l.Basis != 0) w.Decimal(l.Basis);
            if (l.CommissionCharged is { } cc) w.Decimal(cc);
            if (l.SwapCharged is { } sc) w.Decimal(sc);
            if (l.ClientProfit is { } cp) w.Decimal(cp);
            w.Signed(l.AmountMinor);
            if (l.OverrideId is { } o) w.Unsigned((ulong)o);
            if (l.OnceKey is { } key) w.Text(key);
            if (l.Detail is { } detail) w.Text(detail);
            Count++;
            if (l.IsAdjustment) Adjustments++;
            EligibleLots += l.EligibleLots;
            AmountMinor += l.AmountMinor;
        }

        /// <summary>The block of these lines, with its header's totals, its lines numbered from <paramref name="firstId"/>.</summary>
        public CommissionLineBlock ToBlock(long runId, long partnerId, int level, string currency, ref long firstId)
        {
            var block = new CommissionLineBlock
            {
                RunId = runId, PartnerId = partnerId, Level = level, Currency = currency, Day = Day, FirstLineId = firstId, LineCount = Count,
                AdjustmentCount = Adjustments, EligibleLots = EligibleLots, AmountMinor = AmountMinor, Data = ToArray(),
            };
            firstId += Count;
            return block;
        }

        /// <summary>The format, the number of lines, then the lines.</summary>
        public byte[] ToArray()
        {
            var head = new Writer(12);
            head.Byte(Format);
            head.Unsigned((ulong)Count);
            var h = head.Written;
            var body = _w.Written;
            var data = new byte[h.Length + body.Length];
            h.CopyTo(data);
            body.CopyTo(data.AsSpan(h.Length));
            return data;
        }
    }

    public static List<CommissionLine> Decode(CommissionLineBlock block)
    {
        var r = new Reader(block.Data);
        if (r.Byte() != Format) throw new InvalidDataException($"Commission line block {block.Id} is in an unknown format.");
        var count = (int)r.Unsigned();
        var lines = new List<CommissionLine>(count);
        long deal = 0, ticket = 0;
        for (var i = 0; i < count; i++)
        {
            var has = (Has)r.Unsigned();
            var l = new CommissionLine
            {
                Id = block.FirstLineId + i, RunId = block.RunId, PartnerId = block.PartnerId, Level = block.Level, Currency = block.Currency,
                IsAdjustment = has.HasFlag(Has.Adjustment),
            };
            if (has.HasFlag(Has.Deal)) l.TradeDealId = deal += r.Signed();
            l.Ticket = ticket += r.Signed();
            if (has.HasFlag(Has.Client)) l.ClientId = (long)r.Unsigned();
            l.PlanVersionId = (long)r.Unsigned();
            l.Kind = (CommissionKind)r.Byte();
            l.SymbolGroup = r.Text();
            l.Symbol = r.Text();
            l.DealTime = new DateTime(block.Day.Ticks + r.Signed(), DateTimeKind.Utc);
            l.Rate = r.Decimal();
            if (has.HasFlag(Has.PipValue)) l.PipValue = r.Decimal();
            l.ClosedLots = r.Decimal();
            l.EligibleLots = has.HasFlag(Has.EligibleNotClosed) ? r.Decimal() : l.ClosedLots;
            if (has.HasFlag(Has.ShortHeld)) l.ShortHeldLots = r.Decimal();
            if (has.HasFlag(Has.Hedged)) l.HedgedLots = r.Decimal();
            if (has.HasFlag(Has.Basis)) l.Basis = r.Decimal();
            if (has.HasFlag(Has.CommissionCharged)) l.CommissionCharged = r.Decimal();
            if (has.HasFlag(Has.SwapCharged)) l.SwapCharged = r.Decimal();
            if (has.HasFlag(Has.ClientProfit)) l.ClientProfit = r.Decimal();
            l.AmountMinor = r.Signed();
            if (has.HasFlag(Has.Override)) l.OverrideId = (long)r.Unsigned();
            if (has.HasFlag(Has.OnceKey)) l.OnceKey = r.Text();
            if (has.HasFlag(Has.Detail)) l.Detail = r.Text();
            lines.Add(l);
        }
        return lines;
    }

    private sealed class Writer(int capacity)
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(capacity);
        // A block holds a few texts (its groups and symbols), mostly the same instances: looked for by reference, then by
        // value; past a few dozen, in a dictionary.
        private readonly List<string> _texts = [];
        private Dictionary<string, int>? _many;

        public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

        public void Byte(byte value)
        {
            _buffer.GetSpan(1)[0] = value;
            _buffer.Advance(1);
        }

        public void Unsigned(ulong value)
        {
            var span = _buffer.GetSpan(10);
            var i = 0;
            for (; value >= 0x80; value >>= 7) span[i++] = (byte)(value | 0x80);
            span[i++] = (byte)value;
            _buffer.Advance(i);
        }

        public void Signed(long value) => Unsigned((ulong)((value << 1) ^ (value >> 63)));

        /// <summary>Scale and sign in a byte (bit 6: a high word follows), then the low 64 bits of the unscaled value.</summary>
        public void Decimal(decimal value)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            var scale = (byte)((bits[3] >> 16) & 0x7F);
            var head = (byte)(scale | (bits[3] < 0 ? 0x80 : 0) | (bits[2] != 0 ? 0x40 : 0));
            Byte(head);
            Unsigned(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
            if (bits[2] != 0) Unsigned((uint)bits[2]);
        }

        /// <summary>A string the first time as its number 0 and its UTF-8 bytes; after that as its number.</summary>
        public void Text(string value)
        {
            var known = _texts.Count - 1;
            if (_many is not null) known = _many.GetValueOrDefault(value, -1);
            else
            {
                while (known >= 0 && !ReferenceEquals(_texts[known], value)) known--;
                if (known < 0) known = _texts.IndexOf(value);
            }
            if (known >= 0)
            {
                Unsigned((ulong)known + 1);
                return;
            }
            _texts.Add(value);
            if (_many is not null) _many[value] = _texts.Count - 1;
            else if (_texts.Count > 32) _many = _texts.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
            Unsigned(0);
            var length = Encoding.UTF8.GetByteCount(value);
            Unsigned((ulong)length);
            Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
            _buffer.Advance(length);
        }
    }

    private ref struct Reader(byte[] data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;
        private List<string>? _texts;

        public byte Byte() => _data[_at++];

        public ulong Unsigned()
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = _data[_at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) return value;
            }
        }

        public long Signed()
        {
            var raw = Unsigned();
            return (long)(raw >> 1) ^ -(long)(raw & 1);
        }

        public decimal Decimal()
        {
            var head = Byte();
            var low = Unsigned();
            var high = (head & 0x40) != 0 ? (int)(uint)Unsigned() : 0;
            return new decimal((int)(uint)low, (int)(uint)(low >> 32), high, (head & 0x80) != 0, (byte)(head & 0x3F));
        }

        public string Text()
        {
            var number = (int)Unsigned();
            _texts ??= [];
            if (number > 0) return _texts[number - 1];
            var length = (int)Unsigned();
            var text = Encoding.UTF8.GetString(_data.Slice(_at, length));
            _at += length;
            _texts.Add(text);
            return text;
        }
    }
}
