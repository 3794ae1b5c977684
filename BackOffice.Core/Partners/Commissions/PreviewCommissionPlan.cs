using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using BackOffice.Core.Funds;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BackOffice.Core.Partners.Commissions;

public sealed record PreviewLevel(int Level, int Lines, decimal Lots, Money Amount);

public sealed record PlanPreview(int Deals, int Partners, IReadOnlyList<PreviewLevel> Levels, Money Total, string? Refused);

/// <summary>
/// What terms would have paid over a past period: the period's deals computed as a run would, with these terms in place of
/// the plan's for the partners earning under it then (under every partner, for a plan not created yet), including the CPAs
/// of clients qualifying in the period and the revenue shares of its days. Writes nothing.
/// </summary>
[RequiresPermission(PartnerPermissions.View)]
public sealed record PreviewCommissionPlan(long? PlanId, string Currency, TermsInput Terms, DateTime From, DateTime To) : IBackOfficeQuery<PlanPreview>;

public sealed class PreviewCommissionPlanHandler(BackOfficeDb db, IOptions<PartnersOptions> options, IOptions<FundsOptions> funds)
    : IQueryHandler<PreviewCommissionPlan, PlanPreview>
{
    /// <summary>The most deals a preview computes on screen.</summary>
    public const int MaxDeals = 500_000;

    public async ValueTask<PlanPreview> Handle(PreviewCommissionPlan query, CancellationToken ct)
    {
        var currency = query.Currency.Trim().ToUpperInvariant();
        PlanPreview Refuse(string why) => new(0, 0, [], Money.Zero(Currencies.Find(currency) is null ? "USD" : currency), why);
        if (query.To <= query.From) return Refuse("The period ends after it starts.");
        if (Currencies.Find(currency) is null) return Refuse($"{query.Currency} is not a currency we handle.");
        var errors = new TermsInputValidator().Validate(query.Terms with { Note = "preview" });
        if (!errors.IsValid) return Refuse(string.Join(" ", errors.Errors.Select(e => e.ErrorMessage).Distinct()));
        var since = query.From.AddDays(-options.Value.PositionLookbackDays);
        var count = await db.TradeDeals.CountAsync(d => d.TimeUtc >= query.From && d.TimeUtc < query.To, ct);
        if (count > MaxDeals) return Refuse($"The period holds {count:N0} deals; a preview computes at most {MaxDeals:N0}. Pick a shorter period.");

        var revenue = query.Terms.Rules.Any(r => r.Kind == CommissionKind.RevenueShare);
        var deals = await db.TradeDeals.AsNoTracking().Where(d => d.TimeUtc >= since && d.TimeUtc < query.To)
            .OrderBy(d => d.ClientId).ThenBy(d => d.TimeUtc).ThenBy(d => d.Ticket)
            .Select(d => new
            {
                d.Id, d.Ticket, d.TradingAccountId, d.ClientId, d.TimeUtc, d.Symbol, d.Side, d.Entry, d.Lots, d.Commission,
                Profit = revenue ? d.Profit : 0m, Swap = revenue ? d.Swap : 0m,
            })
            .ToListAsync(ct);
        var accounts = await (from a in db.TradingAccounts.AsNoTracking()
                              join t in db.AccountTypes.AsNoTracking() on a.AccountTypeId equals t.Id
                              select new { a.Id, t.Name, a.Currency }).ToDictionaryAsync(a => a.Id, ct);
        var network = await CommissionNetwork.LoadAsync(db, null, ct);
        var terms = new PlanTerms(0, "preview", "preview", 0, currency, query.Terms.MinimumHoldSeconds, query.Terms.HedgeCountedOnce, query.Terms.Rounding,
            [.. query.Terms.Rules.Select(r => new CommissionRule
            {
                SymbolGroup = r.SymbolGroup, AccountType = r.AccountType.Trim(), Level = r.Level, Kind = r.Kind, Rate = r.Rate, PipValue = r.PipValue,
                MinimumDeposit = r.MinimumDeposit, MinimumLots = r.MinimumLots,
            })]);
        var calculator = new CommissionCalculator(new Preview(network, query.PlanId, terms));
        if (revenue) calculator.ShareRevenue();
        // The referred clients who traded or made a deposit in the period: one whose first deposit is in it qualifies at that moment.
        if (terms.Rules.Any(r => r.Kind == CommissionKind.Cpa))
            await CpaFacts.FollowAsync(db, calculator,
                deals.Select(d => d.ClientId).Concat(await CpaFacts.DepositorsAsync(db, query.From, query.To, ct)).Distinct().Where(network.HasPartner).ToList(),
                since, query.To, funds.Value.ValueIn, ct, depositMomentsFrom: query.From);
        foreach (var d in deals)
        {
            var account = accounts.GetValueOrDefault(d.TradingAccountId);
            calculator.Add(new DealFacts(d.Id, d.Ticket, d.TradingAccountId, d.ClientId, account?.Name ?? "", account?.Currency ?? "", d.TimeUtc, d.Symbol, d.Side,
                d.Entry, d.Lots, d.Commission, d.TimeUtc >= query.From, d.Profit, d.Swap));
        }
        calculator.Complete();
        var levels = calculator.Lines.GroupBy(l => l.Level).OrderBy(g => g.Key)
            .Select(g => new PreviewLevel(g.Key, g.Count(), g.Sum(l => l.EligibleLots), new Money(g.Sum(l => l.AmountMinor), currency))).ToList();
        return new PlanPreview(calculator.DealsComputed, calculator.Lines.Select(l => l.PartnerId).Distinct().Count(), levels,
            new Money(levels.Sum(l => l.Amount.Minor), currency), null);
    }

    /// <summary>The network with the previewed terms for the plan's partners (every partner's, for a new plan).</summary>
    private sealed class Preview(CommissionNetwork network, long? planId, PlanTerms terms) : ICommissionNetwork
    {
        public IReadOnlyList<long> ChainAt(long clientId, DateTime at) => network.ChainAt(clientId, at);

        public PlanTerms? TermsOf(long partnerId, DateTime at) => planId is null || network.PlanAt(partnerId, at) == planId ? terms : null;

        public bool Earns(long partnerId) => network.Earns(partnerId);

        public PartnerRateOverride? OverrideOf(long partnerId, int level, CommissionRule rule, DateTime at) =>
            planId is null ? null : network.OverrideOf(partnerId, level, rule, at);
    }
}
