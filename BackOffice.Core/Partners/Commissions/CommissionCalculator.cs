using BackOffice.Core.Common;
using BackOffice.Core.Platform;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>A stored deal as the calculator needs it, with its account's type and currency.</summary>
public sealed record DealFacts(long DealId, long Ticket, long TradingAccountId, long ClientId, string AccountType, string AccountCurrency,
    DateTime TimeUtc, string Symbol, DealAction Side, DealEntry Entry, decimal Lots, decimal Commission, bool ToCompute, decimal Profit = 0, decimal Swap = 0);

/// <summary>A plan version's terms as a run applies them.</summary>
public sealed record PlanTerms(long VersionId, string PlanCode, string PlanName, int Number, string Currency, int MinimumHoldSeconds,
    bool HedgeCountedOnce, CommissionRounding Rounding, IReadOnlyList<CommissionRule> Rules);

/// <summary>The partner network at any moment: who a client's partners were, what plan each earned under, and who earns at all.</summary>
public interface ICommissionNetwork
{
    /// <summary>
    /// The client's partner at <paramref name="at"/> and its ancestors then, level 1 first; empty when it had none. Read before
    /// asking again: a network may hand the same list back, refilled.
    /// </summary>
    IReadOnlyList<long> ChainAt(long clientId, DateTime at);

    /// <summary>The plan version the partner earned under at <paramref name="at"/>; null when it had no plan.</summary>
    PlanTerms? TermsOf(long partnerId, DateTime at);

    /// <summary>False while the partner was suspended or terminated at <paramref name="at"/>: its levels earn nothing for that deal.</summary>
    bool Earns(long partnerId, DateTime at);

    /// <summary>The partner's own rate for a rule of its plan at <paramref name="at"/>, if it has one.</summary>
    PartnerRateOverride? OverrideOf(long partnerId, int level, CommissionRule rule, DateTime at) => null;
}

/// <summary>
/// One computed commission: a deal (none for a CPA or a revenue share), a client (none for a revenue share), a partner at a
/// level, the rule that applied, its inputs and the amount.
/// </summary>
public sealed record CommissionLineDraft(long? DealId, long Ticket, long? ClientId, long PartnerId, int Level, long PlanVersionId, CommissionKind Kind,
    string SymbolGroup, string Symbol, DateTime DealTime, decimal Rate, decimal? PipValue, decimal ClosedLots, decimal EligibleLots, decimal ShortHeldLots,
    decimal HedgedLots, decimal Basis, long AmountMinor, string Currency, string? OnceKey = null, string? Detail = null, NetRevenue? Revenue = null,
    CommissionRounding Rounding = CommissionRounding.HalfEven, long? OverrideId = null);

/// <summary>
/// A deal's commission line as the calculator makes it, handed to a <see cref="IDealLineSink"/> and not kept: a run makes
/// twenty million of them. The deal, the plan's terms and the rule are the calculator's own objects.
/// </summary>
public readonly record struct DealLine(DealFacts Deal, long PartnerId, int Level, PlanTerms Terms, CommissionRule Rule, string SymbolGroup, decimal Rate,
    decimal ClosedLots, decimal EligibleLots, decimal ShortHeldLots, decimal HedgedLots, decimal Basis, long AmountMinor, long? OverrideId)
{
    public CommissionLineDraft ToDraft() => new(Deal.DealId, Deal.Ticket, Deal.ClientId, PartnerId, Level, Terms.VersionId, Rule.Kind, SymbolGroup, Deal.Symbol,
        Deal.TimeUtc, Rate, Rule.PipValue, ClosedLots, EligibleLots, ShortHeldLots, HedgedLots, Basis, AmountMinor, Terms.Currency, OverrideId: OverrideId);
}

/// <summary>Where the calculator puts its deals' lines instead of <see cref="CommissionCalculator.Lines"/>.</summary>
public interface IDealLineSink
{
    void Add(in DealLine line);
}

