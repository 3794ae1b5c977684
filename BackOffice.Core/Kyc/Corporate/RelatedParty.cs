namespace BackOffice.Core.Kyc.Corporate;

public enum PartyKind
{
    Person,
    Company,
}

[Flags]
public enum PartyRoles
{
    None = 0,
    Director = 1,
    Shareholder = 2,
    BeneficialOwner = 4,
    AuthorisedSignatory = 8,
}

/// <summary>
/// A person or company linked to a corporate client, as its registers and the client's declaration give it.
/// <see cref="IsNominee"/> and <see cref="IsTrust"/> mark parties that stand in for someone else: the people
/// behind them still have to be identified.
/// </summary>
public sealed record RelatedParty(
    long Id,
    string Name,
    PartyKind Kind,
    PartyRoles Roles = PartyRoles.None,
    bool IsNominee = false,
    bool IsTrust = false);

/// <summary>A direct holding: the holder owns <see cref="Percent"/> % of the company's shares.</summary>
public sealed record Holding(long HolderId, long CompanyId, decimal Percent);
