using BackOffice.Core.Common;

namespace BackOffice.Core.Kyc.Corporate;

/// <summary>
/// What makes a structure call for attention. The 25 % threshold is the EU AMLD and FATF figure for a
/// beneficial owner; one corporate layer (a company owning the client) is ordinary, a company behind that
/// company is where ownership starts to be hidden.
/// </summary>
public sealed record OwnershipRules(decimal BeneficialOwnerThreshold = 25m, int MaxCorporateLayers = 1)
{
    public static OwnershipRules Default { get; } = new();
}

/// <summary>
/// A corporate client's related parties and who holds what: the client company is the root, each holding an
/// edge "holder owns p % of company". Pure: filled from the registers, it answers who really owns the client.
/// </summary>
public sealed record OwnershipStructure(long RootId, IReadOnlyList<RelatedParty> Parties, IReadOnlyList<Holding> Holdings)
{
    /// <summary>Everything that makes the structure impossible, each as a sentence naming the party; empty when it holds together.</summary>
    public IReadOnlyList<Error> Validate() => OwnershipValidation.Check(this);

    /// <summary>Effective ownership, beneficial owners and complexity, or why the structure cannot be analysed.</summary>
    public Result<OwnershipAnalysis> Analyse(OwnershipRules? rules = null)
    {
        rules ??= OwnershipRules.Default;
        var problems = Validate();
        if (problems.Count > 0)
            return new Error("ownership.invalid",
                "The ownership structure cannot be analysed: " + string.Join(" ", problems.Select(p => p.Message)),
                problems.GroupBy(p => p.Code).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));

        var graph = new OwnershipGraph(this);
        var owners = graph.PathsToPersons()
            .GroupBy(path => path.Holder.Id)
            .Select(g => new PersonOwnership(g.First().Holder, [.. g.OrderBy(p => p.Links.Count).ThenByDescending(p => p.Percent)]))
            .OrderByDescending(o => o.Total).ThenBy(o => o.Person.Name, StringComparer.Ordinal)
            .ToList();
        var beneficial = owners.Where(o => o.Total >= rules.BeneficialOwnerThreshold).ToList();
        return new OwnershipAnalysis(owners, beneficial, OwnershipComplexity.Of(graph, rules.MaxCorporateLayers));
    }
}