/// <summary>
/// Computes commission lines from deals fed in time order per client. Commission is earned on the round turn, when a
/// position closes: per lot and spread rules on the closed lots, commission share on what the client was charged to open
/// and to close them. Open positions are followed per account (first in, first out) so that the plan's minimum holding
/// time can be checked, and per client and symbol so that volume opened against an open opposite position (a hedge,
/// possibly on another of the client's accounts) is known and, where the plan says so, counted once. Deals already
/// computed by an earlier run are fed too (not <see cref="DealFacts.ToCompute"/>), to rebuild the positions, and produce no
/// lines. Asked to, it also follows clients for a CPA (<see cref="FollowCpa"/>) and adds up the net revenue of each level's
/// clients for a revenue share (<see cref="ShareRevenue"/>); a partner's own rate replaces its plan's where the network has
/// one. Pure: no database, no clock.
/// </summary>
public sealed class CommissionCalculator(ICommissionNetwork network)
{
    /// <summary>The deepest level paid: a guard against a tree gone wrong.</summary>
    internal const int MaxLevels = 20;

    /// <summary>The kinds a closing deal pays by itself.</summary>
    private static readonly CommissionKind[] DealKinds = [CommissionKind.PerLot, CommissionKind.SpreadPips, CommissionKind.CommissionShare];

    private readonly Dictionary<(long Client, string Symbol), List<OpenLot>> _books = [];

    // A run looks the same few symbols and rules up for millions of deals: each is worked out once.
    private readonly Dictionary<string, string> _groups = [];
    private readonly Dictionary<(long Version, int Level, string Group, string AccountType), CommissionRule?[]> _rules = [];

    /// <summary>The lines computed: a CPA's and a revenue share's, and a deal's unless they go to <see cref="DealLines"/>.</summary>
    public List<CommissionLineDraft> Lines { get; } = [];

    /// <summary>Takes the deals' lines as they are made, when set.</summary>
    public IDealLineSink? DealLines { get; set; }

    /// <summary>Deals whose partner at some level was suspended or terminated, so that level earned nothing: partner → deals.</summary>
    public Dictionary<long, int> SkippedForStatus { get; } = [];

    public int DealsComputed { get; private set; }

    /// <summary>The clients followed for a CPA (none unless the caller follows them), fed every deal.</summary>
    public CpaQualification? Cpa { get; private set; }

    /// <summary>Follows CPA qualification too, converting a first deposit to a plan's currency with <paramref name="valueIn"/>.</summary>
    public CpaQualification FollowCpa(Func<Money, string, decimal?> valueIn) => Cpa ??= new CpaQualification(network, Lines, valueIn);

    /// <summary>The net revenue of the deals computed, for revenue-share rules (null unless asked for: it reads every deal's chain).</summary>
    public RevenueShareBook? Revenue { get; private set; }

    public void ShareRevenue() => Revenue = new RevenueShareBook();

    /// <summary>After the last deal: the CPA moments no deal came after, and the revenue shares' lines.</summary>
    public void Complete()
    {
        Cpa?.Complete();
        if (Revenue is not null) Lines.AddRange(Revenue.Drafts());
    }

    /// <summary>
    /// After a batch of a run that goes on: the revenue shares' lines of the deals so far (a later batch's lines for the same
    /// day are added into them), leaving the positions and the CPAs' progress for the next batch.
    /// </summary>
    public void CompleteBatch()
    {
        if (Revenue is null) return;
        Lines.AddRange(Revenue.Drafts());
        Revenue = new RevenueShareBook();
    }

    public void Add(DealFacts deal)
    {
        if (deal.Side is not (DealAction.Buy or DealAction.Sell) || deal.Lots <= 0) return;
        Cpa?.Observe(deal);
        var segments = Apply(deal);
        if (!deal.ToCompute) return;
        DealsComputed++;
        if (segments.Count == 0 && Revenue is null) return;
        var chain = network.ChainAt(deal.ClientId, deal.TimeUtc);
        if (!_groups.TryGetValue(deal.Symbol, out var group)) _groups[deal.Symbol] = group = SymbolGroups.Of(deal.Symbol);
        for (var i = 0; i < chain.Count && i < MaxLevels; i++)
        {
            var partner = chain[i];
            if (!network.Earns(partner, deal.TimeUtc))
            {
                if (segments.Count > 0) SkippedForStatus[partner] = SkippedForStatus.GetValueOrDefault(partner) + 1;
                continue;
            }
            if (network.TermsOf(partner, deal.TimeUtc) is not { } terms) continue;
            var level = i + 1;
            var rules = CachedRules(terms, level, group, deal.AccountType);
            if (segments.Count > 0)
                for (var k = 0; k < DealKinds.Length; k++)
                {
                    if (rules[k] is not { } rule) continue;
                    var line = LineFor(deal, segments, partner, level, terms, rule, network.OverrideOf(partner, level, rule, deal.TimeUtc), group);
                    if (DealLines is { } sink) sink.Add(in line);
                    else Lines.Add(line.ToDraft());
                }
            if (Revenue is not null && rules[DealKinds.Length] is { } share)
                Revenue.Add(deal, segments.Sum(s => s.Lots), partner, level, terms, share, network.OverrideOf(partner, level, share, deal.TimeUtc));
        }
    }

