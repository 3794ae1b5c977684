using BackOffice.Core.Accounts.Clients;

namespace BackOffice.Core.Kyc.Risk;

public enum SourceOfFunds
{
    Salary,
    Savings,
    BusinessIncome,
    Investments,
    Inheritance,
    SaleOfProperty,
    Crypto,
    OtherOrUndeclared,
}

/// <summary>What a person does for a living, or what a company does: the FATF sector typologies, coarse.</summary>
public enum OccupationCategory
{
    Employed,
    SelfEmployed,
    Retired,
    Student,
    Unemployed,
    FinancialServices,
    RealEstate,
    CashIntensiveBusiness,
    Gambling,
    PreciousMetalsOrJewellery,
    CryptoAssets,
    ArmsOrDefence,
    Other,
}

/// <summary>What the risk score is worked out from, as the profile, screening and ownership review hold it.</summary>
public sealed record RiskProfile
{
    public ClientKind Kind { get; init; }

    /// <summary>ISO-2. For a company, where it is run from; optional, its country of incorporation is what is required.</summary>
    public string? CountryOfResidence { get; init; }

    public string? Nationality { get; init; }
    public string? CountryOfIncorporation { get; init; }
    public bool IsPep { get; init; }

    /// <summary>A screening hit nobody has yet cleared as a false positive.</summary>
    public bool HasUnresolvedScreeningHit { get; init; }

    /// <summary>A hit a reviewer has confirmed: the client is the listed person or entity.</summary>
    public bool IsConfirmedSanctionsMatch { get; init; }

    /// <summary>From the ownership analysis (<c>OwnershipComplexity.IsComplex</c>).</summary>
    public bool HasComplexStructure { get; init; }

    public SourceOfFunds SourceOfFunds { get; init; } = SourceOfFunds.OtherOrUndeclared;
    public decimal ExpectedYearlyVolumeUsd { get; init; }

    /// <summary>The client's own words ("jeweller", "software developer"); the category is what is scored.</summary>
    public string? Occupation { get; init; }

    public OccupationCategory OccupationCategory { get; init; } = OccupationCategory.Other;
}

public static class RiskProfileText
{
    public static string Describe(this SourceOfFunds s) => s switch
    {
        SourceOfFunds.Salary => "salary",
        SourceOfFunds.Savings => "savings",
        SourceOfFunds.BusinessIncome => "business income",
        SourceOfFunds.Investments => "investments",
        SourceOfFunds.Inheritance => "inheritance",
        SourceOfFunds.SaleOfProperty => "sale of property",
        SourceOfFunds.Crypto => "crypto-assets",
        _ => "other or not declared",
    };

    public static string Describe(this OccupationCategory c) => c switch
    {
        OccupationCategory.SelfEmployed => "self-employed",
        OccupationCategory.FinancialServices => "financial services",
        OccupationCategory.RealEstate => "real estate",
        OccupationCategory.CashIntensiveBusiness => "cash-intensive business",
        OccupationCategory.PreciousMetalsOrJewellery => "precious metals or jewellery",
        OccupationCategory.CryptoAssets => "crypto-assets",
        OccupationCategory.ArmsOrDefence => "arms or defence",
        _ => c.ToString().ToLowerInvariant(),
    };
}
