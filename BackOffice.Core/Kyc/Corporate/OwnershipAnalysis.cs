namespace BackOffice.Core.Kyc.Corporate;

/// <summary>Who owns the client, who of them are beneficial owners, and whether the structure calls for enhanced due diligence.</summary>
public sealed record OwnershipAnalysis(
    IReadOnlyList<PersonOwnership> Owners,
    IReadOnlyList<PersonOwnership> BeneficialOwners,
    OwnershipComplexity Complexity);

/// <summary>One holding on a chain: <see cref="Holder"/> owns <see cref="Percent"/> % of <see cref="Company"/>.</summary>
public sealed record OwnershipLink(RelatedParty Holder, RelatedParty Company, decimal Percent);

/// <summary>A chain of holdings from the client company outward to <see cref="Holder"/>.</summary>
public sealed record OwnershipPath(IReadOnlyList<OwnershipLink> Links)
{
    public RelatedParty Holder => Links[^1].Holder;

    public bool IsDirect => Links.Count == 1;

    /// <summary>The share of the client this chain carries: the product of the holdings along it.</summary>
    public decimal Percent => Links.Aggregate(100m, (share, link) => share * link.Percent / 100m);

    /// <summary>The companies between the client and the holder, nearest the client first.</summary>
    public IEnumerable<RelatedParty> Through => Links.SkipLast(1).Select(l => l.Holder);

    /// <summary>"direct 30 %" or "via HoldCo Ltd 60 % × 50 % = 30 %", as the case screen lists it.</summary>
    public string Text => IsDirect
        ? $"direct {KycText.Percent(Percent)}"
        : $"via {string.Join(" → ", Through.Select(c => c.Name))} "
          + $"{string.Join(" × ", Links.Select(l => KycText.Percent(l.Percent)))} = {KycText.Percent(Percent)}";
}

/// <summary>A natural person's share of the client: held directly, through companies, and in total.</summary>
public sealed record PersonOwnership(RelatedParty Person, IReadOnlyList<OwnershipPath> Paths)
{
    public decimal Direct => Paths.Where(p => p.IsDirect).Sum(p => p.Percent);
    public decimal Indirect => Paths.Where(p => !p.IsDirect).Sum(p => p.Percent);
    public decimal Total => Direct + Indirect;

    /// <summary>Whether the client's own declaration names this person a beneficial owner.</summary>
    public bool IsDeclared => Person.Roles.HasFlag(PartyRoles.BeneficialOwner);

    public IEnumerable<string> PathTexts => Paths.Select(p => p.Text);
}