    /// <summary>The most specific rule of a kind for a level: a named group before "*", then a named account type before "*".</summary>
    public static CommissionRule? RuleFor(PlanTerms terms, int level, CommissionKind kind, string group, string accountType)
    {
        CommissionRule? best = null;
        var bestScore = -1;
        foreach (var r in terms.Rules)
        {
            if (r.Level != level || r.Kind != kind) continue;
            if (r.SymbolGroup != SymbolGroups.Any && r.SymbolGroup != group) continue;
            if (r.AccountType != SymbolGroups.Any && !string.Equals(r.AccountType, accountType, StringComparison.OrdinalIgnoreCase)) continue;
            var score = (r.SymbolGroup == group ? 2 : 0) + (r.AccountType != SymbolGroups.Any ? 1 : 0);
            if (score > bestScore) (best, bestScore) = (r, score);
        }
        return best;
    }

    /// <summary>The rules a deal of a group and account type meets at a level of a plan version: the deal kinds', then the revenue share.</summary>
    private CommissionRule?[] CachedRules(PlanTerms terms, int level, string group, string accountType)
    {
        var key = (terms.VersionId, level, group, accountType);
        if (!_rules.TryGetValue(key, out var rules))
            _rules[key] = rules = [.. DealKinds.Select(kind => RuleFor(terms, level, kind, group, accountType)), RuleFor(terms, level, CommissionKind.RevenueShare, group, accountType)];
        return rules;
    }

    /// <summary>Rounds an amount in <paramref name="currency"/> to its minor unit as the plan says.</summary>
    public static long ToMinor(decimal amount, string currency, CommissionRounding rounding) =>
        ToMinor(amount, Currencies.Find(currency)?.UnitsPerWhole ?? 100, rounding);

    private static long ToMinor(decimal amount, long unitsPerWhole, CommissionRounding rounding)
    {
        var scaled = amount * unitsPerWhole;
        return (long)(rounding switch
        {
            CommissionRounding.HalfUp => Math.Round(scaled, MidpointRounding.AwayFromZero),
            CommissionRounding.Down => Math.Floor(scaled),
            _ => Math.Round(scaled, MidpointRounding.ToEven),
        });
    }

    private string? _unitsOf;
    private long _units;

    /// <summary>Minor units in one of <paramref name="currency"/>: the last currency's kept (every line asks).</summary>
    private long UnitsOf(string currency)
    {
        if (!ReferenceEquals(currency, _unitsOf)) (_unitsOf, _units) = (currency, Currencies.Find(currency)?.UnitsPerWhole ?? 100);
        return _units;
    }

