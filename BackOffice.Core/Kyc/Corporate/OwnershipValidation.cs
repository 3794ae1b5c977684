using BackOffice.Core.Common;

namespace BackOffice.Core.Kyc.Corporate;

/// <summary>What makes a declared structure impossible: holdings out of range or above 100 %, unknown parties, circles.</summary>
internal static class OwnershipValidation
{
    public static IReadOnlyList<Error> Check(OwnershipStructure s)
    {
        var problems = new List<Error>();
        foreach (var twice in s.Parties.GroupBy(p => p.Id).Where(g => g.Count() > 1))
            problems.Add(Error.Rule("ownership.duplicate_party", $"Party {twice.Key} is listed {twice.Count()} times."));
        var parties = s.Parties.DistinctBy(p => p.Id).ToDictionary(p => p.Id);
        string Name(long id) => parties.TryGetValue(id, out var p) ? p.Name : $"party {id}";

        if (!parties.TryGetValue(s.RootId, out var root))
            problems.Add(Error.Rule("ownership.root_missing", $"The client company ({Name(s.RootId)}) is not among the related parties."));
        else if (root.Kind != PartyKind.Company)
            problems.Add(Error.Rule("ownership.root_not_company", $"{root.Name} is a person; only a company has an ownership structure."));

        foreach (var h in s.Holdings)
        {
            foreach (var unknown in new[] { h.HolderId, h.CompanyId }.Where(id => !parties.ContainsKey(id)).Distinct())
                problems.Add(Error.Rule("ownership.unknown_party",
                    $"A holding refers to party {unknown}, which is not among the related parties."));
            if (parties.GetValueOrDefault(h.CompanyId) is { Kind: PartyKind.Person } person)
                problems.Add(Error.Rule("ownership.person_held",
                    $"{Name(h.HolderId)} is recorded as holding shares in {person.Name}, a person; only companies have shareholders."));
            if (h.Percent is <= 0 or > 100)
                problems.Add(Error.Rule("ownership.percent_out_of_range",
                    $"{Name(h.HolderId)}'s holding in {Name(h.CompanyId)} is {KycText.Percent(h.Percent)}; a holding is more than 0 % and at most 100 %."));
        }

        foreach (var company in s.Holdings.GroupBy(h => h.CompanyId))
        {
            // A holding already out of range has its own sentence; adding it here would say the same twice.
            var total = company.Where(h => h.Percent is > 0 and <= 100).Sum(h => h.Percent);
            if (total > 100)
                problems.Add(Error.Rule("ownership.over_100",
                    $"Direct holdings in {Name(company.Key)} add up to {KycText.Percent(total)}, more than 100 %."));
        }

        problems.AddRange(Circles(s, parties).Select(circle => Error.Rule("ownership.cycle",
            $"Ownership goes round in a circle: {string.Join(", which holds ", circle.Select(Name))}.")));
        return problems;
    }

    /// <summary>Each circle of "holds" edges once, as the parties along it with the first repeated at the end.</summary>
    private static List<List<long>> Circles(OwnershipStructure s, Dictionary<long, RelatedParty> parties)
    {
        var holds = s.Holdings.GroupBy(h => h.HolderId).ToDictionary(g => g.Key, g => g.Select(h => h.CompanyId).Distinct().ToList());
        var state = new Dictionary<long, bool>(); // false: on the current walk; true: finished
        var walk = new List<long>();
        var circles = new List<List<long>>();

        void Visit(long id)
        {
            state[id] = false;
            walk.Add(id);
            foreach (var next in holds.GetValueOrDefault(id) ?? [])
            {
                if (!state.TryGetValue(next, out var finished)) Visit(next);
                else if (!finished) circles.Add([.. walk[walk.IndexOf(next)..], next]);
            }
            walk.RemoveAt(walk.Count - 1);
            state[id] = true;
        }

        foreach (var id in parties.Keys.Concat(holds.Keys).Distinct().Where(id => !state.ContainsKey(id)))
            Visit(id);
        return circles;
    }
}
