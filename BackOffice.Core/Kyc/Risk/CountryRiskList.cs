namespace BackOffice.Core.Kyc.Risk;

public enum CountryRisk
{
    Standard = 0,

    /// <summary>FATF "grey list": jurisdictions under increased monitoring.</summary>
    IncreasedMonitoring = 1,

    /// <summary>FATF "black list": high-risk jurisdictions subject to a call for action.</summary>
    HighRisk = 2,
}

public sealed record ListedCountry(string Code, string Name, CountryRisk Risk);

/// <summary>
/// Countries that carry more than standard risk, by ISO 3166-1 alpha-2 code; every other country is standard.
/// FATF revises its lists after each plenary (February, June, October): <see cref="Source"/> says which edition
/// this is, and an administrator replaces the list, not the code.
/// </summary>
public sealed record CountryRiskList(string Source, IReadOnlyList<ListedCountry> Countries)
{
    public ListedCountry? Find(string? code) =>
        code is null ? null : Countries.FirstOrDefault(c => string.Equals(c.Code, code.Trim(), StringComparison.OrdinalIgnoreCase));

    public CountryRisk RiskOf(string? code) => Find(code)?.Risk ?? CountryRisk.Standard;

    /// <summary>"KE Kenya", for explanations; the code alone where neither this list nor the onboarding list knows it.</summary>
    public string Describe(string code)
    {
        var name = Find(code)?.Name ?? Accounts.Countries.Find(code)?.Name;
        return name is null ? code.Trim().ToUpperInvariant() : $"{code.Trim().ToUpperInvariant()} {name}";
    }

    public static CountryRiskList Fatf { get; } = new("FATF public statements of 24 October 2025",
    [
        new("KP", "North Korea", CountryRisk.HighRisk), new("IR", "Iran", CountryRisk.HighRisk),
        new("MM", "Myanmar", CountryRisk.HighRisk),

        new("DZ", "Algeria", CountryRisk.IncreasedMonitoring), new("AO", "Angola", CountryRisk.IncreasedMonitoring),
        new("BO", "Bolivia", CountryRisk.IncreasedMonitoring), new("BG", "Bulgaria", CountryRisk.IncreasedMonitoring),
        new("CM", "Cameroon", CountryRisk.IncreasedMonitoring), new("CI", "Côte d'Ivoire", CountryRisk.IncreasedMonitoring),
        new("CD", "Democratic Republic of the Congo", CountryRisk.IncreasedMonitoring), new("HT", "Haiti", CountryRisk.IncreasedMonitoring),
        new("KE", "Kenya", CountryRisk.IncreasedMonitoring), new("LA", "Lao PDR", CountryRisk.IncreasedMonitoring),
        new("LB", "Lebanon", CountryRisk.IncreasedMonitoring), new("MC", "Monaco", CountryRisk.IncreasedMonitoring),
        new("NA", "Namibia", CountryRisk.IncreasedMonitoring), new("NP", "Nepal", CountryRisk.IncreasedMonitoring),
        new("SS", "South Sudan", CountryRisk.IncreasedMonitoring), new("SY", "Syria", CountryRisk.IncreasedMonitoring),
        new("VE", "Venezuela", CountryRisk.IncreasedMonitoring), new("VN", "Vietnam", CountryRisk.IncreasedMonitoring),
        new("VG", "British Virgin Islands", CountryRisk.IncreasedMonitoring), new("YE", "Yemen", CountryRisk.IncreasedMonitoring),
    ]);
}
