using BackOffice.Core.Accounts.Clients;
using BackOffice.Core.Common;
using BackOffice.Core.Common.Data;
using Microsoft.EntityFrameworkCore;

namespace BackOffice.Core.Kyc.Corporate;

/// <summary>
/// A person or company related to a corporate client: director, shareholder, beneficial owner,
/// authorised signatory. A shareholder holds a percentage either of the client company itself or
/// of another company in the structure (a holding layer).
/// </summary>
public sealed class CorporateParty : IVersioned
{
    public long Id { get; set; }

    /// <summary>The corporate client this structure belongs to.</summary>
    public long ClientId { get; set; }

    public PartyKind Kind { get; set; }
    public string Name { get; set; } = "";
    public PartyRoles Roles { get; set; }
    public bool IsNominee { get; set; }
    public bool IsTrust { get; set; }
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>Nationality (person) or country of incorporation (company).</summary>
    public string? Country { get; set; }

    /// <summary>The company in the structure whose shares it holds; null with a percentage means the client company itself.</summary>
    public long? HoldsInPartyId { get; set; }

    public decimal? OwnershipPercent { get; set; }
    public DateTime AddedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>Turns a client's stored parties into the ownership structure the rules analyse. The client company is party -1 (saved parties have positive ids; one being added has 0).</summary>
public static class CorporateStructure
{
    public const long RootId = -1;

    public static OwnershipStructure Build(Client client, IReadOnlyList<CorporateParty> parties)
    {
        var nodes = new List<RelatedParty> { new(RootId, client.DisplayName, PartyKind.Company) };
        nodes.AddRange(parties.Select(p => new RelatedParty(p.Id, p.Name, p.Kind, p.Roles, p.IsNominee, p.IsTrust)));
        var holdings = parties.Where(p => p.OwnershipPercent is > 0).Select(p => new Holding(p.Id, p.HoldsInPartyId ?? RootId, p.OwnershipPercent!.Value)).ToList();
        return new OwnershipStructure(RootId, nodes, holdings);
    }

    public static async Task<(IReadOnlyList<CorporateParty> Parties, Result<OwnershipAnalysis>? Analysis)> AnalyseAsync(BackOfficeDb db, Client client,
        CancellationToken ct)
    {
        if (client.Kind != ClientKind.Corporate) return ([], null);
        var parties = await db.CorporateParties.Where(p => p.ClientId == client.Id).OrderBy(p => p.Id).ToListAsync(ct);
        return (parties, Build(client, parties).Analyse(OwnershipRules.Default));
    }
}
