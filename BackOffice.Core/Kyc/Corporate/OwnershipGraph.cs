namespace BackOffice.Core.Kyc.Corporate;

/// <summary>Lookups over a validated structure: who holds each company, and every chain of holdings from the root outward.</summary>
internal sealed class OwnershipGraph
{
    private readonly Dictionary<long, List<Holding>> holdersOf;

    public OwnershipGraph(OwnershipStructure structure)
    {
        Parties = structure.Parties.ToDictionary(p => p.Id);
        Root = Parties[structure.RootId];
        holdersOf = structure.Holdings.GroupBy(h => h.CompanyId).ToDictionary(g => g.Key, g => g.ToList());
    }

    public IReadOnlyDictionary<long, RelatedParty> Parties { get; }
    public RelatedParty Root { get; }

    public IEnumerable<OwnershipPath> PathsToPersons() => Chains(Root.Id, []).Where(p => p.Holder.Kind == PartyKind.Person);

    public IEnumerable<OwnershipPath> PathsToCompanies() => Chains(Root.Id, []).Where(p => p.Holder.Kind == PartyKind.Company);

    /// <summary>
    /// Every chain that reaches the root. Their number grows with the product of the branching, which real
    /// registers keep small; validation has ruled out circles, so the walk ends.
    /// </summary>
    private IEnumerable<OwnershipPath> Chains(long companyId, IReadOnlyList<OwnershipLink> outer)
    {
        foreach (var holding in holdersOf.GetValueOrDefault(companyId) ?? [])
        {
            var holder = Parties[holding.HolderId];
            var path = new OwnershipPath([.. outer, new OwnershipLink(holder, Parties[companyId], holding.Percent)]);
            yield return path;
            if (holder.Kind == PartyKind.Company)
                foreach (var deeper in Chains(holder.Id, path.Links))
                    yield return deeper;
        }
    }
}
