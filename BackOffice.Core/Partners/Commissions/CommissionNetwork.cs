using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Partners.Commissions;

/// <summary>The partner network's history read once for a batch of clients: attributions, tree links, plan assignments and plan versions.</summary>
public sealed class CommissionNetwork : ICommissionNetwork
{
    private readonly Dictionary<long, List<ClientAttribution>> _attributions;
    private readonly Dictionary<long, List<PartnerParentLink>> _links;
    private readonly Dictionary<long, List<PartnerPlanAssignment>> _assignments;
    private readonly Dictionary<long, List<(DateTime From, DateTime? To, PlanTerms Terms)>> _versions;
    private readonly Dictionary<long, List<PartnerStatusChange>> _statuses;
    private readonly Dictionary<long, List<PartnerRateOverride>> _overrides;

    private CommissionNetwork(IEnumerable<ClientAttribution> attributions, IEnumerable<PartnerParentLink> links, IEnumerable<PartnerPlanAssignment> assignments,
        IEnumerable<(long PlanId, DateTime From, DateTime? To, PlanTerms Terms)> versions, IEnumerable<PartnerStatusChange> statuses, IEnumerable<PartnerRateOverride> overrides)
    {
        _overrides = overrides.GroupBy(o => o.PartnerId).ToDictionary(g => g.Key, g => g.OrderBy(o => o.From).ToList());
        _attributions = attributions.GroupBy(a => a.ClientId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.From).ToList());
        _links = links.GroupBy(l => l.PartnerId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.From).ToList());
        _assignments = assignments.GroupBy(a => a.PartnerId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.From).ToList());
        var list = versions.ToList();
        _versions = list.GroupBy(v => v.PlanId).ToDictionary(g => g.Key, g => g.OrderBy(v => v.From).Select(v => (v.From, v.To, v.Terms)).ToList());
        _statuses = statuses.GroupBy(s => s.PartnerId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.From).ThenBy(s => s.Id).ToList());
    }

    /// <summary>Reads what the deals of <paramref name="clientIds"/> need (all of it when null).</summary>
    public static async Task<CommissionNetwork> LoadAsync(BackOfficeDb db, IReadOnlyCollection<long>? clientIds, CancellationToken ct)
    {
        var attributions = new List<ClientAttribution>();
        if (clientIds is null) attributions = await db.ClientAttributions.AsNoTracking().ToListAsync(ct);
        else
            foreach (var chunk in clientIds.Chunk(500))
                attributions.AddRange(await db.ClientAttributions.AsNoTracking().Where(a => chunk.Contains(a.ClientId)).ToListAsync(ct));
        var links = await db.PartnerParentLinks.AsNoTracking().ToListAsync(ct);
        var assignments = await db.PartnerPlanAssignments.AsNoTracking().ToListAsync(ct);
        var plans = await db.CommissionPlans.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var versions = await db.CommissionPlanVersions.AsNoTracking().Include(v => v.Rules).ToListAsync(ct);
        var statuses = await db.PartnerStatusChanges.AsNoTracking().ToListAsync(ct);
        var overrides = await db.PartnerRateOverrides.AsNoTracking().ToListAsync(ct);
        return new CommissionNetwork(attributions, links, assignments,
            versions.Select(v => (v.PlanId, v.EffectiveFrom, v.EffectiveTo, TermsOf(plans[v.PlanId], v))), statuses, overrides);
    }

    public static PlanTerms TermsOf(CommissionPlan plan, CommissionPlanVersion v) =>
        new(v.Id, plan.Code, plan.Name, v.Number, plan.Currency, v.MinimumHoldSeconds, v.HedgeCountedOnce, v.Rounding, v.Rules);

    // The lookups below run for every deal and level of a run: plain loops from the latest entry back, no allocation.

    /// <summary>The chain last asked for: a run asks for one per deal and reads it before asking again.</summary>
    private readonly List<long> _chain = new(8);

    /// <summary>The client's chain at <paramref name="at"/>, valid until the next call.</summary>
    public IReadOnlyList<long> ChainAt(long clientId, DateTime at)
    {
        var chain = _chain;
        chain.Clear();
        if (!_attributions.TryGetValue(clientId, out var list)) return chain;
        ClientAttribution? attribution = null;
        for (var i = list.Count - 1; i >= 0 && attribution is null; i--)
            if (list[i].From <= at && (list[i].To is not { } to || to > at)) attribution = list[i];
        if (attribution is null) return chain;
        for (long? id = attribution.PartnerId; id is { } current && !chain.Contains(current); id = ParentAt(current, at))
            chain.Add(current);
        return chain;
    }

    /// <summary>The plan the partner earned under at <paramref name="at"/>, if any.</summary>
    public long? PlanAt(long partnerId, DateTime at)
    {
        if (!_assignments.TryGetValue(partnerId, out var list)) return null;
        for (var i = list.Count - 1; i >= 0; i--)
            if (list[i].From <= at && (list[i].To is not { } to || to > at)) return list[i].PlanId;
        return null;
    }

    public PlanTerms? TermsOf(long partnerId, DateTime at)
    {
        if (PlanAt(partnerId, at) is not { } planId || !_versions.TryGetValue(planId, out var versions)) return null;
        for (var i = versions.Count - 1; i >= 0; i--)
            if (versions[i].From <= at && (versions[i].To is not { } to || to > at)) return versions[i].Terms;
        return null;
    }

    public bool Earns(long partnerId, DateTime at)
    {
        if (!_statuses.TryGetValue(partnerId, out var changes)) return true;
        for (var i = changes.Count - 1; i >= 0; i--)
            if (changes[i].From <= at) return changes[i].Status == PartnerStatus.Active;
        return true;
    }

    public PartnerRateOverride? OverrideOf(long partnerId, int level, CommissionRule rule, DateTime at) =>
        _overrides.TryGetValue(partnerId, out var list) && PlanAt(partnerId, at) is { } planId ? list.LastOrDefault(o => o.Overrides(planId, level, rule, at)) : null;

    /// <summary>Whether the client was ever attributed to a partner (only such a client earns anyone anything).</summary>
    public bool HasPartner(long clientId) => _attributions.ContainsKey(clientId);

    /// <summary>Whether any version of any plan has a rule of this kind.</summary>
    public bool Pays(CommissionKind kind) => _versions.Values.Any(list => list.Any(v => v.Terms.Rules.Any(r => r.Kind == kind)));

    private long? ParentAt(long partnerId, DateTime at)
    {
        if (!_links.TryGetValue(partnerId, out var list)) return null;
        for (var i = list.Count - 1; i >= 0; i--)
            if (list[i].From <= at && (list[i].To is not { } to || to > at)) return list[i].ParentId;
        return null;
    }
}
