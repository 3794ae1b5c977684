namespace BackOffice.Core.Kyc.Corporate;

/// <summary>
/// Whether the structure is complex enough to need enhanced due diligence, and why, in sentences for the case
/// screen. Layers count companies between the client (layer 0) and the furthest corporate holder.
/// </summary>
public sealed record OwnershipComplexity(int CorporateLayers, bool HasNominees, bool HasTrusts, IReadOnlyList<string> Reasons)
{
    public bool IsComplex => Reasons.Count > 0;

    internal static OwnershipComplexity Of(OwnershipGraph graph, int maxLayers)
    {
        var reasons = new List<string>();
        var deepest = graph.PathsToCompanies().MaxBy(p => p.Links.Count);
        var layers = deepest?.Links.Count ?? 0;
        if (deepest is not null && layers > maxLayers)
            reasons.Add($"Ownership runs through {layers} corporate layers ({string.Join(" → ", deepest.Links.Select(l => l.Holder.Name))}); "
                + $"more than {Layers(maxLayers)} hides who owns the client.");

        // A nominee director is as much a screen as a nominee shareholder, so every related party counts, held or not.
        var nominees = graph.Parties.Values.Where(p => p.IsNominee && p.Id != graph.Root.Id).ToList();
        reasons.AddRange(nominees.Select(p => $"{p.Name} acts as a nominee; the person they act for must be identified."));
        var trusts = graph.Parties.Values.Where(p => p.IsTrust && p.Id != graph.Root.Id).ToList();
        reasons.AddRange(trusts.Select(p => $"{p.Name} is a trust or holds on trust; its settlor, trustees and beneficiaries must be identified."));

        return new OwnershipComplexity(layers, nominees.Count > 0, trusts.Count > 0, reasons);
    }

    private static string Layers(int n) => n == 1 ? "1 layer" : $"{n} layers";
}
