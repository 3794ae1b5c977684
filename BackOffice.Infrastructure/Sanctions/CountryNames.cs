namespace BackOffice.Infrastructure.Sanctions;

/// <summary>
/// Country names as the OFAC files write them, to ISO 3166 alpha-2. A small table on purpose:
/// the countries the lists name most; a name not found is kept as written, and the matcher
/// then simply finds no country agreement for it.
/// </summary>
internal static class CountryNames
{
    private static readonly Dictionary<string, string> ToIso = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Afghanistan"] = "AF", ["Albania"] = "AL", ["Algeria"] = "DZ", ["Angola"] = "AO", ["Argentina"] = "AR",
        ["Armenia"] = "AM", ["Austria"] = "AT", ["Azerbaijan"] = "AZ", ["Bahrain"] = "BH", ["Belarus"] = "BY",
        ["Belgium"] = "BE", ["Bosnia and Herzegovina"] = "BA", ["Brazil"] = "BR", ["Bulgaria"] = "BG",
        ["Burma"] = "MM", ["Myanmar"] = "MM", ["Cambodia"] = "KH", ["Canada"] = "CA", ["Central African Republic"] = "CF",
        ["China"] = "CN", ["Colombia"] = "CO", ["Congo, Democratic Republic of the"] = "CD", ["Cuba"] = "CU",
        ["Cyprus"] = "CY", ["Czech Republic"] = "CZ", ["Czechia"] = "CZ", ["Egypt"] = "EG", ["Eritrea"] = "ER",
        ["Ethiopia"] = "ET", ["France"] = "FR", ["Georgia"] = "GE", ["Germany"] = "DE", ["Greece"] = "GR",
        ["Hong Kong"] = "HK", ["India"] = "IN", ["Indonesia"] = "ID", ["Iran"] = "IR", ["Iraq"] = "IQ",
        ["Israel"] = "IL", ["Italy"] = "IT", ["Japan"] = "JP", ["Jordan"] = "JO", ["Kazakhstan"] = "KZ",
        ["Kenya"] = "KE", ["Korea, North"] = "KP", ["Korea, South"] = "KR", ["Kosovo"] = "XK", ["Kuwait"] = "KW",
        ["Kyrgyzstan"] = "KG", ["Latvia"] = "LV", ["Lebanon"] = "LB", ["Libya"] = "LY", ["Lithuania"] = "LT",
        ["Malaysia"] = "MY", ["Mali"] = "ML", ["Malta"] = "MT", ["Mexico"] = "MX", ["Moldova"] = "MD",
        ["Montenegro"] = "ME", ["Morocco"] = "MA", ["Netherlands"] = "NL", ["Nicaragua"] = "NI", ["Nigeria"] = "NG",
        ["North Macedonia"] = "MK", ["Oman"] = "OM", ["Pakistan"] = "PK", ["Panama"] = "PA", ["Philippines"] = "PH",
        ["Poland"] = "PL", ["Qatar"] = "QA", ["Romania"] = "RO", ["Russia"] = "RU", ["Saudi Arabia"] = "SA",
        ["Serbia"] = "RS", ["Singapore"] = "SG", ["Somalia"] = "SO", ["South Africa"] = "ZA", ["South Sudan"] = "SS",
        ["Spain"] = "ES", ["Sri Lanka"] = "LK", ["Sudan"] = "SD", ["Switzerland"] = "CH", ["Syria"] = "SY",
        ["Taiwan"] = "TW", ["Tajikistan"] = "TJ", ["Tanzania"] = "TZ", ["Thailand"] = "TH", ["Tunisia"] = "TN",
        ["Turkey"] = "TR", ["Turkiye"] = "TR", ["Turkmenistan"] = "TM", ["Uganda"] = "UG", ["Ukraine"] = "UA",
        ["United Arab Emirates"] = "AE", ["United Kingdom"] = "GB", ["United States"] = "US", ["Uzbekistan"] = "UZ",
        ["Venezuela"] = "VE", ["Vietnam"] = "VN", ["West Bank"] = "PS", ["Yemen"] = "YE", ["Zimbabwe"] = "ZW",
    };

    /// <summary>The ISO code for <paramref name="name"/>, or the name itself (trimmed) when the table does not know it.</summary>
    public static string Iso(string name)
    {
        var trimmed = name.Trim().TrimEnd('.');
        return ToIso.GetValueOrDefault(trimmed, trimmed);
    }
}
