using System.Globalization;
using BackOffice.Core.Common;
using BackOffice.Core.Platform;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>A client's first credited deposit as a CPA reads it: when, how much, and the type of the account it went to.</summary>
public sealed record FirstDeposit(long ClientId, DateTime At, Money Amount, string AccountType);

/// <summary>
/// Finds the moment a referred client qualifies for a CPA and drafts one line per client and level, for the partner at that
/// level of the client's chain then, under its plan version then. Under a rule the client qualifies when its first credited
/// deposit reaches the rule's minimum (the deposit is the moment), when its closed volume reaches the rule's minimum lots (the
/// closing deal that reaches it is the moment), or, with both conditions, at the later of the two. Closed volume is the lots of
/// the client's closing deals (entry out or out-by) on all its accounts. A line is keyed by client and level
/// (<see cref="Key"/>): whichever run finds it, a client earns each level's CPA once. Pure: the caller gives the deposit, the
/// volume closed before the deals it feeds, and filters out keys paid by earlier runs.
/// </summary>
public sealed class CpaQualification(ICommissionNetwork network, List<CommissionLineDraft> lines, Func<Money, string, decimal?> valueIn)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly Dictionary<long, Client> _clients = [];
    private readonly HashSet<string> _drafted = [];

    public static string Key(long clientId, int level) => $"cpa:{clientId}:{level}";

    /// <summary>
    /// Follows a client: its first deposit (null: none yet) and the lots it closed before the first deal fed. A moment is
    /// looked at only once a deal to compute has changed the client's volume at or before it (earlier runs looked at the rest),
    /// or, with <paramref name="depositMoment"/>, the deposit's moment in any case (its first look).
    /// </summary>
    public void Follow(long clientId, FirstDeposit? deposit, decimal closedLotsBefore, bool depositMoment = false) =>
        _clients[clientId] = new Client(deposit) { Lots = closedLotsBefore, DepositPending = deposit is not null, DepositMoment = depositMoment };

    /// <summary>A deal of a followed client, in time order; its closing volume may qualify the client.</summary>
    public void Observe(DealFacts deal)
    {
        if (_clients.Count == 0 || !_clients.TryGetValue(deal.ClientId, out var client)) return;
        if (client.DepositPending && deal.TimeUtc > client.Deposit!.At) DepositMoment(deal.ClientId, client);
        if (deal.Entry is not (DealEntry.Out or DealEntry.OutBy) || deal.Side is not (DealAction.Buy or DealAction.Sell) || deal.Lots <= 0) return;
        var before = client.Lots;
        client.Lots += deal.Lots;
        client.Changed |= deal.ToCompute;
        if (!client.Changed) return;
        Look(deal.ClientId, deal.TimeUtc, deal.AccountType, client, (rule, currency) =>
            rule.MinimumLots is { } minimum && before < minimum && client.Lots >= minimum && DepositMet(rule, client.Deposit, deal.TimeUtc, currency)
                ? $"{Lots(client.Lots)} lots closed by deal {deal.Ticket} on {deal.TimeUtc:yyyy-MM-dd HH:mm} UTC ≥ {Lots(minimum)}"
                  + (rule.MinimumDeposit is { } least
                      ? $", first deposit {DepositText(client.Deposit!, currency)} on {client.Deposit!.At:yyyy-MM-dd HH:mm} UTC ≥ {Amount(least)} {currency}"
                      : "")
                : null, deal.Ticket);
    }

    /// <summary>The deposit moments no later deal came to: the client's volume then is the volume now.</summary>
    public void Complete()
    {
        foreach (var (clientId, client) in _clients)
            if (client.DepositPending) DepositMoment(clientId, client);
    }

    private void DepositMoment(long clientId, Client client)
    {
        client.DepositPending = false;
        if (!client.Changed && !client.DepositMoment) return;
        var deposit = client.Deposit!;
        Look(clientId, deposit.At, deposit.AccountType, client, (rule, currency) =>
            rule.MinimumDeposit is not null && DepositMet(rule, deposit, deposit.At, currency) && (rule.MinimumLots is not { } minimum || client.Lots >= minimum)
                ? $"first deposit {DepositText(deposit, currency)} on {deposit.At:yyyy-MM-dd HH:mm} UTC ≥ {Amount(rule.MinimumDeposit.Value)} {currency}"
                  + (rule.MinimumLots is { } lots ? $", {Lots(client.Lots)} lots closed by then ≥ {Lots(lots)}" : "")
                : null, 0);
    }

    /// <summary>At a moment, each level whose CPA rule then is met at that moment (<paramref name="met"/> says how, or null) earns its CPA once.</summary>
    private void Look(long clientId, DateTime at, string accountType, Client client, Func<CommissionRule, string, string?> met, long ticket)
    {
        var chain = network.ChainAt(clientId, at);
        for (var i = 0; i < chain.Count && i < CommissionCalculator.MaxLevels; i++)
        {
            var level = i + 1;
            var key = Key(clientId, level);
            if (_drafted.Contains(key) || !network.Earns(chain[i]) || network.TermsOf(chain[i], at) is not { } terms) continue;
            if (CommissionCalculator.RuleFor(terms, level, CommissionKind.Cpa, SymbolGroups.Any, accountType) is not { } rule) continue;
            if (met(rule, terms.Currency) is not { } how) continue;
            _drafted.Add(key);
            var own = network.OverrideOf(chain[i], level, rule, at);
            var amount = own?.Rate ?? rule.Rate;
            lines.Add(new CommissionLineDraft(null, ticket, clientId, chain[i], level, terms.VersionId, CommissionKind.Cpa, SymbolGroups.Any, "", at,
                amount, null, client.Lots, 0, 0, 0, client.Deposit is { } d ? valueIn(d.Amount, terms.Currency) ?? 0 : 0,
                CommissionCalculator.ToMinor(amount, terms.Currency, terms.Rounding), terms.Currency, key, how, OverrideId: own?.Id));
        }
    }

    /// <summary>A rule's deposit condition at a moment: none, or a first deposit by then worth at least the minimum in the plan's currency.</summary>
    private bool DepositMet(CommissionRule rule, FirstDeposit? deposit, DateTime at, string currency) =>
        rule.MinimumDeposit is not { } least || deposit is not null && deposit.At <= at && valueIn(deposit.Amount, currency) >= least;

    private string DepositText(FirstDeposit deposit, string currency) =>
        string.Equals(deposit.Amount.Currency, currency, StringComparison.OrdinalIgnoreCase) || valueIn(deposit.Amount, currency) is not { } value
            ? deposit.Amount.ToString()
            : $"{deposit.Amount} ({Amount(value)} {currency})";

    private static string Lots(decimal lots) => lots.ToString("0.00##", Invariant);

    private static string Amount(decimal amount) => amount.ToString("N2", Invariant);

    private sealed class Client(FirstDeposit? deposit)
    {
        public FirstDeposit? Deposit { get; } = deposit;
        public decimal Lots { get; set; }
        public bool DepositPending { get; set; }
        public bool DepositMoment { get; set; }

        /// <summary>A deal to compute has changed the client's volume: the moments from it on are looked at again.</summary>
        public bool Changed { get; set; }
    }
}
