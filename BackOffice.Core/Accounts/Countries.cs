namespace BackOffice.Core.Accounts;

public sealed record Country(string Code, string Name, string Region);

/// <summary>ISO 3166-1 alpha-2 countries the broker onboards, with the region reports group them by.</summary>
public static class Countries
{
    public static IReadOnlyList<Country> All { get; } =
    [
        new("AE", "United Arab Emirates", "Middle East"), new("AR", "Argentina", "Latin America"), new("AT", "Austria", "Europe"),
        new("AU", "Australia", "Oceania"), new("BE", "Belgium", "Europe"), new("BG", "Bulgaria", "Europe"),
        new("BH", "Bahrain", "Middle East"), new("BR", "Brazil", "Latin America"), new("CA", "Canada", "North America"),
        new("CH", "Switzerland", "Europe"), new("CL", "Chile", "Latin America"), new("CN", "China", "Asia"),
        new("CO", "Colombia", "Latin America"), new("CY", "Cyprus", "Europe"), new("CZ", "Czechia", "Europe"),
        new("DE", "Germany", "Europe"), new("DK", "Denmark", "Europe"), new("EG", "Egypt", "Africa"),
        new("ES", "Spain", "Europe"), new("FI", "Finland", "Europe"), new("FR", "France", "Europe"),
        new("GB", "United Kingdom", "Europe"), new("GR", "Greece", "Europe"), new("HK", "Hong Kong", "Asia"),
        new("HU", "Hungary", "Europe"), new("ID", "Indonesia", "Asia"), new("IE", "Ireland", "Europe"),
        new("IN", "India", "Asia"), new("IT", "Italy", "Europe"), new("JO", "Jordan", "Middle East"),
        new("JP", "Japan", "Asia"), new("KE", "Kenya", "Africa"), new("KR", "South Korea", "Asia"),
        new("KW", "Kuwait", "Middle East"), new("KZ", "Kazakhstan", "Asia"), new("LB", "Lebanon", "Middle East"),
        new("MA", "Morocco", "Africa"), new("MX", "Mexico", "Latin America"), new("MY", "Malaysia", "Asia"),
        new("NG", "Nigeria", "Africa"), new("NL", "Netherlands", "Europe"), new("NO", "Norway", "Europe"),
        new("NZ", "New Zealand", "Oceania"), new("OM", "Oman", "Middle East"), new("PE", "Peru", "Latin America"),
        new("PH", "Philippines", "Asia"), new("PL", "Poland", "Europe"), new("PT", "Portugal", "Europe"),
        new("QA", "Qatar", "Middle East"), new("RO", "Romania", "Europe"), new("SA", "Saudi Arabia", "Middle East"),
        new("SE", "Sweden", "Europe"), new("SG", "Singapore", "Asia"), new("TH", "Thailand", "Asia"),
        new("TR", "Türkiye", "Europe"), new("TW", "Taiwan", "Asia"), new("UA", "Ukraine", "Europe"),
        new("US", "United States", "North America"), new("VN", "Vietnam", "Asia"), new("ZA", "South Africa", "Africa"),
    ];

    private static readonly Dictionary<string, Country> ByCode = All.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    public static Country? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code.Trim());

    public static bool Exists(string? code) => Find(code) is not null;

    public static IReadOnlyList<string> Regions { get; } = All.Select(c => c.Region).Distinct().Order().ToList();
}
