namespace BackOffice.Core.Common;

/// <summary>A currency the broker handles, with the number of minor-unit digits its amounts are kept in.</summary>
public sealed record CurrencyInfo(string Code, string Name, int Digits)
{
    /// <summary>How many minor units make one unit: 100 for USD, 1 for JPY, 1,000,000 for USDT.</summary>
    public long UnitsPerWhole { get; } = Pow10(Digits);

    private static long Pow10(int digits)
    {
        var value = 1L;
        for (var i = 0; i < digits; i++) value *= 10;
        return value;
    }
}

/// <summary>
/// The currencies amounts may be kept in. Each keeps its own digits (ISO 4217 for fiat; the processors' precision
/// for crypto), so a JPY amount is never stored with cents and a USDT one never loses its sixth decimal.
/// </summary>
public static class Currencies
{
    public static IReadOnlyList<CurrencyInfo> All { get; } =
    [
        new("USD", "US dollar", 2), new("EUR", "Euro", 2), new("GBP", "Pound sterling", 2), new("CHF", "Swiss franc", 2),
        new("AUD", "Australian dollar", 2), new("CAD", "Canadian dollar", 2), new("JPY", "Japanese yen", 0),
        new("AED", "UAE dirham", 2), new("ZAR", "South African rand", 2), new("KWD", "Kuwaiti dinar", 3),
        new("USDT", "Tether (USD₮)", 6), new("USDC", "USD Coin", 6), new("BTC", "Bitcoin", 8), new("ETH", "Ether", 8),
    ];

    private static readonly Dictionary<string, CurrencyInfo> ByCode = All.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    public static CurrencyInfo? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code.Trim());
}