    private DealLine LineFor(DealFacts deal, List<Segment> segments, long partner, int level, PlanTerms terms, CommissionRule rule,
        PartnerRateOverride? own, string group)
    {
        var rate = own?.Rate ?? rule.Rate;
        decimal closed = 0, eligible = 0, shortHeld = 0, hedged = 0, basis = 0;
        // What the client was charged matters to a commission share only (a division and a product per segment otherwise wasted).
        var charged = rule.Kind == CommissionKind.CommissionShare;
        var closeCommissionPerLot = charged ? Math.Abs(deal.Commission) / deal.Lots : 0;
        foreach (var s in segments)
        {
            closed += s.Lots;
            var counted = s.Lots;
            if (terms.MinimumHoldSeconds > 0 && s.OpenedAt is { } opened && (deal.TimeUtc - opened).TotalSeconds < terms.MinimumHoldSeconds)
            {
                shortHeld += counted;
                counted = 0;
            }
            else if (terms.HedgeCountedOnce && s.Hedged > 0)
            {
                hedged += s.Hedged;
                counted -= s.Hedged;
            }
            eligible += counted;
            if (charged) basis += counted * (s.OpenCommissionPerLot + closeCommissionPerLot);
        }
        var sameCurrency = charged && string.Equals(deal.AccountCurrency, terms.Currency, StringComparison.OrdinalIgnoreCase);
        var amount = rule.Kind switch
        {
            CommissionKind.PerLot => rate * eligible,
            CommissionKind.SpreadPips => rate * (rule.PipValue ?? 0) * eligible,
            _ => sameCurrency ? rate / 100m * basis : 0,
        };
        return new DealLine(deal, partner, level, terms, rule, group, rate, closed, eligible, shortHeld, hedged,
            rule.Kind == CommissionKind.CommissionShare && sameCurrency ? Math.Round(basis, 2) : 0, ToMinor(amount, UnitsOf(terms.Currency), terms.Rounding), own?.Id);
    }

    /// <summary>What the deal being added closed: one list for every deal (a run adds millions), read before the next.</summary>
    private readonly List<Segment> _segments = [];

    /// <summary>Moves the positions by one deal; returns what it closed.</summary>
    private List<Segment> Apply(DealFacts deal)
    {
        var key = (deal.ClientId, deal.Symbol);
        if (!_books.TryGetValue(key, out var book)) _books[key] = book = [];
        var closes = deal.Entry is DealEntry.Out or DealEntry.OutBy or DealEntry.InOut;
        var segments = _segments;
        segments.Clear();
        var left = deal.Lots;
        if (closes)
        {
            var closedSide = deal.Side == DealAction.Buy ? DealAction.Sell : DealAction.Buy;
            var emptied = false;
            for (var i = 0; i < book.Count && left > 0; i++)
            {
                var lot = book[i];
                if (lot.Account != deal.TradingAccountId || lot.Side != closedSide || lot.Lots <= 0) continue;
                var take = Math.Min(left, lot.Lots);
                var hedgedPart = Math.Min(take, lot.Hedged);
                segments.Add(new Segment(take, lot.OpenedAt, hedgedPart, lot.CommissionPerLot));
                lot.Lots -= take;
                lot.Hedged -= hedgedPart;
                lot.Free = Math.Min(lot.Free, lot.Lots);
                left -= take;
                emptied |= lot.Lots <= 0;
            }
            if (emptied) book.RemoveAll(static l => l.Lots <= 0);
            // A netting account's close of a position opened before the deals read: held long enough, not a hedge.
            if (deal.Entry != DealEntry.InOut && left > 0) segments.Add(new Segment(left, null, 0, 0));
            if (deal.Entry != DealEntry.InOut) left = 0;
        }
        if (left > 0)
        {
            var hedge = 0m;
            for (var i = 0; i < book.Count && hedge < left; i++)
            {
                var lot = book[i];
                if (lot.Side == deal.Side || lot.Free <= 0) continue;
                var pair = Math.Min(left - hedge, lot.Free);
                lot.Free -= pair;
                hedge += pair;
            }
            book.Add(new OpenLot(deal.TradingAccountId, deal.Side, deal.TimeUtc, Math.Abs(deal.Commission) / deal.Lots)
            {
                Lots = left, Free = left - hedge, Hedged = hedge,
            });
        }
        return segments;
    }

    private readonly record struct Segment(decimal Lots, DateTime? OpenedAt, decimal Hedged, decimal OpenCommissionPerLot);

    private sealed class OpenLot(long account, DealAction side, DateTime openedAt, decimal commissionPerLot)
    {
        public long Account { get; } = account;
        public DealAction Side { get; } = side;
        public DateTime OpenedAt { get; } = openedAt;
        public decimal CommissionPerLot { get; } = commissionPerLot;
        public decimal Lots { get; set; }

        /// <summary>The part not yet paired with an opposite position opened later.</summary>
        public decimal Free { get; set; }

        /// <summary>The part opened against an open opposite position: the second side of a hedge.</summary>
        public decimal Hedged { get; set; }
    }
}
